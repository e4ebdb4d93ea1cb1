// @generated: copied from patches/async_utils.rs by the `events_post_async` patch; edit that file instead.

//! Fire-and-forget sending of usage events through a bounded background queue.
//!
//! [`EventQueue::enqueue`] and the `events_post_async` method that the patcher adds to the
//! events API return at once. They fill in an empty `event_id` (UUID v7) and `timestamp`
//! (RFC 3339, UTC), keep the event in memory and return its id. Background worker threads
//! send it, retry it when the failure may be temporary, and report its outcome to an
//! optional [`Callback`].
//!
//! # Guarantees
//!
//! - Each accepted event gets exactly one outcome: delivered, rejected by the server,
//!   failed after the last retry, or abandoned at a shutdown deadline. Its callback, if any,
//!   runs exactly once, on a worker thread. A panic in a callback is caught and logged.
//! - Every attempt for an event sends the same `event_id` and `timestamp`, so the server
//!   can drop duplicates when an answer was lost and the event is sent again. The event is
//!   serialized once, on the caller's thread, and every attempt sends those bytes.
//! - Retries happen only after connection errors, timeouts and statuses 408, 429, 500,
//!   502, 503 and 504. Workers do not follow redirects: a 3xx fails the event with its
//!   status, because following it would drop the body. The wait before retry `n` is
//!   `retry_delay * 2^(n-1) * random factor in [0.5, 1.5)`, at least the server's
//!   `Retry-After`, and at most `max_retry_delay`. Events waiting for a retry do not hold
//!   up other events.
//! - At most `max_queue_size` events are held at once, counting queued ones, ones in
//!   flight and ones waiting for a retry. When the queue is full, enqueueing fails at once
//!   with [`EnqueueErrorKind::QueueFull`] and returns the event.
//! - Enqueueing never blocks on the network and needs no async runtime: each of the
//!   `workers` threads runs its own single-threaded tokio runtime with its own HTTP client,
//!   so the caller may be plain `main`, any tokio runtime, or a task.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use flexprice::apis::events_api::EventsApi;
//! use flexprice::async_utils::{EventEndpoint, EventQueue, QueueBuilder};
//! use flexprice::{ApiClient, Configuration};
//!
//! // The event model's name depends on the spec (`IngestEventRequest` or
//! // `DtoIngestEventRequest`); the endpoint trait names it either way.
//! type Event = <EventsApi as EventEndpoint>::Event;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let configuration = Configuration::new().with_api_key("sk_test");
//! let events = EventsApi::new(ApiClient::new(configuration)?);
//!
//! // Optional: without this, the first call creates a queue with the default settings.
//! QueueBuilder::new().workers(4).install(&events)?;
//!
//! let event = Event::new("api_call".to_owned(), "customer-42".to_owned());
//! let event_id = events.events_post_async(
//!     event,
//!     Some(Box::new(|outcome| match outcome {
//!         Ok(delivered) => log::info!("delivered {}", delivered.event_id),
//!         Err(failure) => log::error!("lost {}: {failure}", failure.event_id),
//!     })),
//! )?;
//! log::debug!("queued {event_id}");
//!
//! let queue = EventQueue::of(&events)?;
//! queue.flush(Duration::from_secs(10))?;
//! let report = queue.shutdown(Duration::from_secs(10))?;
//! let settled = report.delivered + report.failed + report.abandoned;
//! assert_eq!(settled + report.unresolved, report.accepted);
//! # Ok(())
//! # }
//! ```
//!
//! # Shutdown and process exit
//!
//! [`EventQueue::shutdown`] rejects new events at once, keeps sending queued events and
//! retries until they finish or the deadline nears, then abandons the rest. It returns by
//! the deadline and joins the worker threads if they have stopped by then. Events still
//! unsettled at that point, because a callback or a request outlasted the deadline, count
//! as `unresolved` in its [`ShutdownReport`] and get their outcome later on a worker.
//! Dropping the last handle to a queue does the same with the drop timeout (5 s unless
//! [`QueueBuilder::drop_timeout`] changes it), blocking the dropping thread, also after an
//! explicit `shutdown` that left events unresolved. The queue that `events_post_async`
//! creates is stored in the `ApiClient`, so it shuts down when the last clone of that
//! client is dropped.
//!
//! Rust runs no destructors for statics, and `std::process::exit` runs none at all: events
//! still queued then are lost without a callback. Call `shutdown` before the process exits.
//!
//! # Logging
//!
//! Through the `log` crate: enqueues and retries at debug level, the first rejection of a
//! burst at warn level (with the count when the burst ends), abandoned events at warn level,
//! and each permanent failure at error level, always with the event id. This module never
//! logs event properties, response bodies or the API key.

use std::cell::{Cell, RefCell};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Poll, Waker};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime};

use crate::apis::{ApiClient, Configuration, Error};

/// Default for [`QueueBuilder::max_queue_size`].
pub const DEFAULT_MAX_QUEUE_SIZE: usize = 1000;
/// Default for [`QueueBuilder::workers`].
pub const DEFAULT_WORKERS: usize = 2;
/// Largest [`QueueBuilder::workers`]. Each worker is a thread with its own runtime and
/// HTTP connection, and a process that cannot create that many threads aborts.
pub const MAX_WORKERS: usize = 256;
/// Default for [`QueueBuilder::max_retries`].
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// Default for [`QueueBuilder::retry_delay`].
pub const DEFAULT_RETRY_DELAY: Duration = Duration::from_secs(1);
/// Default for [`QueueBuilder::max_retry_delay`].
pub const DEFAULT_MAX_RETRY_DELAY: Duration = Duration::from_secs(30);
/// Default for [`QueueBuilder::drop_timeout`].
pub const DEFAULT_DROP_TIMEOUT: Duration = Duration::from_secs(5);
/// Request timeout the workers use when the `Configuration` sets none.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default for [`QueueBuilder::max_batch_bytes`].
///
/// NOTE: the FlexPrice spec states no request size limit; this value is a guess. A bulk
/// request that fails with a status that is not retried, which includes the 400 or 413 of
/// a body that is too large, is resent one event at a time.
pub const DEFAULT_MAX_BATCH_BYTES: usize = 512 * 1024;

/// Statuses after which an event is sent again.
const RETRYABLE_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];
/// Maximum time by which workers stop sending before a shutdown deadline, so that
/// callbacks and thread exits finish before `shutdown` returns.
const SHUTDOWN_MARGIN: Duration = Duration::from_millis(100);
/// Maximum wait for a worker runtime's blocking threads (DNS lookups) when it stops.
const RUNTIME_STOP_TIMEOUT: Duration = Duration::from_millis(100);

thread_local! {
    /// Whether this thread is a queue worker, so that blocking calls can fail instead of
    /// waiting for themselves.
    static ON_WORKER_THREAD: Cell<bool> = const { Cell::new(false) };
}

fn on_worker_thread() -> bool {
    ON_WORKER_THREAD.with(Cell::get)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An API whose events the queue can send; the patcher implements it for the events API.
///
/// Implementations map the generic queue onto one spec's generated names: the event model,
/// its `event_id` and `timestamp` fields, and the single and bulk ingest methods.
pub trait EventEndpoint: Sized + Send + 'static {
    /// Request body of one event.
    type Event: serde::Serialize + Send + 'static;
    /// 2xx response of the send methods, decoded from JSON for callbacks.
    type Response: serde::de::DeserializeOwned + Clone + fmt::Debug + Send + 'static;
    /// Typed error body of the send methods.
    type ErrorBody: fmt::Debug + Send + Sync + 'static;

    /// Maximum number of events in one bulk request, or 0 when the API has no bulk endpoint.
    const MAX_BATCH_EVENTS: usize = 0;

    /// JSON name of the bulk request's list of events: a batch is sent as
    /// `{"<BATCH_FIELD>":[event, ...]}`.
    const BATCH_FIELD: &'static str = "events";

    /// Builds an endpoint with its own HTTP client, for one worker thread.
    ///
    /// # Errors
    ///
    /// Returns the error from building the client.
    fn from_configuration(configuration: Configuration) -> Result<Self, Error>;

    /// Returns the client that stores the default queue.
    fn api_client(&self) -> &ApiClient;

    /// Returns the event's `event_id`.
    fn event_id(event: &Self::Event) -> Option<&str>;

    /// Sets the event's `event_id`.
    fn set_event_id(event: &mut Self::Event, event_id: String);

    /// Returns the event's `timestamp`.
    fn timestamp(event: &Self::Event) -> Option<&str>;

    /// Sets the event's `timestamp`.
    fn set_timestamp(event: &mut Self::Event, timestamp: String);

    /// Sends one event, given as its JSON serialization, and returns the body of the 2xx
    /// response.
    ///
    /// The queue decodes the body into [`Self::Response`] only for events with a callback.
    fn send(&self, body: Vec<u8>) -> impl Future<Output = Result<Vec<u8>, Error<Self::ErrorBody>>>;

    /// Sends up to [`Self::MAX_BATCH_EVENTS`] events in one bulk request, given as its JSON
    /// body, and returns the body of the 2xx response.
    ///
    /// The default fails with `Error::InvalidRequest`. The queue calls it only when
    /// `MAX_BATCH_EVENTS` is above 0.
    fn send_batch(
        &self,
        body: Vec<u8>,
    ) -> impl Future<Output = Result<Vec<u8>, Error<Self::ErrorBody>>> {
        let size = body.len();
        async move {
            Err(Error::InvalidRequest(format!(
                "this API has no bulk event endpoint for a body of {size} bytes"
            )))
        }
    }
}

/// Identifier of an accepted event: its `event_id` field.
///
/// Compares, orders and hashes as its text.
#[derive(Clone)]
pub struct EventId(IdText);

