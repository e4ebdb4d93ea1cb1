//! Scriptable HTTP/1.1 server on 127.0.0.1 for tests.
//!
//! [`Server::start`] binds an ephemeral port on 127.0.0.1, records every request it reads
//! (method, target, headers, exact body bytes, arrival time). It handles each one with the
//! [`Action`] its [`Rule`] picks: a response with optional delay, no response at all
//! ([`Action::Hold`]), a TCP reset ([`Action::Reset`]) or a plain close ([`Action::Close`]).
//!
//! Each accepted connection gets its own thread, so many clients can be served at once and
//! a held or delayed request blocks only its own connection. Connections are kept alive
//! between requests. Request bodies may use Content-Length or chunked framing.
//! [`Server::shutdown`], also run on drop, closes the listener and every open connection,
//! including held ones, and joins all threads before it returns.
//!
//! # Example
//!
//! ```
//! use std::io::{Read, Write};
//! use std::time::Duration;
//! use testkit::{Action, Response, Rule, Server};
//!
//! // 503 with Retry-After for the first two requests, then 202.
//! let busy = Response::new(503).header("Retry-After", "1");
//! let server = Server::start(Rule::queue(
//!     [busy.clone().into(), busy.into()],
//!     Response::new(202).json(r#"{"message":"accepted"}"#),
//! ))
//! .unwrap();
//!
//! let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
//! let request = "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\
//!                Connection: close\r\n\r\n{}";
//! stream.write_all(request.as_bytes()).unwrap();
//! let mut answer = String::new();
//! stream.read_to_string(&mut answer).unwrap();
//! assert!(answer.starts_with("HTTP/1.1 503 "));
//!
//! assert!(server.wait_for_requests(1, Duration::from_secs(5)));
//! let request = &server.requests()[0];
//! assert_eq!(request.path(), "/events");
//! assert_eq!(request.body, b"{}");
//! assert_eq!(server.exchanges()[0].action.response_status(), Some(503));
//! server.shutdown();
//! ```

mod http;
mod rule;

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub use rule::{Action, Response, Rule};

use http::{Connection, ReadError};

/// How often the accept loop checks for shutdown while no connection arrives.
const ACCEPT_POLL: Duration = Duration::from_millis(2);

/// One request as the server read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// Position in arrival order across all connections, starting at 0.
    pub index: usize,
    /// Identifier of the connection that carried the request, starting at 0.
    pub connection: u64,
    /// Request method, for example `POST`.
    pub method: String,
    /// Request target as sent: path and optional query, for example `/events?x=1`.
    pub target: String,
    /// Headers in the order received, with names as the client spelled them.
    pub headers: Vec<(String, String)>,
    /// Body bytes after removing any chunked framing.
    pub body: Vec<u8>,
    /// When the whole request had been read.
    pub received_at: Instant,
    /// Time from server start to `received_at`.
    pub since_start: Duration,
}

impl RecordedRequest {
    /// Returns the path part of the target, without the query.
    #[must_use]
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// Returns the query part of the target, without the `?`.
    #[must_use]
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }

    /// Returns the value of the first header named `name`, compared without case.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        http::header_value(&self.headers, name)
    }

    /// Returns the body as UTF-8 text, or `None` when it is not valid UTF-8.
    #[must_use]
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

/// A recorded request together with the action the rule picked for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// The request.
    pub request: RecordedRequest,
    /// The action taken; see [`Action::response_status`] for the status sent.
    pub action: Action,
}

/// A running test server; see the [crate documentation](crate) for an example.
pub struct Server {
    address: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Mutex<Option<JoinHandle<()>>>,
}

