//! Helpers shared by the event queue tests: clients, events, outcome recording, watchdog.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::collections::HashMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use flexprice::apis::events_api::EventsApi;
use flexprice::async_utils::{Callback, FailureKind};
use flexprice::models::IngestEventRequest;
use flexprice::{ApiClient, Configuration};
use testkit::RecordedRequest;

/// Upper bound for waits that should end much sooner, so a bug fails instead of hanging.
pub const WAIT: Duration = Duration::from_secs(20);

/// Prefix of the queue's worker thread names.
pub const WORKER_THREAD_PREFIX: &str = "flexprice-evq-";

/// Builds an events API for `base_url` with an API key and no request timeout.
pub fn api(base_url: &str) -> EventsApi {
    api_with(Configuration::new().with_base_url(base_url))
}

/// Builds an events API for `base_url` with a request timeout.
pub fn api_with_timeout(base_url: &str, timeout: Duration) -> EventsApi {
    api_with(
        Configuration::new()
            .with_base_url(base_url)
            .with_timeout(timeout),
    )
}

fn api_with(configuration: Configuration) -> EventsApi {
    let configuration = configuration.with_api_key("test-key");
    EventsApi::new(ApiClient::new(configuration).expect("client for the test server"))
}

/// Creates event number `n` for customer `customer-n` with two properties.
pub fn event(n: usize) -> IngestEventRequest {
    let mut event = IngestEventRequest::new("api_call".to_owned(), format!("customer-{n}"));
    event.properties = Some(HashMap::from([
        ("region".to_owned(), "eu".to_owned()),
        ("bytes".to_owned(), (n * 10).to_string()),
    ]));
    event
}

/// Returns the events carried by a single or bulk request body.
pub fn events_in(request: &RecordedRequest) -> Vec<serde_json::Value> {
    let body: serde_json::Value =
        serde_json::from_slice(&request.body).expect("request body is JSON");
    match body.get("events") {
        Some(serde_json::Value::Array(events)) => events.clone(),
        _ => vec![body],
    }
}

/// Returns the `event_id` fields of the events in a request.
pub fn event_ids_in(request: &RecordedRequest) -> Vec<String> {
    events_in(request)
        .iter()
        .map(|event| event["event_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Returns whether a request went to the bulk endpoint.
pub fn is_bulk(request: &RecordedRequest) -> bool {
    request.path().ends_with("/events/bulk")
}

/// Counts, per event id, the requests that carried it and got a 2xx answer.
pub fn accepted_counts(server: &testkit::Server) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for exchange in server.exchanges() {
        let accepted = exchange
            .action
            .response_status()
            .is_some_and(|status| (200..300).contains(&status));
        if accepted {
            for id in event_ids_in(&exchange.request) {
                *counts.entry(id).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// One callback invocation.
#[derive(Clone, Debug)]
pub struct Record {
    pub event_id: String,
    pub delivered: bool,
    pub attempts: u32,
    pub kind: Option<FailureKind>,
    pub status: Option<u16>,
    pub text: Option<String>,
    pub thread: String,
    pub at: Instant,
}

/// Collects callback invocations from any thread.
#[derive(Clone, Default)]
pub struct Outcomes {
    records: Arc<(Mutex<Vec<Record>>, Condvar)>,
}

impl Outcomes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns a callback that records its outcome here.
    pub fn callback(&self) -> Option<Callback<EventsApi>> {
        let records = Arc::clone(&self.records);
        Some(Box::new(move |outcome| {
            let thread = thread::current().name().unwrap_or_default().to_owned();
            let record = match outcome {
                Ok(delivered) => Record {
                    event_id: delivered.event_id.to_string(),
                    delivered: true,
                    attempts: delivered.attempts,
                    kind: None,
                    status: None,
                    text: None,
                    thread,
                    at: Instant::now(),
                },
                Err(failure) => Record {
                    event_id: failure.event_id.to_string(),
                    delivered: false,
                    attempts: failure.attempts,
                    kind: Some(failure.kind),
                    status: failure.status().map(|status| status.as_u16()),
                    text: failure
                        .error
                        .as_ref()
                        .and_then(|error| error.text().map(str::to_owned)),
                    thread,
                    at: Instant::now(),
                },
            };
            let (list, changed) = &*records;
            list.lock().unwrap().push(record);
            changed.notify_all();
        }))
    }

    pub fn records(&self) -> Vec<Record> {
        self.records.0.lock().unwrap().clone()
    }

    /// Returns the records grouped by event id.
    pub fn by_id(&self) -> HashMap<String, Vec<Record>> {
        let mut grouped: HashMap<String, Vec<Record>> = HashMap::new();
        for record in self.records() {
            grouped
                .entry(record.event_id.clone())
                .or_default()
                .push(record);
        }
        grouped
    }

    /// Waits until `count` callbacks ran or `timeout` passed; returns whether they did.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let (list, changed) = &*self.records;
        let mut records = list.lock().unwrap();
        while records.len() < count {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            records = changed.wait_timeout(records, deadline - now).unwrap().0;
        }
        true
    }
}

/// Runs `body` on its own thread and fails the test if it takes longer than `limit`.
pub fn with_watchdog<T: Send + 'static>(
    limit: Duration,
    body: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(body());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("test body still running after {limit:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("test body panicked"),
    }
}

/// Returns the names of this process's threads that are queue workers (Linux only).
pub fn worker_threads() -> Vec<String> {
    let mut names = Vec::new();
    let tasks = std::fs::read_dir("/proc/self/task").expect("/proc/self/task is readable");
    for task in tasks.flatten() {
        if let Ok(name) = std::fs::read_to_string(task.path().join("comm")) {
            let name = name.trim_end().to_owned();
            if name.starts_with(WORKER_THREAD_PREFIX) {
                names.push(name);
            }
        }
    }
    names.sort();
    names
}