/// Maximum length in bytes of an id that [`EventId`] keeps inline. A hyphenated UUID has 36.
const INLINE_ID_BYTES: usize = 40;

/// Text of an [`EventId`].
///
/// An id as long as a UUID is kept inline, so that copying it from the caller's thread to
/// a worker writes no reference count that both threads share. In the single-event
/// benchmark, the shared count of an `Arc<str>` cost one cache miss per delivered event.
#[derive(Clone)]
enum IdText {
    Inline {
        len: u8,
        bytes: [u8; INLINE_ID_BYTES],
    },
    Shared(Arc<str>),
}

impl EventId {
    fn new(id: &str) -> Self {
        let mut bytes = [0; INLINE_ID_BYTES];
        match (bytes.get_mut(..id.len()), u8::try_from(id.len())) {
            (Some(prefix), Ok(len)) => {
                prefix.copy_from_slice(id.as_bytes());
                EventId(IdText::Inline { len, bytes })
            }
            _ => EventId(IdText::Shared(Arc::from(id))),
        }
    }

    /// Returns the id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // The bytes were copied from a whole `str`, so the conversion cannot fail.
            IdText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            IdText::Shared(text) => text,
        }
    }

    /// Returns the id as an owned string.
    #[must_use]
    pub fn into_string(self) -> String {
        self.as_str().to_owned()
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EventId").field(&self.as_str()).finish()
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for EventId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for EventId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for EventId {}

impl PartialOrd for EventId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EventId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for EventId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Outcome of an event that the server accepted with a 2xx status.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Delivered<R> {
    /// The event's id.
    pub event_id: EventId,
    /// Requests that carried the event, including the successful one.
    pub attempts: u32,
    /// The decoded response, or `None` when the 2xx body did not decode.
    ///
    /// For events sent in a bulk request, this is the bulk request's response.
    pub response: Option<R>,
}

/// Reason an event was not delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// The server responded with a status that is not retried, such as 400, 401 or 422,
    /// or the request could not be built.
    Rejected,
    /// The last allowed attempt failed with a retryable error.
    RetriesExhausted,
    /// The shutdown deadline came before the event was delivered.
    Abandoned,
}

/// Outcome of an event that was not delivered.
#[derive(Debug)]
#[non_exhaustive]
pub struct Failure<B> {
    /// The event's id.
    pub event_id: EventId,
    /// Requests that carried the event; 0 when it was abandoned before its first attempt.
    pub attempts: u32,
    /// Reason the event was not delivered.
    pub kind: FailureKind,
    /// The error of the last attempt; `None` when no attempt finished.
    ///
    /// Events of one bulk request share this value.
    pub error: Option<Arc<Error<B>>>,
}

impl<B> Failure<B> {
    /// Returns the status code of the last response, if the server responded.
    #[must_use]
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        self.error.as_ref().and_then(|error| error.status())
    }
}

impl<B> fmt::Display for Failure<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            FailureKind::Rejected => "was rejected",
            FailureKind::RetriesExhausted => "failed on its last retry",
            FailureKind::Abandoned => "was abandoned at the shutdown deadline",
        };
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(
            f,
            "event {} {what} after {} attempt{plural}",
            self.event_id, self.attempts
        )?;
        if let Some(error) = &self.error {
            write!(f, ": {}", describe_error(error))?;
        }
        Ok(())
    }
}

impl<B: fmt::Debug> std::error::Error for Failure<B>
where
    Error<B>: std::error::Error + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error
            .as_deref()
            .map(|error| error as &(dyn std::error::Error + 'static))
    }
}

/// Outcome passed to a [`Callback`].
pub type Outcome<E> =
    Result<Delivered<<E as EventEndpoint>::Response>, Failure<<E as EventEndpoint>::ErrorBody>>;

/// Function called once with an event's outcome, on a worker thread.
///
/// It runs inside the worker's tokio runtime, so it must not block on another runtime,
/// and while it runs that worker sends nothing: keep it short. The callbacks of events
/// abandoned at a shutdown deadline run one after another on one worker. Calling
/// [`EventQueue::flush`] or [`EventQueue::shutdown`] from it returns an error.
pub type Callback<E> = Box<dyn FnOnce(Outcome<E>) + Send + 'static>;

/// Counters of a queue since it started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Events accepted by enqueue.
    pub accepted: u64,
    /// Enqueue calls that returned an error.
    pub rejected: u64,
    /// Events delivered.
    pub delivered: u64,
    /// Retries scheduled, counting each event of a bulk request.
    pub retried: u64,
    /// Events rejected by the server or failed after the last retry.
    pub failed: u64,
    /// Events abandoned at a shutdown deadline.
    pub abandoned: u64,
    /// Events held now: queued, in flight, waiting for a retry or in their callback.
    pub depth: usize,
}

/// Result of [`EventQueue::shutdown`]: what happened to every accepted event.
///
/// `delivered + failed + abandoned + unresolved == accepted`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShutdownReport {
    /// Events accepted over the queue's life.
    pub accepted: u64,
    /// Events delivered.
    pub delivered: u64,
    /// Events rejected by the server or failed after the last retry.
    pub failed: u64,
    /// Events abandoned at the shutdown deadline.
    pub abandoned: u64,
    /// Events whose outcome was not settled when `shutdown` returned, because a callback
    /// was still running or a worker was late. Each still gets one outcome and callback;
    /// no request for them starts after the deadline.
    pub unresolved: u64,
}

/// Reason an event was not accepted.
#[derive(Debug)]
#[non_exhaustive]
pub enum EnqueueErrorKind {
    /// The queue already contains `max_queue_size` events.
    QueueFull {
        /// The queue's limit.
        max_queue_size: usize,
    },
    /// The queue was shut down.
    ShutDown,
    /// The default queue could not be started.
    Start(StartError),
    /// The event could not be serialized as JSON.
    InvalidEvent {
        /// serde_json's message.
        message: String,
    },
}

/// Error of enqueueing: the reason, and the event so that the caller can keep it.
///
/// The returned event already has its `event_id` and `timestamp` filled in, so sending it
/// again later keeps both.
pub struct EnqueueError<T> {
    kind: EnqueueErrorKind,
    event: Box<T>,
}

impl<T> EnqueueError<T> {
    /// Returns why the event was not accepted.
    #[must_use]
    pub fn kind(&self) -> &EnqueueErrorKind {
        &self.kind
    }

    /// Returns whether the queue was full.
    #[must_use]
    pub fn is_queue_full(&self) -> bool {
        matches!(self.kind, EnqueueErrorKind::QueueFull { .. })
    }

    /// Returns whether the queue was shut down.
    #[must_use]
    pub fn is_shut_down(&self) -> bool {
        matches!(self.kind, EnqueueErrorKind::ShutDown)
    }

    /// Returns the event that was not accepted.
    #[must_use]
    pub fn event(&self) -> &T {
        &self.event
    }

    /// Takes back the event that was not accepted.
    #[must_use]
    pub fn into_event(self) -> T {
        *self.event
    }
}

impl<T> fmt::Debug for EnqueueError<T> {
    // The event is left out: its properties may be confidential.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnqueueError")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for EnqueueErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnqueueErrorKind::QueueFull { max_queue_size } => write!(
                f,
                "event queue is full ({max_queue_size} events held); \
                 flush it, or raise max_queue_size"
            ),
            EnqueueErrorKind::ShutDown => {
                f.write_str("event queue is shut down and accepts no more events")
            }
            EnqueueErrorKind::Start(error) => write!(f, "event queue did not start: {error}"),
            EnqueueErrorKind::InvalidEvent { message } => write!(
                f,
                "event could not be serialized as JSON: {message}; check its properties"
            ),
        }
    }
}

impl<T> fmt::Display for EnqueueError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl<T> std::error::Error for EnqueueError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            EnqueueErrorKind::Start(error) => Some(error),
            EnqueueErrorKind::QueueFull { .. }
            | EnqueueErrorKind::ShutDown
            | EnqueueErrorKind::InvalidEvent { .. } => None,
        }
    }
}

/// Error of starting a queue.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// A builder setting is out of range.
    InvalidSetting {
        /// The builder method, for example `workers`.
        setting: &'static str,
        /// Description of the problem with the value.
        reason: String,
    },
    /// The HTTP client of a worker could not be built from the configuration.
    Endpoint(Error),
    /// A worker thread could not be spawned.
    Spawn(std::io::Error),
    /// The client already has a queue; install a configured queue before the first event.
    AlreadyInstalled,
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::InvalidSetting { setting, reason } => {
                write!(f, "invalid event queue setting {setting}: {reason}")
            }
            StartError::Endpoint(error) => {
                write!(f, "building the worker HTTP client failed: {error}")
            }
            StartError::Spawn(error) => write!(f, "spawning an event queue worker failed: {error}"),
            StartError::AlreadyInstalled => f.write_str(
                "this client already has an event queue; install the configured queue \
                 before sending the first event",
            ),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Endpoint(error) => Some(error),
            StartError::Spawn(error) => Some(error),
            StartError::InvalidSetting { .. } | StartError::AlreadyInstalled => None,
        }
    }
}

/// Error of [`EventQueue::flush`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlushError {
    /// The timeout passed first; the pending events stay queued.
    TimedOut {
        /// Events accepted before the call that still had no outcome.
        pending: usize,
        /// The timeout that passed.
        timeout: Duration,
    },
    /// Called from a worker thread, for example in a callback, where waiting would
    /// deadlock.
    CalledFromWorker,
}

impl fmt::Display for FlushError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlushError::TimedOut { pending, timeout } => write!(
                f,
                "event queue flush timed out after {timeout:?} with {pending} events pending; \
                 they stay queued"
            ),
            FlushError::CalledFromWorker => f.write_str(
                "event queue flush was called from a worker thread (a callback), \
                 where it would wait for itself",
            ),
        }
    }
}