struct Shared {
    started: Instant,
    rule: RwLock<Arc<Rule>>,
    log: Mutex<Vec<Exchange>>,
    log_changed: Condvar,
    next_index: AtomicUsize,
    next_connection: AtomicU64,
    stopped: Mutex<bool>,
    stop_signal: Condvar,
    /// Clones of the open connections, so that shutdown can close them.
    open: Mutex<HashMap<u64, TcpStream>>,
    connection_threads: Mutex<Vec<JoinHandle<()>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Server {
    /// Starts a server on 127.0.0.1 with an ephemeral port, answering by `rule`.
    ///
    /// # Errors
    ///
    /// Returns the error from binding the socket or spawning the accept thread.
    pub fn start(rule: Rule) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            started: Instant::now(),
            rule: RwLock::new(Arc::new(rule)),
            log: Mutex::new(Vec::new()),
            log_changed: Condvar::new(),
            next_index: AtomicUsize::new(0),
            next_connection: AtomicU64::new(0),
            stopped: Mutex::new(false),
            stop_signal: Condvar::new(),
            open: Mutex::new(HashMap::new()),
            connection_threads: Mutex::new(Vec::new()),
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = thread::Builder::new()
            .name(format!("testkit-accept-{}", address.port()))
            .spawn(move || accept_loop(&accept_shared, &listener))?;
        Ok(Server {
            address,
            shared,
            accept_thread: Mutex::new(Some(accept_thread)),
        })
    }

