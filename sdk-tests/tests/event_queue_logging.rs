//! Log output of the event queue, in its own process because a logger is process-wide.

mod common;

use std::sync::Mutex;
use std::time::Duration;

use common::{event, Outcomes, WAIT};
use flexprice::apis::events_api::EventsApi;
use flexprice::async_utils::QueueBuilder;
use flexprice::{ApiClient, Configuration};
use testkit::{Action, Response, Rule, Server};

const API_KEY: &str = "sk-live-0123456789abcdef";
const SECRET_PROPERTY: &str = "confidential-property-value";
const QUEUE_TARGET: &str = "flexprice::async_utils";

struct Capture {
    records: Mutex<Vec<(log::Level, String, String)>>,
}

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let entry = (
            record.level(),
            record.target().to_owned(),
            record.args().to_string(),
        );
        self.records.lock().unwrap().push(entry);
    }

    fn flush(&self) {}
}

static CAPTURE: Capture = Capture {
    records: Mutex::new(Vec::new()),
};

/// Returns the queue's own log lines at `level`.
fn queue_lines(level: log::Level) -> Vec<String> {
    CAPTURE
        .records
        .lock()
        .unwrap()
        .iter()
        .filter(|(l, target, _)| *l == level && target.starts_with(QUEUE_TARGET))
        .map(|(_, _, message)| message.clone())
        .collect()
}

fn secret_event(n: usize) -> flexprice::models::IngestEventRequest {
    let mut event = event(n);
    if let Some(properties) = event.properties.as_mut() {
        properties.insert("note".to_owned(), SECRET_PROPERTY.to_owned());
    }
    event
}

// One test only: the logger and its records are shared by the whole process.
#[test]
fn logs_ids_but_no_secrets() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let server = Server::start(Rule::from_fn(|request, _| {
        let body = request.body_text().unwrap_or_default();
        if body.contains("\"rejected\"") {
            Response::new(422)
                .json(format!(r#"{{"message":"bad event {SECRET_PROPERTY}"}}"#))
                .into()
        } else if request.index == 0 {
            Action::status(503)
        } else {
            Action::from(Response::new(202).json("{}")).delayed(Duration::from_millis(200))
        }
    }))
    .unwrap();
    let configuration = Configuration::new()
        .with_base_url(server.url())
        .with_api_key(API_KEY);
    let events = EventsApi::new(ApiClient::new(configuration).unwrap());
    let queue = QueueBuilder::new()
        .workers(1)
        .max_queue_size(2)
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    // The first event meets a 503 and is retried; the second fills the queue.
    let retried = events
        .events_post_async(secret_event(0), outcomes.callback())
        .unwrap();
    events
        .events_post_async(secret_event(1), outcomes.callback())
        .unwrap();
    let mut rejected_ids = Vec::new();
    for n in 2..7 {
        let error = events.events_post_async(secret_event(n), None).unwrap_err();
        assert!(error.is_queue_full());
        rejected_ids.push(error.event().event_id.clone().unwrap());
    }
    queue.flush(WAIT).unwrap();
    let mut invalid = secret_event(7);
    invalid.event_name = "rejected".to_owned();
    let invalid_id = events
        .events_post_async(invalid, outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();
    queue.shutdown(WAIT).unwrap();

    let warnings = queue_lines(log::Level::Warn);
    assert_eq!(warnings.len(), 2, "warnings: {warnings:?}");
    assert!(warnings[0].contains(&rejected_ids[0]), "{}", warnings[0]);
    assert!(warnings[0].contains("full"), "{}", warnings[0]);
    assert!(
        warnings[1].contains("after rejecting 5 events"),
        "{}",
        warnings[1]
    );
    assert!(warnings[1].contains(invalid_id.as_str()), "{}", warnings[1]);

    let errors = queue_lines(log::Level::Error);
    assert_eq!(errors.len(), 1, "errors: {errors:?}");
    assert!(errors[0].contains(invalid_id.as_str()), "{}", errors[0]);
    assert!(errors[0].contains("422"), "{}", errors[0]);

    let debug = queue_lines(log::Level::Debug);
    let retry_lines: Vec<_> = debug.iter().filter(|m| m.contains("retrying")).collect();
    assert_eq!(retry_lines.len(), 1, "retry lines: {retry_lines:?}");
    assert!(retry_lines[0].contains(retried.as_str()));
    let accepted_lines = debug
        .iter()
        .filter(|m| m.contains("accepted event"))
        .count();
    assert_eq!(accepted_lines, 3);

    for (level, target, message) in CAPTURE.records.lock().unwrap().iter() {
        assert!(!message.contains(API_KEY), "{level} {target}: {message}");
        assert!(
            !message.contains(SECRET_PROPERTY),
            "{level} {target}: {message}"
        );
    }
}