impl std::error::Error for FlushError {}

/// Error of [`EventQueue::shutdown`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShutdownError {
    /// Called from a worker thread, for example in a callback, where waiting would
    /// deadlock. The queue keeps running.
    CalledFromWorker,
}

impl fmt::Display for ShutdownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShutdownError::CalledFromWorker => f.write_str(
                "event queue shutdown was called from a worker thread (a callback), \
                 where it would wait for itself",
            ),
        }
    }
}

impl std::error::Error for ShutdownError {}

/// Settings of a queue; start it with [`QueueBuilder::install`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct QueueBuilder {
    max_queue_size: usize,
    workers: usize,
    max_retries: u32,
    retry_delay: Duration,
    max_retry_delay: Duration,
    batch_events: usize,
    batch_linger: Duration,
    max_batch_bytes: usize,
    drop_timeout: Duration,
}

impl Default for QueueBuilder {
    fn default() -> Self {
        QueueBuilder {
            max_queue_size: DEFAULT_MAX_QUEUE_SIZE,
            workers: DEFAULT_WORKERS,
            max_retries: DEFAULT_MAX_RETRIES,
            retry_delay: DEFAULT_RETRY_DELAY,
            max_retry_delay: DEFAULT_MAX_RETRY_DELAY,
            batch_events: 1,
            batch_linger: Duration::ZERO,
            max_batch_bytes: DEFAULT_MAX_BATCH_BYTES,
            drop_timeout: DEFAULT_DROP_TIMEOUT,
        }
    }
}

impl QueueBuilder {
    /// Creates a builder with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the maximum number of events held at once (default 1000, at least 1).
    pub fn max_queue_size(mut self, max_queue_size: usize) -> Self {
        self.max_queue_size = max_queue_size;
        self
    }

    /// Sets the number of worker threads (default 2, from 1 to [`MAX_WORKERS`]).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers;
        self
    }

    /// Sets how often a failed request is retried (default 3, so at most 4 attempts).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Sets the base wait before the first retry (default 1 s); it doubles per retry, up
    /// to [`QueueBuilder::max_retry_delay`].
    pub fn retry_delay(mut self, retry_delay: Duration) -> Self {
        self.retry_delay = retry_delay;
        self
    }

    /// Sets the maximum wait before one retry (default 30 s), also for `Retry-After`.
    pub fn max_retry_delay(mut self, max_retry_delay: Duration) -> Self {
        self.max_retry_delay = max_retry_delay;
        self
    }

    /// Sends events through the bulk endpoint, up to `max_events` per request.
    ///
    /// A worker waits up to `linger` after the oldest queued event for more events, unless
    /// `max_events` or [`max_batch_bytes`](Self::max_batch_bytes) is reached first, a flush
    /// waits or the queue shuts down. `max_events` of 1 (the default) turns batching off.
    pub fn batching(mut self, max_events: usize, linger: Duration) -> Self {
        self.batch_events = max_events;
        self.batch_linger = linger;
        self
    }

    /// Sets the maximum JSON size of one bulk request in bytes (default 512 KiB).
    ///
    /// An event larger than this goes alone through the single-event endpoint.
    pub fn max_batch_bytes(mut self, max_batch_bytes: usize) -> Self {
        self.max_batch_bytes = max_batch_bytes;
        self
    }

    /// Sets the shutdown timeout used when the last handle is dropped (default 5 s).
    pub fn drop_timeout(mut self, drop_timeout: Duration) -> Self {
        self.drop_timeout = drop_timeout;
        self
    }

    /// Starts a queue with these settings and stores it in the endpoint's client, where
    /// `events_post_async` and [`EventQueue::of`] find it.
    ///
    /// The workers use the client's configuration, with a request timeout of
    /// [`DEFAULT_REQUEST_TIMEOUT`] when it sets none.
    ///
    /// # Errors
    ///
    /// Returns [`StartError::AlreadyInstalled`] when the client has a queue, and the other
    /// [`StartError`] variants when the settings are invalid or the workers cannot start.
    pub fn install<E: EventEndpoint>(self, endpoint: &E) -> Result<EventQueue<E>, StartError> {
        let settings = self.validate::<E>()?;
        let slot = endpoint.api_client().extension(QueueSlot::<E>::empty);
        let _starting = lock(&slot.starting);
        if slot.queue.get().is_some() {
            return Err(StartError::AlreadyInstalled);
        }
        let queue = EventQueue::start(settings, endpoint.api_client().configuration())?;
        Ok(slot.queue.get_or_init(|| queue).clone())
    }

    fn validate<E: EventEndpoint>(self) -> Result<Settings, StartError> {
        let invalid = |setting, reason: String| Err(StartError::InvalidSetting { setting, reason });
        if self.max_queue_size == 0 {
            return invalid("max_queue_size", "must be at least 1".to_owned());
        }
        if self.workers == 0 || self.workers > MAX_WORKERS {
            let workers = self.workers;
            return invalid(
                "workers",
                format!("{workers} is out of range; expected 1 to {MAX_WORKERS}"),
            );
        }
        let batch = match self.batch_events {
            0 => return invalid("batching", "max_events must be at least 1".to_owned()),
            1 => None,
            max_events if E::MAX_BATCH_EVENTS == 0 => {
                return invalid(
                    "batching",
                    format!("max_events is {max_events}, but this API has no bulk endpoint"),
                )
            }
            max_events if max_events > E::MAX_BATCH_EVENTS => {
                return invalid(
                    "batching",
                    format!(
                        "max_events is {max_events}, above the bulk endpoint's limit of {}",
                        E::MAX_BATCH_EVENTS
                    ),
                )
            }
            max_events => Some(BatchSettings {
                max_events,
                linger: self.batch_linger,
                max_bytes: self.max_batch_bytes,
                envelope_bytes: envelope_bytes(E::BATCH_FIELD),
            }),
        };
        if let Some(batch) = &batch {
            if self.max_batch_bytes <= batch.envelope_bytes {
                let envelope = batch.envelope_bytes;
                return invalid("max_batch_bytes", format!("must be above {envelope}"));
            }
        }
        Ok(Settings {
            max_queue_size: self.max_queue_size,
            workers: self.workers,
            max_retries: self.max_retries,
            retry_delay: self.retry_delay,
            max_retry_delay: self.max_retry_delay,
            batch,
            drop_timeout: self.drop_timeout,
        })
    }
}

/// Enqueues `event` on the queue stored in the endpoint's client, creating a queue with
/// the default settings on first use.
///
/// This is what the generated `events_post_async` calls. The first call on a client also
/// builds the workers' HTTP clients and spawns their threads, which takes milliseconds;
/// call [`EventQueue::of`] or [`QueueBuilder::install`] at startup to move that cost.
///
/// # Errors
///
/// Returns the event with the reason when the queue is full, shut down, or cannot start.
pub fn enqueue<E: EventEndpoint>(
    endpoint: &E,
    event: E::Event,
    callback: Option<Callback<E>>,
) -> Result<EventId, EnqueueError<E::Event>> {
    let slot = endpoint.api_client().extension(QueueSlot::<E>::empty);
    match slot.get_or_start(endpoint) {
        Ok(queue) => queue.enqueue(event, callback),
        Err(error) => Err(EnqueueError {
            kind: EnqueueErrorKind::Start(error),
            event: Box::new(event),
        }),
    }
}

/// Handle to a background event queue; clones share the queue.
///
/// Dropping the last handle shuts the queue down with its drop timeout.
pub struct EventQueue<E: EventEndpoint> {
    handle: Arc<Handle<E>>,
}

impl<E: EventEndpoint> Clone for EventQueue<E> {
    fn clone(&self) -> Self {
        EventQueue {
            handle: Arc::clone(&self.handle),
        }
    }
}

impl<E: EventEndpoint> fmt::Debug for EventQueue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventQueue")
            .field("settings", &self.handle.shared.settings)
            .field("stats", &self.stats())
            .finish()
    }
}

impl<E: EventEndpoint> EventQueue<E> {
    /// Returns the queue stored in the endpoint's client, starting one with the default
    /// settings when there is none.
    ///
    /// # Errors
    ///
    /// Returns the [`StartError`] when a new queue cannot start.
    pub fn of(endpoint: &E) -> Result<EventQueue<E>, StartError> {
        let slot = endpoint.api_client().extension(QueueSlot::<E>::empty);
        slot.get_or_start(endpoint).cloned()
    }

    /// Returns the queue stored in the endpoint's client, without starting one.
    #[must_use]
    pub fn existing(endpoint: &E) -> Option<EventQueue<E>> {
        let slot = endpoint.api_client().extension(QueueSlot::<E>::empty);
        slot.queue.get().cloned()
    }

    fn start(settings: Settings, configuration: &Configuration) -> Result<Self, StartError> {
        // A followed redirect would turn the POST into a GET without the event, and a 2xx
        // answer to that GET would count as delivered, so workers report redirects instead.
        let mut configuration = configuration.clone().with_redirects(false);
        if configuration.timeout().is_none() {
            configuration = configuration.with_timeout(DEFAULT_REQUEST_TIMEOUT);
        }
        // Built here rather than on the workers so that a bad configuration fails the call.
        let endpoints = (0..settings.workers)
            .map(|_| E::from_configuration(configuration.clone()))
            .collect::<Result<Vec<E>, Error>>()
            .map_err(StartError::Endpoint)?;

        let shared = Arc::new(Shared::new(settings));
        let mut threads = Vec::with_capacity(endpoints.len());
        for (index, endpoint) in endpoints.into_iter().enumerate() {
            let worker_shared = Arc::clone(&shared);
            let spawned = thread::Builder::new()
                .name(format!("flexprice-evq-{index}"))
                .spawn(move || run_worker(&worker_shared, endpoint, index));
            match spawned {
                Ok(thread) => threads.push(thread),
                Err(error) => {
                    shared.stop_unstarted_workers(threads.len());
                    for thread in threads {
                        let _ = thread.join();
                    }
                    return Err(StartError::Spawn(error));
                }
            }
        }
        *lock(&shared.threads) = threads;
        log::debug!(
            "event queue started with {} workers",
            shared.settings.workers
        );
        Ok(EventQueue {
            handle: Arc::new(Handle { shared }),
        })
    }