    /// Returns the base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the socket address the server listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.address
    }

    /// Returns the time since the server started.
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        self.shared.started.elapsed()
    }

    /// Replaces the rule; requests read from now on use the new one.
    ///
    /// Requests already held or delayed keep the action they were given.
    pub fn set_rule(&self, rule: Rule) {
        let mut current = self
            .shared
            .rule
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        *current = Arc::new(rule);
    }

    /// Returns the recorded requests in arrival order.
    #[must_use]
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.exchanges()
            .into_iter()
            .map(|exchange| exchange.request)
            .collect()
    }

    /// Returns the recorded requests with the action taken for each, in arrival order.
    #[must_use]
    pub fn exchanges(&self) -> Vec<Exchange> {
        let mut exchanges = lock(&self.shared.log).clone();
        exchanges.sort_by_key(|exchange| exchange.request.index);
        exchanges
    }

    /// Returns the number of recorded requests.
    #[must_use]
    pub fn request_count(&self) -> usize {
        lock(&self.shared.log).len()
    }

    /// Waits until at least `count` requests are recorded or `timeout` passes.
    ///
    /// Returns whether `count` was reached.
    #[must_use]
    pub fn wait_for_requests(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut log = lock(&self.shared.log);
        while log.len() < count {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            log = self
                .shared
                .log_changed
                .wait_timeout(log, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// Stops the server: closes the listener and every open connection, then joins all
    /// threads. Calling it again does nothing.
    pub fn shutdown(&self) {
        *lock(&self.shared.stopped) = true;
        self.shared.stop_signal.notify_all();
        if let Some(accept_thread) = lock(&self.accept_thread).take() {
            // The accept loop polls the stop flag, so this join ends within one poll interval.
            let _ = accept_thread.join();
        }
        for stream in lock(&self.shared.open).values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        let threads = std::mem::take(&mut *lock(&self.shared.connection_threads));
        for thread in threads {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .field("requests", &self.request_count())
            .finish_non_exhaustive()
    }
}

impl Shared {
    fn is_stopped(&self) -> bool {
        *lock(&self.stopped)
    }

    /// Sleeps for `duration`, or until the server stops; returns whether it stopped.
    fn sleep_unless_stopped(&self, duration: Option<Duration>) -> bool {
        let deadline = duration.map(|duration| Instant::now() + duration);
        let mut stopped = lock(&self.stopped);
        while !*stopped {
            let wait = match deadline {
                None => Duration::from_secs(3600),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return false;
                    }
                    deadline - now
                }
            };
            stopped = self
                .stop_signal
                .wait_timeout(stopped, wait)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    fn record(&self, request: RecordedRequest, action: Action) {
        lock(&self.log).push(Exchange { request, action });
        self.log_changed.notify_all();
    }
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener) {
    while !shared.is_stopped() {
        match listener.accept() {
            Ok((stream, _)) => start_connection(shared, stream),
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                shared.sleep_unless_stopped(Some(ACCEPT_POLL));
            }
            // Errors such as ECONNABORTED concern one pending connection only.
            Err(_) => {
                shared.sleep_unless_stopped(Some(ACCEPT_POLL));
            }
        }
    }
}

fn start_connection(shared: &Arc<Shared>, stream: TcpStream) {
    let id = shared.next_connection.fetch_add(1, Ordering::Relaxed);
    let registered = stream.set_nonblocking(false).is_ok()
        && stream.set_nodelay(true).is_ok()
        && stream
            .try_clone()
            .map(|clone| lock(&shared.open).insert(id, clone))
            .is_ok();
    if !registered {
        return;
    }
    let connection_shared = Arc::clone(shared);
    let spawned = thread::Builder::new()
        .name(format!("testkit-conn-{id}"))
        .spawn(move || serve_connection(&connection_shared, id, stream));
    match spawned {
        Ok(handle) => {
            let mut threads = lock(&shared.connection_threads);
            threads.retain(|thread| !thread.is_finished());
            threads.push(handle);
        }
        Err(_) => {
            lock(&shared.open).remove(&id);
        }
    }
}

/// Closing mode of a connection.
enum Ending {
    Close,
    Reset,
}

fn serve_connection(shared: &Arc<Shared>, id: u64, stream: TcpStream) {
    let mut connection = Connection::new(stream);
    let ending = serve_requests(shared, id, &mut connection);
    // Drop the registered clone first: the socket closes only when its last handle goes.
    lock(&shared.open).remove(&id);
    match ending {
        Ending::Reset => {
            let _ = socket2::SockRef::from(&connection.stream).set_linger(Some(Duration::ZERO));
        }
        Ending::Close => {
            let _ = connection.stream.shutdown(Shutdown::Both);
        }
    }
}

fn serve_requests(shared: &Arc<Shared>, id: u64, connection: &mut Connection) -> Ending {
    loop {
        if shared.is_stopped() {
            return Ending::Close;
        }
        let parsed = match connection.read_request() {
            Ok(parsed) => parsed,
            Err(ReadError::Closed) => return Ending::Close,
            Err(ReadError::Invalid(status)) => {
                let _ = connection.write_response(&Response::new(status), true);
                return Ending::Close;
            }
        };
        let received_at = Instant::now();
        let request = RecordedRequest {
            index: shared.next_index.fetch_add(1, Ordering::SeqCst),
            connection: id,
            method: parsed.method,
            target: parsed.target,
            headers: parsed.headers,
            body: parsed.body,
            received_at,
            since_start: received_at.duration_since(shared.started),
        };
        let rule = Arc::clone(&shared.rule.read().unwrap_or_else(PoisonError::into_inner));
        let action = rule.decide(&request);
        shared.record(request, action.clone());

        match perform(shared, connection, &action, parsed.close) {
            Some(ending) => return ending,
            None => continue,
        }
    }
}

/// Performs `action`; returns how the connection ends, or `None` to read the next request.
fn perform(
    shared: &Shared,
    connection: &mut Connection,
    action: &Action,
    client_close: bool,
) -> Option<Ending> {
    match action {
        Action::Respond(response) => {
            let close = client_close || response.close;
            if connection.write_response(response, close).is_err() || close {
                Some(Ending::Close)
            } else {
                None
            }
        }
        Action::Hold => {
            shared.sleep_unless_stopped(None);
            Some(Ending::Close)
        }
        Action::Reset => Some(Ending::Reset),
        Action::Close => Some(Ending::Close),
        Action::Delay(delay, inner) => {
            if shared.sleep_unless_stopped(Some(*delay)) {
                Some(Ending::Close)
            } else {
                perform(shared, connection, inner, client_close)
            }
        }
    }
}