    /// Accepts `event` for sending and returns its id at once.
    ///
    /// Fills in an empty `event_id` with a UUID v7 and an empty `timestamp` with the
    /// current time, then queues the event. It does no I/O. It takes the queue's lock,
    /// which workers hold only for in-memory bookkeeping, never during a request.
    ///
    /// # Errors
    ///
    /// Returns the event with the reason when the queue is full or shut down.
    pub fn enqueue(
        &self,
        event: E::Event,
        callback: Option<Callback<E>>,
    ) -> Result<EventId, EnqueueError<E::Event>> {
        self.handle.shared.enqueue(event, callback)
    }

    /// Waits until every event accepted before this call has its outcome and its callback
    /// has returned.
    ///
    /// Batches waiting for more events are sent at once. Blocks the calling thread, also
    /// inside an async task.
    ///
    /// # Errors
    ///
    /// Returns [`FlushError::TimedOut`] with the pending count when `timeout` passes first
    /// (no event is dropped), and [`FlushError::CalledFromWorker`] from a callback.
    pub fn flush(&self, timeout: Duration) -> Result<(), FlushError> {
        if on_worker_thread() {
            return Err(FlushError::CalledFromWorker);
        }
        self.handle.shared.flush(timeout)
    }

    /// Stops the queue: rejects new events at once, sends what is queued until the deadline
    /// nears, and abandons the rest.
    ///
    /// Returns within `timeout` plus scheduling delays, and joins the worker threads if
    /// they have stopped by then. Request timeouts and retry waits are cut to the time
    /// left, and no request starts after the deadline. Events whose outcome is not settled
    /// when it returns, such as those behind a callback that outlasts the deadline, count
    /// as [`ShutdownReport::unresolved`]. Calling it again returns at once when the workers
    /// have stopped, and otherwise waits for them up to the new timeout.
    ///
    /// # Errors
    ///
    /// Returns [`ShutdownError::CalledFromWorker`] from a callback, and then leaves the
    /// queue running.
    pub fn shutdown(&self, timeout: Duration) -> Result<ShutdownReport, ShutdownError> {
        if on_worker_thread() {
            return Err(ShutdownError::CalledFromWorker);
        }
        Ok(self.handle.shared.shutdown(timeout))
    }

    /// Returns the queue's counters.
    #[must_use]
    pub fn stats(&self) -> Stats {
        lock(&self.handle.shared.state).stats()
    }

    /// Returns whether the queue was shut down and rejects new events.
    #[must_use]
    pub fn is_shut_down(&self) -> bool {
        lock(&self.handle.shared.state).closed
    }
}

/// Slot in an `ApiClient` for its queue, which is set at most once.
struct QueueSlot<E: EventEndpoint> {
    /// Read without a lock on every enqueue.
    queue: OnceLock<EventQueue<E>>,
    /// Held while a queue starts, so that two first calls start one queue.
    starting: Mutex<()>,
}

impl<E: EventEndpoint> QueueSlot<E> {
    fn empty() -> Self {
        QueueSlot {
            queue: OnceLock::new(),
            starting: Mutex::new(()),
        }
    }

    /// Returns the stored queue, starting one with the default settings when there is none.
    fn get_or_start(&self, endpoint: &E) -> Result<&EventQueue<E>, StartError> {
        if let Some(queue) = self.queue.get() {
            return Ok(queue);
        }
        let _starting = lock(&self.starting);
        if let Some(queue) = self.queue.get() {
            return Ok(queue);
        }
        let settings = QueueBuilder::new().validate::<E>()?;
        let queue = EventQueue::start(settings, endpoint.api_client().configuration())?;
        Ok(self.queue.get_or_init(|| queue))
    }
}

/// Owner of the queue whose drop, after the last `EventQueue` clone, stops the workers.
///
/// Workers hold `Shared` but not `Handle`, so they do not keep the queue alive.
struct Handle<E: EventEndpoint> {
    shared: Arc<Shared<E>>,
}

impl<E: EventEndpoint> Drop for Handle<E> {
    fn drop(&mut self) {
        let timeout = self.shared.settings.drop_timeout;
        if on_worker_thread() {
            // A worker cannot join itself: start the shutdown and let the workers finish.
            self.shared.begin_shutdown(timeout);
            return;
        }
        let report = self.shared.shutdown(timeout);
        if report.unresolved > 0 {
            log::warn!(
                "event queue dropped with {} events still unresolved",
                report.unresolved
            );
        }
    }
}

#[derive(Clone, Debug)]
struct Settings {
    max_queue_size: usize,
    workers: usize,
    max_retries: u32,
    retry_delay: Duration,
    max_retry_delay: Duration,
    batch: Option<BatchSettings>,
    drop_timeout: Duration,
}

#[derive(Clone, Debug)]
struct BatchSettings {
    max_events: usize,
    linger: Duration,
    max_bytes: usize,
    /// Length of the text around the events of a bulk request body.
    envelope_bytes: usize,
}

/// Returns the start of a bulk request body, `{"field":[`, which `]}` closes.
fn batch_start(field: &str) -> String {
    // Value's Display writes the name as a JSON string, escaped, and cannot fail.
    format!("{{{}:[", serde_json::Value::from(field))
}

/// Returns the length of the text around the events of a bulk request body.
fn envelope_bytes(field: &str) -> usize {
    batch_start(field).len() + "]}".len()
}

/// Joins the JSON bodies of `events` into one bulk request body.
fn batch_body<E: EventEndpoint>(events: &[Pending<E>]) -> Vec<u8> {
    let start = batch_start(E::BATCH_FIELD);
    let commas = events.len().saturating_sub(1);
    let size = start.len() + 2 + commas + events.iter().map(|p| p.body.len()).sum::<usize>();
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(start.as_bytes());
    for (index, pending) in events.iter().enumerate() {
        if index > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&pending.body);
    }
    body.extend_from_slice(b"]}");
    body
}

/// An accepted event until its outcome is settled.
struct Pending<E: EventEndpoint> {
    /// Acceptance order, used by flush.
    seq: u64,
    id: EventId,
    /// The event serialized as JSON, which every attempt sends.
    body: Vec<u8>,
    accepted_at: Instant,
    attempts: u32,
    callback: Option<Callback<E>>,
}

/// Events sent together, and kept together for retries so that the body stays the same.
struct Job<E: EventEndpoint> {
    events: Vec<Pending<E>>,
    retries: u32,
    last_error: Option<Arc<Error<E::ErrorBody>>>,
}

impl<E: EventEndpoint> Job<E> {
    fn new(events: Vec<Pending<E>>) -> Self {
        Job {
            events,
            retries: 0,
            last_error: None,
        }
    }
}

/// Flushes waiting for every event accepted before one sequence number.
struct FlushTarget {
    /// Flush calls waiting for this target.
    waiters: usize,
    /// Unsettled events accepted before the target.
    pending: usize,
}

struct State<E: EventEndpoint> {
    /// Events not yet sent, oldest first.
    fresh: VecDeque<Pending<E>>,
    fresh_bytes: usize,
    /// Jobs to send before fresh events: retries that are due and events of rejected bulk
    /// requests.
    due: VecDeque<Job<E>>,
    /// Jobs waiting for a retry, by due time and a tie-breaking counter.
    waiting: BTreeMap<(Instant, u64), Job<E>>,
    next_wait_key: u64,
    /// Accepted events whose outcome is not settled.
    unsettled: usize,
    next_seq: u64,
    closed: bool,
    /// When workers stop sending and abandon what is left; set by shutdown.
    abandon_at: Option<Instant>,
    /// Sequence numbers up to which waiting flushes need outcomes.
    flush_targets: BTreeMap<u64, FlushTarget>,
    running_workers: usize,
    /// Workers registered for a wake-up that found nothing to do. Waking is needed only
    /// when one is idle: a `Notify` call per event would write a cache line that the
    /// caller's thread and every worker pass around.
    idle_workers: usize,
    exited_workers: usize,
    accepted: u64,
    rejected: u64,
    delivered: u64,
    retried: u64,
    failed: u64,
    abandoned: u64,
    /// Rejections since the last accepted event, for rate-limited logging.
    rejected_in_burst: u64,
    /// Buffers of settled events' bodies, for the next events to be serialized into.
    ///
    /// A worker freeing memory that the caller's thread allocated makes glibc's malloc
    /// lock the caller's arena, which stalled the caller in the batched benchmark. Reusing
    /// the buffers avoids both the allocation and the cross-thread free. The pool sits
    /// under the state lock, which both sides take anyway, instead of a lock of its own.
    buffers: Vec<Vec<u8>>,
}

impl<E: EventEndpoint> State<E> {
    fn stats(&self) -> Stats {
        Stats {
            accepted: self.accepted,
            rejected: self.rejected,
            delivered: self.delivered,
            retried: self.retried,
            failed: self.failed,
            abandoned: self.abandoned,
            depth: self.unsettled,
        }
    }

    fn report(&self) -> ShutdownReport {
        ShutdownReport {
            accepted: self.accepted,
            delivered: self.delivered,
            failed: self.failed,
            abandoned: self.abandoned,
            unresolved: self.unsettled as u64,
        }
    }

    /// Returns the number of unsettled events accepted before the flush target `target`.
    fn pending_before(&self, target: u64) -> usize {
        self.flush_targets.get(&target).map_or(0, |t| t.pending)
    }

    /// Records that the event numbered `seq` has its outcome.
    fn settle_seq(&mut self, seq: u64) {
        self.unsettled -= 1;
        for target in self.flush_targets.range_mut(seq + 1..).map(|(_, t)| t) {
            target.pending -= 1;
        }
    }

    /// Returns whether the flush with the lowest target can return. A flush with a higher
    /// target waits for more events, so it can return only when this one can too.
    fn flush_due(&self) -> bool {
        self.flush_targets
            .first_key_value()
            .is_some_and(|(_, target)| target.pending == 0)
    }

    /// Removes every queued and waiting event, for abandoning.
    fn take_all(&mut self) -> Vec<Job<E>> {
        let mut jobs: Vec<Job<E>> = self.due.drain(..).collect();
        jobs.extend(std::mem::take(&mut self.waiting).into_values());
        let fresh: Vec<Pending<E>> = self.fresh.drain(..).collect();
        self.fresh_bytes = 0;
        if !fresh.is_empty() {
            jobs.push(Job::new(fresh));
        }
        jobs
    }

    fn pop_fresh(&mut self) -> Option<Pending<E>> {
        let pending = self.fresh.pop_front()?;
        self.fresh_bytes -= pending.body.len();
        Some(pending)
    }

    /// Returns whether the fresh events fill a bulk request, by count or by bytes.
    fn batch_full(&self, batch: &BatchSettings) -> bool {
        // One byte per event for the commas between events.
        let bytes = self.fresh_bytes + batch.envelope_bytes + self.fresh.len();
        self.fresh.len() >= batch.max_events || bytes >= batch.max_bytes
    }

    /// Takes fresh events for one bulk request within the count and byte limits.
    fn take_batch(&mut self, batch: &BatchSettings) -> Vec<Pending<E>> {
        let mut count = 0;
        let mut bytes = batch.envelope_bytes;
        for next in self.fresh.iter().take(batch.max_events) {
            // One byte for the comma between events.
            let with_next = bytes + next.body.len() + 1;
            if count > 0 && with_next > batch.max_bytes {
                break;
            }
            bytes = with_next;
            count += 1;
        }
        // The caller's thread takes this lock on every enqueue, so the batch leaves the
        // queue as one buffer instead of one event at a time.
        let rest = self.fresh.split_off(count);
        let taken = std::mem::replace(&mut self.fresh, rest);
        self.fresh.reserve(taken.len());
        self.fresh_bytes -= bytes - batch.envelope_bytes - count;
        Vec::from(taken)
    }
}

/// Stage of a worker's wait for a wake-up at which it looks for work.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    /// A worker with no wake-up registered.
    Busy,
    /// A worker that registered for a wake-up and waits when it finds nothing, which
    /// counts it as idle.
    BeforeWait,
    /// The first look after such a wait, which counts the worker as busy again.
    AfterWait,
}

/// Next action of a worker.
enum Step<E: EventEndpoint> {
    Send(Job<E>),
    Abandon(Vec<Job<E>>),
    Wait(Option<Instant>),
    Exit,
}

/// Meaning of one request's result for its events.
enum Verdict<R, B> {
    Delivered(R),
    Retry {
        error: Error<B>,
        retry_after: Option<Duration>,
    },
    Reject(Error<B>),
}

/// Tells workers with a request in flight that the abandon deadline changed.
///
/// A request checks one atomic counter when it is polled, so a request sent while no
/// shutdown is under way takes no lock shared with other threads. A `Notify` would take
/// its waiter lock twice per request, and the workers would contend for it.
struct DeadlineWatch {
    /// Incremented after every change of `State::abandon_at`.
    version: CacheLine<AtomicU64>,
    /// Waker of each worker's task, by worker index, registered when it awaits a request.
    wakers: Vec<CacheLine<Mutex<Option<Waker>>>>,
}

/// A value alone in its cache line, so that writes to its neighbours do not evict it from
/// the caches of the threads that read it. The alignment is 128 bytes because Intel
/// processors prefetch 64-byte lines in pairs.
#[repr(align(128))]
struct CacheLine<T>(T);

impl DeadlineWatch {
    fn new(workers: usize) -> Self {
        DeadlineWatch {
            version: CacheLine(AtomicU64::new(0)),
            wakers: (0..workers).map(|_| CacheLine(Mutex::new(None))).collect(),
        }
    }

    /// Returns the current version.
    fn version(&self) -> u64 {
        self.version.0.load(Ordering::Acquire)
    }

    /// Wakes every worker after `State::abandon_at` changed.
    fn changed(&self) {
        self.version.0.fetch_add(1, Ordering::AcqRel);
        for slot in &self.wakers {
            if let Some(waker) = lock(&slot.0).take() {
                waker.wake();
            }
        }
    }

    /// Stores the waker of worker `index` unless the stored one wakes the same task.
    fn register(&self, index: usize, waker: &Waker) {
        let mut slot = lock(&self.wakers[index].0);
        if !slot.as_ref().is_some_and(|stored| stored.will_wake(waker)) {
            *slot = Some(waker.clone());
        }
    }
}

struct Shared<E: EventEndpoint> {
    settings: Settings,
    state: Mutex<State<E>>,
    /// Signalled when outcomes settle and workers exit; flush and shutdown wait on it.
    progress: Condvar,
    /// Wakes idle workers: new events, due retries, flush, shutdown.
    work: tokio::sync::Notify,
    /// Wakes workers with a request in flight when the abandon deadline changes.
    deadline: DeadlineWatch,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

/// Maximum number of body buffers kept for reuse.
const POOLED_BUFFERS: usize = 1024;
/// Capacity above which a body buffer is freed instead of kept, so that the pool stays
/// under 1 MiB.
const POOLED_BUFFER_CAPACITY: usize = 1024;
/// Initial capacity of a new body buffer: an event with a few properties fits.
const NEW_BUFFER_CAPACITY: usize = 256;

thread_local! {
    /// A body buffer from a queue's pool, kept by each enqueueing thread for its next event,
    /// so that serializing needs no lock.
    static SPARE_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

impl<E: EventEndpoint> State<E> {
    /// Keeps the buffers of settled bodies for reuse, up to the pool's limits.
    fn return_buffers(&mut self, bodies: impl IntoIterator<Item = Vec<u8>>) {
        for mut body in bodies {
            if self.buffers.len() >= POOLED_BUFFERS {
                break;
            }
            if body.capacity() <= POOLED_BUFFER_CAPACITY {
                body.clear();
                self.buffers.push(body);
            }
        }
    }
}

impl<E: EventEndpoint> Shared<E> {
    fn new(settings: Settings) -> Self {
        let workers = settings.workers;
        Shared {
            settings,
            state: Mutex::new(State {
                fresh: VecDeque::new(),
                fresh_bytes: 0,
                due: VecDeque::new(),
                waiting: BTreeMap::new(),
                next_wait_key: 0,
                unsettled: 0,
                next_seq: 0,
                closed: false,
                abandon_at: None,
                flush_targets: BTreeMap::new(),
                running_workers: workers,
                idle_workers: 0,
                exited_workers: 0,
                accepted: 0,
                rejected: 0,
                delivered: 0,
                retried: 0,
                failed: 0,
                abandoned: 0,
                rejected_in_burst: 0,
                buffers: Vec::new(),
            }),
            progress: Condvar::new(),
            work: tokio::sync::Notify::new(),
            deadline: DeadlineWatch::new(workers),
            threads: Mutex::new(Vec::new()),
        }
    }

    fn enqueue(
        &self,
        mut event: E::Event,
        callback: Option<Callback<E>>,
    ) -> Result<EventId, EnqueueError<E::Event>> {
        // One clock read serves the id and the timestamp.
        let now = SystemTime::now();
        let since_epoch = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let id = match E::event_id(&event).filter(|id| !id.is_empty()) {
            Some(id) => EventId::new(id),
            None => {
                let mut text = uuid::Uuid::encode_buffer();
                let text = uuid_v7(since_epoch).hyphenated().encode_lower(&mut text);
                let id = EventId::new(text);
                E::set_event_id(&mut event, text.to_owned());
                id
            }
        };
        if E::timestamp(&event).is_none_or(str::is_empty) {
            E::set_timestamp(&mut event, timestamp_at(now, since_epoch));
        }
        // Serializing here, on the caller's thread, means every attempt sends the same bytes
        // and the event's allocations are freed by the thread that made them.
        // `try_with` fails only while the thread's locals are being destroyed.
        let mut buffer = SPARE_BUFFER.try_with(Cell::take).unwrap_or_default();
        if buffer.capacity() == 0 {
            buffer.reserve(NEW_BUFFER_CAPACITY);
        }
        let body = serde_json::to_writer(&mut buffer, &event).map(|()| buffer);

        let mut state = lock(&self.state);
        let rejection = if state.closed {
            Some(EnqueueErrorKind::ShutDown)
        } else if state.unsettled >= self.settings.max_queue_size {
            Some(EnqueueErrorKind::QueueFull {
                max_queue_size: self.settings.max_queue_size,
            })
        } else {
            None
        };
        let accepted = match (rejection, body) {
            (None, Ok(body)) => {
                // The next event on this thread gets a buffer from the pool.
                if let Some(spare) = state.buffers.pop() {
                    let _ = SPARE_BUFFER.try_with(|slot| slot.set(spare));
                }
                Ok(body)
            }
            (Some(kind), body) => {
                // A rejected event's buffer serves this thread's next event.
                if let Ok(mut buffer) = body {
                    buffer.clear();
                    let _ = SPARE_BUFFER.try_with(|slot| slot.set(buffer));
                }
                Err(kind)
            }
            (None, Err(error)) => Err(EnqueueErrorKind::InvalidEvent {
                message: error.to_string(),
            }),
        };
        let body = match accepted {
            Ok(body) => body,
            Err(kind) => {
                state.rejected += 1;
                state.rejected_in_burst += 1;
                let first_in_burst = state.rejected_in_burst == 1;
                drop(state);
                if first_in_burst {
                    log::warn!(
                        "rejected event {id}: {kind}; further rejections are counted until an \
                         event is accepted"
                    );
                } else {
                    log::debug!("rejected event {id}");
                }
                return Err(EnqueueError {
                    kind,
                    event: Box::new(event),
                });
            }
        };

        let seq = state.next_seq;
        state.next_seq += 1;
        state.unsettled += 1;
        state.accepted += 1;
        let burst = std::mem::take(&mut state.rejected_in_burst);
        state.fresh_bytes += body.len();
        state.fresh.push_back(Pending {
            seq,
            id: id.clone(),
            body,
            accepted_at: Instant::now(),
            attempts: 0,
            callback,
        });
        let wake_worker = match &self.settings.batch {
            None => true,
            // A worker that waits for a batch to fill wakes by itself when the linger of
            // the oldest event ends. Waking it for every event in between would cost a
            // context switch per event and change nothing.
            Some(batch) => state.fresh.len() == 1 || state.batch_full(batch),
        } && state.idle_workers > 0;
        drop(state);

        if burst > 0 {
            log::warn!("accepted event {id} after rejecting {burst} events in a row");
        }
        log::debug!("accepted event {id}");
        if wake_worker {
            self.work.notify_one();
        }
        Ok(id)
    }

    fn flush(&self, timeout: Duration) -> Result<(), FlushError> {
        let started = Instant::now();
        let mut state = lock(&self.state);
        let target = state.next_seq;
        if state.unsettled == 0 {
            return Ok(());
        }
        // Every unsettled event was accepted before `target`, the next sequence number.
        let pending = state.unsettled;
        let entry = state.flush_targets.entry(target).or_insert(FlushTarget {
            waiters: 0,
            pending,
        });
        entry.waiters += 1;
        drop(state);
        // Batches lingering for more events go out now.
        self.work.notify_waiters();

        let mut state = lock(&self.state);
        let result = loop {
            let pending = state.pending_before(target);
            if pending == 0 {
                break Ok(());
            }
            let left = timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                break Err(FlushError::TimedOut { pending, timeout });
            }
            state = self
                .progress
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        };
        if let Entry::Occupied(mut waiting) = state.flush_targets.entry(target) {
            waiting.get_mut().waiters -= 1;
            if waiting.get().waiters == 0 {
                waiting.remove();
            }
        }
        result
    }

    /// Closes the queue and sets the abandon deadline, without waiting.
    fn begin_shutdown(&self, timeout: Duration) {
        let margin = SHUTDOWN_MARGIN.min(timeout / 10);
        let now = Instant::now();
        let abandon_at = later(now, timeout.saturating_sub(margin));
        let mut state = lock(&self.state);
        let first = !state.closed;
        state.closed = true;
        state.abandon_at = Some(state.abandon_at.map_or(abandon_at, |at| at.min(abandon_at)));
        let held = state.unsettled;
        drop(state);
        if first {
            log::debug!("event queue shutting down with {held} events held");
        }
        self.work.notify_waiters();
        self.deadline.changed();
        self.progress.notify_all();
    }

    fn shutdown(&self, timeout: Duration) -> ShutdownReport {
        let started = Instant::now();
        self.begin_shutdown(timeout);
        let mut state = lock(&self.state);
        while state.exited_workers < self.settings.workers {
            let left = timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            state = self
                .progress
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        let report = state.report();
        let all_exited = state.exited_workers == self.settings.workers;
        drop(state);
        if all_exited {
            // Each worker counts itself as exited as its last step, so these joins are short.
            for thread in std::mem::take(&mut *lock(&self.threads)) {
                let _ = thread.join();
            }
        } else {
            log::warn!(
                "event queue shutdown timed out with workers still running and {} events \
                 unresolved",
                report.unresolved
            );
        }
        report
    }

    /// Marks workers that were never spawned as exited and closes the queue.
    fn stop_unstarted_workers(&self, spawned: usize) {
        let mut state = lock(&self.state);
        let unstarted = self.settings.workers - spawned;
        state.running_workers -= unstarted;
        state.exited_workers += unstarted;
        state.closed = true;
        state.abandon_at = Some(Instant::now());
        drop(state);
        self.work.notify_waiters();
        self.deadline.changed();
    }

    fn abandon_at(&self) -> Option<Instant> {
        lock(&self.state).abandon_at
    }

    /// Returns whether a shutdown deadline has passed, taking the state lock only after a
    /// shutdown began.
    fn deadline_passed(&self) -> bool {
        self.deadline.version() > 0 && self.abandon_at().is_some_and(|at| Instant::now() >= at)
    }

    fn next_step(&self, now: Instant, look: Look) -> Step<E> {
        let mut state = lock(&self.state);
        if look == Look::AfterWait {
            state.idle_workers -= 1;
        }
        let (step, wake_another) = self.plan_step(&mut state, now);
        if look == Look::BeforeWait && matches!(step, Step::Wait(_)) {
            state.idle_workers += 1;
        }
        drop(state);
        if wake_another {
            // Pass the wake-up on, so another idle worker takes the next job.
            self.work.notify_one();
        }
        step
    }

    /// Chooses a worker's next step under the state lock, and whether another worker
    /// should be woken for the work left.
    fn plan_step(&self, state: &mut State<E>, now: Instant) -> (Step<E>, bool) {
        if let Some(abandon_at) = state.abandon_at {
            if now >= abandon_at {
                let jobs = state.take_all();
                let step = if jobs.is_empty() {
                    Step::Exit
                } else {
                    Step::Abandon(jobs)
                };
                return (step, false);
            }
            // Retries due after the deadline would never start: settle them now, so that
            // shutdown can return early.
            let late = state.waiting.split_off(&(abandon_at, 0));
            if !late.is_empty() {
                return (Step::Abandon(late.into_values().collect()), false);
            }
        }
        while let Some(entry) = state.waiting.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let job = entry.remove();
            state.due.push_back(job);
        }

        let mut wake_at = state.waiting.first_key_value().map(|(key, _)| key.0);
        let step = if let Some(job) = state.due.pop_front() {
            Some(job)
        } else if state.fresh.is_empty() {
            None
        } else {
            match &self.settings.batch {
                None => state.pop_fresh().map(|pending| Job::new(vec![pending])),
                Some(batch) => {
                    let oldest = state
                        .fresh
                        .front()
                        .map_or(now, |pending| pending.accepted_at);
                    let linger_end = later(oldest, batch.linger);
                    if state.batch_full(batch)
                        || now >= linger_end
                        || state.closed
                        || !state.flush_targets.is_empty()
                    {
                        Some(Job::new(state.take_batch(batch)))
                    } else {
                        wake_at = Some(wake_at.map_or(linger_end, |at| at.min(linger_end)));
                        None
                    }
                }
            }
        };
        let more_work = !state.due.is_empty() || !state.fresh.is_empty();
        let idle = state.closed && state.fresh.is_empty() && state.waiting.is_empty();
        match step {
            Some(job) => (Step::Send(job), more_work && state.idle_workers > 0),
            None if idle && !more_work => (Step::Exit, false),
            None => {
                let wake_at = match (wake_at, state.abandon_at) {
                    (Some(wake), Some(abandon)) => Some(wake.min(abandon)),
                    (wake, abandon) => wake.or(abandon),
                };
                (Step::Wait(wake_at), false)
            }
        }
    }

    /// Gives each of `events` the outcome that `outcome_of` makes for it, runs its
    /// callback, then records the outcomes.
    fn settle(&self, events: Vec<Pending<E>>, outcome_of: impl FnMut(&Pending<E>) -> Outcome<E>) {
        self.settle_then_plan(events, outcome_of, false);
    }

    /// Settles `events` as [`Shared::settle`] does, and with `plan` also chooses the
    /// worker's next step in the same hold of the state lock, which a worker would
    /// otherwise take again at once.
    fn settle_then_plan(
        &self,
        mut events: Vec<Pending<E>>,
        mut outcome_of: impl FnMut(&Pending<E>) -> Outcome<E>,
        plan: bool,
    ) -> Option<Step<E>> {
        let (mut delivered, mut failed, mut abandoned) = (0, 0, 0);
        for pending in &mut events {
            let outcome = outcome_of(pending);
            match &outcome {
                Ok(_) => delivered += 1,
                Err(failure) if failure.kind == FailureKind::Abandoned => {
                    log::debug!("abandoned event {}", pending.id);
                    abandoned += 1;
                }
                Err(failure) => {
                    log::error!("{failure}");
                    failed += 1;
                }
            }
            if let Some(callback) = pending.callback.take() {
                let call = panic::catch_unwind(AssertUnwindSafe(move || callback(outcome)));
                if call.is_err() {
                    log::error!(
                        "callback for event {} panicked; the queue goes on",
                        pending.id
                    );
                }
            }
        }
        if abandoned > 0 {
            log::warn!("abandoned {abandoned} events at the shutdown deadline");
        }

        let mut state = lock(&self.state);
        for pending in &events {
            state.settle_seq(pending.seq);
        }
        state.delivered += delivered;
        state.failed += failed;
        state.abandoned += abandoned;
        // Waking a flush on every outcome would cost a context switch per event.
        let flush_due = state.flush_due();
        state.return_buffers(events.into_iter().map(|pending| pending.body));
        // The time is read after the callbacks, which may have run past a shutdown deadline.
        let planned = plan.then(|| self.plan_step(&mut state, Instant::now()));
        drop(state);
        if flush_due {
            self.progress.notify_all();
        }
        let (step, wake_another) = planned?;
        if wake_another {
            self.work.notify_one();
        }
        Some(step)
    }

    fn abandon(&self, jobs: Vec<Job<E>>) {
        let mut events = Vec::new();
        let mut errors = Vec::new();
        for job in jobs {
            errors.extend(std::iter::repeat_n(job.last_error, job.events.len()));
            events.extend(job.events);
        }
        let mut errors = errors.into_iter();
        self.settle(events, |pending| {
            let error = errors.next().flatten();
            Err(failure(pending, FailureKind::Abandoned, error))
        });
    }

    /// Runs when a worker's loop has ended, also after a panic.
    fn worker_exited(&self) {
        let mut state = lock(&self.state);
        state.running_workers -= 1;
        let leftover = if state.running_workers == 0 {
            // The last worker settles whatever no worker can send any more.
            state.closed = true;
            state.take_all()
        } else {
            Vec::new()
        };
        drop(state);
        if !leftover.is_empty() {
            if thread::panicking() {
                log::error!("event queue worker panicked; events left in the queue are lost");
            } else {
                self.abandon(leftover);
            }
        }
        lock(&self.state).exited_workers += 1;
        self.progress.notify_all();
    }
}

fn failure<E: EventEndpoint>(
    pending: &Pending<E>,
    kind: FailureKind,
    error: Option<Arc<Error<E::ErrorBody>>>,
) -> Failure<E::ErrorBody> {
    Failure {
        event_id: pending.id.clone(),
        attempts: pending.attempts,
        kind,
        error,
    }
}

/// Counts the worker as exited when dropped, including during a panic.
struct ExitGuard<'a, E: EventEndpoint>(&'a Shared<E>);

impl<E: EventEndpoint> Drop for ExitGuard<'_, E> {
    fn drop(&mut self) {
        self.0.worker_exited();
    }
}

fn run_worker<E: EventEndpoint>(shared: &Shared<E>, endpoint: E, index: usize) {
    ON_WORKER_THREAD.with(|flag| flag.set(true));
    let _guard = ExitGuard(shared);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    match runtime {
        Ok(runtime) => {
            runtime.block_on(worker_loop(shared, endpoint, index));
            runtime.shutdown_timeout(RUNTIME_STOP_TIMEOUT);
        }
        Err(error) => log::error!("event queue worker {index} could not start a runtime: {error}"),
    }
}

async fn worker_loop<E: EventEndpoint>(shared: &Shared<E>, endpoint: E, index: usize) {
    // The step chosen when the last request's outcome was recorded.
    let mut planned = None;
    let mut look = Look::Busy;
    loop {
        // A busy worker finds its next job at once. Only one with nothing to do registers
        // for a wake-up, and then looks again, so that no wake-up between the two looks is
        // missed.
        let first_look = match planned.take() {
            Some(step) => step,
            None => shared.next_step(Instant::now(), look),
        };
        look = Look::Busy;
        let step = match first_look {
            Step::Wait(_) => {
                let notified = shared.work.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                match shared.next_step(Instant::now(), Look::BeforeWait) {
                    Step::Wait(Some(wake_at)) => {
                        tokio::select! {
                            () = &mut notified => {}
                            () = tokio::time::sleep_until(wake_at.into()) => {}
                        }
                        look = Look::AfterWait;
                        continue;
                    }
                    Step::Wait(None) => {
                        notified.await;
                        look = Look::AfterWait;
                        continue;
                    }
                    step => step,
                }
            }
            step => step,
        };
        match step {
            Step::Send(job) => planned = send_job(shared, &endpoint, index, job).await,
            Step::Abandon(jobs) => shared.abandon(jobs),
            Step::Wait(_) | Step::Exit => break,
        }
    }
}

/// Awaits `future` on worker `index`, or returns `None` when the abandon deadline passes
/// first.
async fn until_abandoned<E: EventEndpoint, F: Future>(
    shared: &Shared<E>,
    index: usize,
    future: F,
) -> Option<F::Output> {
    let mut future = pin!(future);
    // The deadline version last read, and a timer for the deadline it gave.
    let mut seen: Option<u64> = None;
    let mut deadline: Option<Pin<Box<tokio::time::Sleep>>> = None;
    // The waker registered for the version in `seen`: the slot keeps it until the next
    // change of the deadline, so polls with the same waker skip the slot's lock.
    let mut registered: Option<Waker> = None;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        loop {
            let version = shared.deadline.version();
            if seen != Some(version) {
                seen = Some(version);
                registered = None;
                // Version 0 is the one before any shutdown: there is no deadline to read.
                if version > 0 {
                    deadline = shared
                        .abandon_at()
                        .map(|at| Box::pin(tokio::time::sleep_until(at.into())));
                }
            }
            if let Some(sleep) = deadline.as_mut() {
                if sleep.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(None);
                }
            }
            if registered
                .as_ref()
                .is_some_and(|waker| waker.will_wake(cx.waker()))
            {
                return Poll::Pending;
            }
            shared.deadline.register(index, cx.waker());
            registered = Some(cx.waker().clone());
            // A change between the first read and the registration found no waker to wake:
            // read again so that it is not missed.
            if shared.deadline.version() == version {
                return Poll::Pending;
            }
        }
    })
    .await
}

/// Sends `job` and handles the result. After a delivery, returns the worker's next step,
/// chosen while recording the outcomes.
async fn send_job<E: EventEndpoint>(
    shared: &Shared<E>,
    endpoint: &E,
    index: usize,
    mut job: Job<E>,
) -> Option<Step<E>> {
    // A request that would start after the deadline is not sent at all.
    if shared.deadline_passed() {
        shared.abandon(vec![job]);
        return None;
    }
    for pending in &mut job.events {
        pending.attempts += 1;
    }
    let result = if let [pending] = job.events.as_slice() {
        until_abandoned(shared, index, endpoint.send(pending.body.clone())).await
    } else {
        until_abandoned(shared, index, endpoint.send_batch(batch_body(&job.events))).await
    };
    let Some(result) = result else {
        shared.abandon(vec![job]);
        return None;
    };

    match judge(result) {
        Verdict::Delivered(body) => {
            // Only a callback receives the response, so it is decoded only for one.
            let response = if job.events.iter().any(|pending| pending.callback.is_some()) {
                decode_response::<E>(&body, job.events.len())
            } else {
                None
            };
            let outcome_of = |pending: &Pending<E>| {
                let response = match pending.callback {
                    Some(_) => response.clone(),
                    None => None,
                };
                Ok(Delivered {
                    event_id: pending.id.clone(),
                    attempts: pending.attempts,
                    response,
                })
            };
            return shared.settle_then_plan(job.events, outcome_of, true);
        }
        Verdict::Retry { error, retry_after } => {
            job.last_error = Some(Arc::new(error));
            schedule_retry(shared, job, retry_after);
        }
        Verdict::Reject(error) => {
            let error = Arc::new(error);
            if job.events.len() > 1 {
                resend_one_by_one(shared, job, &error);
            } else {
                shared.settle(job.events, |pending| {
                    Err(failure(pending, FailureKind::Rejected, Some(error.clone())))
                });
            }
        }
    }
    None
}

/// Decodes the 2xx body of a request that carried `events` events, or returns `None`
/// after logging when it is not the JSON of a response. The events count as delivered
/// either way: the server has them, and sending them again would make duplicates.
fn decode_response<E: EventEndpoint>(body: &[u8], events: usize) -> Option<E::Response> {
    match serde_json::from_slice(body) {
        Ok(response) => Some(response),
        // The error may quote the body, which may echo event data, so it is not logged.
        Err(_) => {
            log::debug!("server accepted {events} events with a 2xx body that did not decode");
            None
        }
    }
}

/// Puts each event of a rejected bulk request back as its own job, so that an invalid
/// event fails alone.
fn resend_one_by_one<E: EventEndpoint>(
    shared: &Shared<E>,
    job: Job<E>,
    error: &Arc<Error<E::ErrorBody>>,
) {
    log::debug!(
        "bulk request of {} events failed with {}; sending them one at a time",
        job.events.len(),
        describe_error(error)
    );
    let mut state = lock(&shared.state);
    for pending in job.events.into_iter().rev() {
        state.due.push_front(Job {
            events: vec![pending],
            retries: 0,
            last_error: Some(Arc::clone(error)),
        });
    }
    drop(state);
    shared.work.notify_waiters();
}

fn schedule_retry<E: EventEndpoint>(
    shared: &Shared<E>,
    mut job: Job<E>,
    retry_after: Option<Duration>,
) {
    let description = job.last_error.as_deref().map(describe_error);
    let description = description.unwrap_or_default();
    if job.retries >= shared.settings.max_retries {
        let error = job.last_error;
        shared.settle(job.events, |pending| {
            Err(failure(
                pending,
                FailureKind::RetriesExhausted,
                error.clone(),
            ))
        });
        return;
    }

    job.retries += 1;
    let settings = &shared.settings;
    let wait = retry_wait(
        settings.retry_delay,
        settings.max_retry_delay,
        job.retries,
        jitter(),
        retry_after,
    );
    let due_at = later(Instant::now(), wait);
    let mut state = lock(&shared.state);
    if state.abandon_at.is_some_and(|at| due_at >= at) {
        // The retry would start after the shutdown deadline.
        drop(state);
        shared.abandon(vec![job]);
        return;
    }
    state.retried += job.events.len() as u64;
    let key = (due_at, state.next_wait_key);
    state.next_wait_key += 1;
    let ids: Vec<EventId> = job.events.iter().map(|p| p.id.clone()).collect();
    let retry = job.retries;
    state.waiting.insert(key, job);
    drop(state);
    for id in ids {
        log::debug!(
            "retrying event {id} in {wait:?} (retry {retry} of {}) after {description}",
            settings.max_retries
        );
    }
    // Idle workers may sleep past the new due time; let them look again.
    shared.work.notify_waiters();
}

fn judge<R, B>(result: Result<R, Error<B>>) -> Verdict<R, B> {
    let error = match result {
        Ok(response) => return Verdict::Delivered(response),
        Err(error) => error,
    };
    if is_retryable(&error) {
        let retry_after = error
            .headers()
            .and_then(|headers| headers.get(reqwest::header::RETRY_AFTER))
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        Verdict::Retry { error, retry_after }
    } else {
        Verdict::Reject(error)
    }
}

fn is_retryable<B>(error: &Error<B>) -> bool {
    if let Error::Transport(transport) = error {
        // Builder and redirect errors repeat on every attempt.
        return !(transport.is_builder() || transport.is_redirect());
    }
    matches!(error, Error::Status(_))
        && error
            .status()
            .is_some_and(|status| RETRYABLE_STATUSES.contains(&status.as_u16()))
}

/// Parses a `Retry-After` value: seconds, or an HTTP date turned into the time until then.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Returns the instant `wait` after `start`.
///
/// A wait too long for `Instant`, as settings of `Duration::MAX` give, would panic on the
/// addition. It means no end in practice, so it ends a year after `start` instead.
fn later(start: Instant, wait: Duration) -> Instant {
    const YEAR: Duration = Duration::from_secs(86_400 * 365);
    start
        .checked_add(wait)
        .or_else(|| start.checked_add(YEAR))
        .unwrap_or(start)
}

/// Computes the wait before retry number `retry` (1 for the first retry).
///
/// `jitter` is the random factor in [0.5, 1.5); `retry_after` is a floor; the result is at
/// most `max_retry_delay`.
fn retry_wait(
    retry_delay: Duration,
    max_retry_delay: Duration,
    retry: u32,
    jitter: f64,
    retry_after: Option<Duration>,
) -> Duration {
    // 2^62 times any delay already exceeds what `Duration` holds, so larger exponents
    // change nothing; the clamp keeps `0 * infinity` (NaN) out.
    let exponent = i32::try_from(retry.saturating_sub(1).min(62)).unwrap_or(62);
    let seconds = retry_delay.as_secs_f64() * 2_f64.powi(exponent) * jitter;
    let backoff = Duration::try_from_secs_f64(seconds).unwrap_or(max_retry_delay);
    let wait = match retry_after {
        Some(floor) => backoff.max(floor),
        None => backoff,
    };
    wait.min(max_retry_delay)
}

/// Returns a UUID v7 for the time `since_epoch` after the Unix epoch.
///
/// Ids made on one thread are in the order they were made, by a counter within each
/// millisecond. `Uuid::now_v7` keeps that order for the whole process with a global lock,
/// which every enqueueing thread would contend for, and reads the clock again.
fn uuid_v7(since_epoch: Duration) -> uuid::Uuid {
    thread_local! {
        static CONTEXT: uuid::ContextV7 = const { uuid::ContextV7::new() };
    }
    let (seconds, nanos) = (since_epoch.as_secs(), since_epoch.subsec_nanos());
    // `try_with` fails only while the thread's locals are being destroyed.
    let timestamp = CONTEXT
        .try_with(|context| uuid::Timestamp::from_unix(context, seconds, nanos))
        .unwrap_or_else(|_| uuid::Timestamp::from_unix(uuid::NoContext, seconds, nanos));
    uuid::Uuid::new_v7(timestamp)
}

/// Returns the time `now`, which is `since_epoch` after the Unix epoch, in RFC 3339 with
/// milliseconds, in UTC, such as `2026-12-04T16:47:33.120Z`.
fn timestamp_at(now: SystemTime, since_epoch: Duration) -> String {
    thread_local! {
        /// The millisecond last formatted on this thread, and its text: events enqueued
        /// within one millisecond share the text instead of formatting it again.
        static LAST: RefCell<(u128, String)> = const { RefCell::new((u128::MAX, String::new())) };
    }
    let millis = since_epoch.as_millis();
    let format = || {
        chrono::DateTime::<chrono::Utc>::from(now)
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    // `try_with` fails only while the thread's locals are being destroyed.
    LAST.try_with(|cell| {
        let (last, text) = &mut *cell.borrow_mut();
        if *last != millis {
            *last = millis;
            *text = format();
        }
        text.clone()
    })
    .unwrap_or_else(|_| format())
}

/// Returns a random factor in [0.5, 1.5) from the random bits of a UUID v4.
fn jitter() -> f64 {
    const MANTISSA_BITS: u32 = 53;
    let bits = uuid::Uuid::new_v4().as_u128() & ((1 << MANTISSA_BITS) - 1);
    0.5 + bits as f64 / (1_u64 << MANTISSA_BITS) as f64
}

/// Describes an error for logs without the response body, which may echo event data.
fn describe_error<B>(error: &Error<B>) -> String {
    if error.is_timeout() {
        return "request timeout".to_owned();
    }
    if error.is_connect() {
        return "connection error".to_owned();
    }
    match (error, error.status()) {
        (Error::Transport(_), _) => "transport error".to_owned(),
        (Error::InvalidRequest(_), _) => "invalid request".to_owned(),
        (_, Some(status)) => format!("HTTP status {}", status.as_u16()),
        (_, None) => "error".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn retry_wait_doubles_per_retry() {
        let cases = [
            (1, 1.0, Duration::from_secs(1)),
            (2, 1.0, Duration::from_secs(2)),
            (3, 1.0, Duration::from_secs(4)),
            (1, 0.5, Duration::from_millis(500)),
            (3, 1.25, Duration::from_secs(5)),
        ];
        for (retry, jitter, expected) in cases {
            let wait = retry_wait(SECOND, 30 * SECOND, retry, jitter, None);
            assert_eq!(wait, expected, "retry {retry} with jitter {jitter}");
        }
    }

    #[test]
    fn event_id_keeps_text_of_any_length() {
        let uuid = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let longest_inline = "x".repeat(INLINE_ID_BYTES);
        let shared = "y".repeat(INLINE_ID_BYTES + 1);
        for text in ["", "é", uuid, &longest_inline, &shared] {
            let id = EventId::new(text);
            assert_eq!(id.as_str(), text);
            assert_eq!(id.to_string(), text);
            assert_eq!(id.clone().into_string(), text);
            assert_eq!(format!("{id:?}"), format!("EventId({text:?})"));
        }
        assert!(matches!(
            EventId::new(&longest_inline).0,
            IdText::Inline { .. }
        ));
        assert!(matches!(EventId::new(&shared).0, IdText::Shared(_)));
    }

    #[test]
    fn event_id_compares_by_text() {
        let long = "z".repeat(INLINE_ID_BYTES + 10);
        let ids = [EventId::new("b"), EventId::new(&long), EventId::new("a")];
        let mut sorted = ids.to_vec();
        sorted.sort();
        let texts: Vec<&str> = sorted.iter().map(EventId::as_str).collect();
        assert_eq!(texts, ["a", "b", long.as_str()]);
        assert_eq!(EventId::new(&long), EventId::new(&long.clone()));
        assert_ne!(EventId::new("a"), EventId::new("b"));

        let set: std::collections::HashSet<EventId> =
            ["a", "a", "b"].into_iter().map(EventId::new).collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn timestamp_has_milliseconds_in_utc() {
        let since_epoch = Duration::from_millis(1_796_402_853_120);
        let now = SystemTime::UNIX_EPOCH + since_epoch;
        assert_eq!(timestamp_at(now, since_epoch), "2026-12-04T16:47:33.120Z");
        // The cached text of one millisecond is not reused for the next.
        let later = since_epoch + Duration::from_millis(1);
        assert_eq!(
            timestamp_at(SystemTime::UNIX_EPOCH + later, later),
            "2026-12-04T16:47:33.121Z"
        );
    }

    #[test]
    fn uuid_v7_is_ordered_within_a_millisecond() {
        let since_epoch = Duration::from_millis(1_796_402_853_120);
        let ids: Vec<uuid::Uuid> = (0..100).map(|_| uuid_v7(since_epoch)).collect();
        for id in &ids {
            assert_eq!(id.get_version_num(), 7, "{id}");
            let (seconds, nanos) = id.get_timestamp().unwrap().to_unix();
            assert_eq!((seconds, nanos / 1_000_000), (1_796_402_853, 120), "{id}");
        }
        for pair in ids.windows(2) {
            assert!(pair[0] < pair[1], "{} before {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn retry_wait_is_capped() {
        assert_eq!(retry_wait(SECOND, 30 * SECOND, 6, 1.0, None), 30 * SECOND);
        assert_eq!(
            retry_wait(SECOND, 30 * SECOND, u32::MAX, 1.4, None),
            30 * SECOND
        );
    }

    #[test]
    fn retry_after_is_floor_within_cap() {
        let floor = Some(3 * SECOND);
        assert_eq!(retry_wait(SECOND, 30 * SECOND, 1, 1.0, floor), 3 * SECOND);
        assert_eq!(retry_wait(SECOND, 30 * SECOND, 3, 1.0, floor), 4 * SECOND);
        let day = Some(86_400 * SECOND);
        assert_eq!(retry_wait(SECOND, 30 * SECOND, 1, 1.0, day), 30 * SECOND);
    }

    #[test]
    fn parse_retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let in_ten = httpdate::fmt_http_date(now + 10 * SECOND);
        let past = httpdate::fmt_http_date(now - 10 * SECOND);
        let cases = [
            ("3", Some(3 * SECOND)),
            (" 120 ", Some(120 * SECOND)),
            ("0", Some(Duration::ZERO)),
            (in_ten.as_str(), Some(10 * SECOND)),
            (past.as_str(), Some(Duration::ZERO)),
            ("-1", None),
            ("soon", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected, "value {value:?}");
        }
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..10_000 {
            let factor = jitter();
            assert!((0.5..1.5).contains(&factor), "factor {factor}");
        }
    }
}
