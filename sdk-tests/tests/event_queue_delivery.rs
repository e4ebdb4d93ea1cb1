//! Delivery, retry and batching behaviour of the event queue against a real HTTP server.

mod common;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::{
    accepted_counts, api, api_with_timeout, event, event_ids_in, events_in, is_bulk, Outcomes,
    WAIT, WORKER_THREAD_PREFIX,
};
use flexprice::async_utils::{EventQueue, FailureKind, QueueBuilder};
use testkit::{Action, Response, Rule, Server};

const ERROR_BODY: &str = r#"{"code":"validation_error","message":"invalid event"}"#;

fn accepted() -> Action {
    Response::new(202)
        .json(r#"{"message":"Event accepted for processing"}"#)
        .into()
}

#[test]
fn outage_then_recovery_delivers_each_once() {
    const EVENTS: usize = 1000;
    let server = Server::start(Rule::until(
        Duration::from_secs(2),
        Response::new(503).json(r#"{"message":"unavailable"}"#),
        accepted(),
    ))
    .unwrap();
    let events = api(&server.url());
    // Retry waits of at least 0.125 + 0.25 + 0.5 + 1 + 1 s outlast the 2 s outage.
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(250))
        .max_retry_delay(Duration::from_secs(1))
        .max_retries(5)
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let mut ids = Vec::new();
    for n in 0..EVENTS {
        ids.push(
            events
                .events_post_async(event(n), outcomes.callback())
                .unwrap(),
        );
    }
    let report = queue.shutdown(Duration::from_secs(12)).unwrap();

    assert_eq!(report.accepted, EVENTS as u64);
    assert_eq!(report.delivered, EVENTS as u64);
    assert_eq!(report.failed, 0);
    assert_eq!(report.abandoned, 0);
    assert_eq!(report.unresolved, 0);
    let counts = accepted_counts(&server);
    assert_eq!(counts.len(), EVENTS, "event ids accepted by the server");
    for id in &ids {
        assert_eq!(counts.get(id.as_str()), Some(&1), "2xx answers for {id}");
    }
    let by_id = outcomes.by_id();
    assert_eq!(by_id.len(), EVENTS);
    for id in &ids {
        let records = &by_id[id.as_str()];
        assert_eq!(records.len(), 1, "callbacks for {id}");
        assert!(records[0].delivered, "{id} delivered");
        assert!(records[0].thread.starts_with(WORKER_THREAD_PREFIX));
    }
    let stats = queue.stats();
    assert_eq!(stats.delivered, EVENTS as u64);
    assert_eq!(stats.depth, 0);
    assert!(stats.retried > 0);
}

fn check_permanent_status(status: u16) {
    let server = Server::start(Rule::fixed(Response::new(status).json(ERROR_BODY))).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let id = events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    assert_eq!(server.request_count(), 1, "requests for status {status}");
    let records = outcomes.records();
    assert_eq!(records.len(), 1, "callbacks for status {status}");
    let record = &records[0];
    assert_eq!(record.event_id, id.as_str());
    assert!(!record.delivered);
    assert_eq!(record.kind, Some(FailureKind::Rejected), "status {status}");
    assert_eq!(record.status, Some(status));
    assert_eq!(record.attempts, 1);
    assert_eq!(record.text.as_deref(), Some(ERROR_BODY));
    let stats = queue.stats();
    assert_eq!((stats.failed, stats.retried), (1, 0), "status {status}");
}

#[test]
fn permanent_statuses_are_sent_once() {
    for status in [400, 401, 404, 413, 422] {
        check_permanent_status(status);
    }
}

#[test]
fn redirect_is_a_failed_delivery() {
    // Following the 302 would send `GET /events/moved` without the event, and its 202
    // would count as delivered.
    let moved = Response::new(302).header("Location", "/events/moved");
    let server = Server::start(Rule::queue([moved.into()], accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new().install(&events).unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    assert_eq!(server.request_count(), 1);
    let records = outcomes.records();
    assert_eq!(records.len(), 1);
    assert!(!records[0].delivered);
    assert_eq!(records[0].kind, Some(FailureKind::Rejected));
    assert_eq!(records[0].status, Some(302));
    assert_eq!(records[0].attempts, 1);
}

#[test]
fn retryable_statuses_are_retried() {
    for status in [408, 429, 500, 502, 503, 504] {
        let server = Server::start(Rule::queue([Action::status(status)], accepted())).unwrap();
        let events = api(&server.url());
        let queue = QueueBuilder::new()
            .retry_delay(Duration::from_millis(10))
            .install(&events)
            .unwrap();
        let outcomes = Outcomes::new();

        events
            .events_post_async(event(1), outcomes.callback())
            .unwrap();
        queue.flush(WAIT).unwrap();

        assert_eq!(server.request_count(), 2, "requests for status {status}");
        let records = outcomes.records();
        assert!(records[0].delivered, "status {status}");
        assert_eq!(records[0].attempts, 2, "status {status}");
    }
}

#[test]
fn connection_resets_are_retried() {
    let server = Server::start(Rule::queue([Action::Reset, Action::Close], accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let records = outcomes.records();
    assert_eq!(records.len(), 1);
    assert!(records[0].delivered);
    assert_eq!(records[0].attempts, 3);
    assert_eq!(server.request_count(), 3);
}

#[test]
fn refused_connection_exhausts_retries() {
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let url = server.url();
    server.shutdown();
    let events = api(&url);
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .max_retries(2)
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let records = outcomes.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind, Some(FailureKind::RetriesExhausted));
    assert_eq!(records[0].attempts, 3);
    assert_eq!(records[0].status, None);
    let stats = queue.stats();
    assert_eq!((stats.failed, stats.retried), (1, 2));
}

#[test]
fn retry_after_seconds_is_a_floor() {
    let limited = Response::new(429)
        .header("Retry-After", "3")
        .json(r#"{"message":"slow down"}"#);
    let server = Server::start(Rule::queue([limited.into()], accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].received_at - requests[0].received_at;
    assert!(gap >= Duration::from_secs(3), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(4), "retried after {gap:?}");
    assert!(outcomes.records()[0].delivered);
}

#[test]
fn retry_after_http_date_is_a_floor() {
    // The date is written when the first request arrives; HTTP dates have whole seconds,
    // so the wait is between two and three seconds.
    let server = Server::start(Rule::from_fn(|_, index| {
        if index == 0 {
            let at = std::time::SystemTime::now() + Duration::from_secs(3);
            Response::new(503)
                .header("Retry-After", httpdate::fmt_http_date(at))
                .into()
        } else {
            accepted()
        }
    }))
    .unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].received_at - requests[0].received_at;
    assert!(gap >= Duration::from_secs(2), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(4), "retried after {gap:?}");
    assert!(outcomes.records()[0].delivered);
}

#[test]
fn retry_after_is_clamped_to_cap() {
    let busy = Response::new(503).header("Retry-After", "86400");
    let server = Server::start(Rule::queue([busy.into()], accepted())).unwrap();
    let events = api(&server.url());
    let cap = Duration::from_millis(500);
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .max_retry_delay(cap)
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].received_at - requests[0].received_at;
    assert!(gap >= cap, "retried after {gap:?}");
    assert!(gap < Duration::from_millis(1500), "retried after {gap:?}");
    assert!(outcomes.records()[0].delivered);
}

#[test]
fn unbounded_waits_do_not_panic_workers() {
    // A `Retry-After` of u64::MAX seconds under an unbounded cap is a wait that `Instant`
    // cannot hold.
    let busy = Response::new(503).header("Retry-After", u64::MAX.to_string());
    let server = Server::start(Rule::fixed(busy)).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .max_retry_delay(Duration::MAX)
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(event(1), outcomes.callback())
        .unwrap();
    assert!(server.wait_for_requests(1, WAIT));
    let report = queue.shutdown(Duration::from_millis(500)).unwrap();

    assert_eq!(report.abandoned, 1, "{report:?}");
    assert_eq!(report.unresolved, 0, "{report:?}");
    let records = outcomes.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind, Some(FailureKind::Abandoned));
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn unbounded_linger_waits_for_flush() {
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(10, Duration::MAX)
        .install(&events)
        .unwrap();

    events.events_post_async(event(1), None).unwrap();
    thread::sleep(Duration::from_millis(100));
    assert_eq!(server.requests().len(), 0, "sent before the batch filled");
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(events_in(&requests[0]).len(), 1);
    assert_eq!(queue.stats().delivered, 1);
}

#[test]
fn timed_out_attempt_resends_same_bytes() {
    // The first request is recorded, then answered only after the client gave up.
    let server = Server::start(Rule::queue(
        [accepted().delayed(Duration::from_millis(1500))],
        accepted(),
    ))
    .unwrap();
    let events = api_with_timeout(&server.url(), Duration::from_millis(300));
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let id = events
        .events_post_async(event(7), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].body, requests[1].body,
        "bodies of both attempts"
    );
    let first = &events_in(&requests[0])[0];
    let second = &events_in(&requests[1])[0];
    assert_eq!(first["event_id"], id.as_str());
    assert_eq!(second["event_id"], id.as_str());
    assert!(first["timestamp"].is_string());
    assert_eq!(first["timestamp"], second["timestamp"]);
    let records = outcomes.records();
    assert_eq!(records.len(), 1);
    assert!(records[0].delivered);
    assert_eq!(records[0].attempts, 2);
}

#[test]
fn enqueue_fills_empty_id_and_timestamp() {
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = EventQueue::of(&events).unwrap();

    let generated = events.events_post_async(event(1), None).unwrap();
    let mut given = event(2);
    given.event_id = Some("order-2".to_owned());
    given.timestamp = Some("2026-01-02T03:04:05Z".to_owned());
    let kept = events.events_post_async(given, None).unwrap();
    let mut blank = event(3);
    blank.event_id = Some(String::new());
    let replaced = events.events_post_async(blank, None).unwrap();
    queue.flush(WAIT).unwrap();

    // A UUID v7 in hyphenated form has the version digit 7 at index 14.
    for id in [&generated, &replaced] {
        let text = id.as_str();
        assert_eq!(text.len(), 36, "{text}");
        assert_eq!(&text[14..15], "7", "{text}");
    }
    assert_eq!(kept.as_str(), "order-2");
    let mut sent: Vec<(String, String)> = server
        .requests()
        .iter()
        .flat_map(events_in)
        .map(|event| {
            let id = event["event_id"].as_str().unwrap().to_owned();
            (id, event["timestamp"].as_str().unwrap().to_owned())
        })
        .collect();
    sent.sort();
    assert_eq!(sent.len(), 3);
    let kept_sent = sent.iter().find(|(id, _)| id == "order-2").unwrap();
    assert_eq!(kept_sent.1, "2026-01-02T03:04:05Z");
    for (id, timestamp) in &sent {
        // RFC 3339 in UTC, as `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
        assert!(timestamp.ends_with('Z'), "{id}: {timestamp}");
        assert_eq!(&timestamp[10..11], "T", "{id}: {timestamp}");
    }
}

#[test]
fn waiting_retry_does_not_delay_others() {
    // One worker: the first event waits 2 s for its retry while the others go out.
    let server = Server::start(Rule::from_fn(|request, _| {
        let first_event = event_ids_in(request).iter().any(|id| id == "slow-event");
        if first_event && request.index == 0 {
            Response::new(503).header("Retry-After", "2").into()
        } else {
            accepted()
        }
    }))
    .unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .workers(1)
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let started = Instant::now();
    let mut slow = event(0);
    slow.event_id = Some("slow-event".to_owned());
    events.events_post_async(slow, outcomes.callback()).unwrap();
    for n in 1..=5 {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }
    assert!(outcomes.wait_for(5, WAIT));

    let records = outcomes.records();
    let early: Vec<_> = records.iter().take(5).collect();
    for record in &early {
        assert_ne!(record.event_id, "slow-event");
        assert!(record.delivered);
        let after = record.at - started;
        assert!(after < Duration::from_secs(1), "delivered after {after:?}");
    }
    queue.flush(WAIT).unwrap();
    let records = outcomes.records();
    assert_eq!(records.len(), 6);
    assert_eq!(records[5].event_id, "slow-event");
    assert!(records[5].at - started >= Duration::from_secs(2));
}

#[test]
fn panicking_callback_affects_nothing_else() {
    const EVENTS: usize = 1000;
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = EventQueue::of(&events).unwrap();
    let outcomes = Outcomes::new();

    events
        .events_post_async(
            event(0),
            Some(Box::new(|_| panic!("callback panics on purpose"))),
        )
        .unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let mut ids = Vec::new();
    for n in 1..=EVENTS {
        let calls = Arc::clone(&calls);
        let record = outcomes.callback().unwrap();
        let id = events
            .events_post_async(
                event(n),
                Some(Box::new(move |outcome| {
                    calls.fetch_add(1, Ordering::SeqCst);
                    record(outcome);
                })),
            )
            .unwrap();
        ids.push(id);
    }
    queue.flush(WAIT).unwrap();

    assert_eq!(calls.load(Ordering::SeqCst), EVENTS);
    let by_id = outcomes.by_id();
    for id in &ids {
        let records = &by_id[id.as_str()];
        assert_eq!(records.len(), 1, "callbacks for {id}");
        assert!(records[0].delivered);
    }
    let stats = queue.stats();
    assert_eq!(stats.delivered, EVENTS as u64 + 1);
    assert_eq!(stats.depth, 0);
}

#[test]
fn batching_isolates_invalid_event() {
    let server = Server::start(Rule::from_fn(|request, _| {
        let invalid = events_in(request)
            .iter()
            .any(|event| event["event_name"] == "invalid");
        if invalid {
            Response::new(400).json(ERROR_BODY).into()
        } else {
            accepted()
        }
    }))
    .unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(10, Duration::from_millis(500))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let mut invalid_id = None;
    for n in 0..10 {
        let mut next = event(n);
        if n == 4 {
            next.event_name = "invalid".to_owned();
        }
        let id = events.events_post_async(next, outcomes.callback()).unwrap();
        if n == 4 {
            invalid_id = Some(id);
        }
    }
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    let bulk: Vec<_> = requests.iter().filter(|r| is_bulk(r)).collect();
    let single: Vec<_> = requests.iter().filter(|r| !is_bulk(r)).collect();
    assert_eq!(bulk.len(), 1);
    assert_eq!(events_in(bulk[0]).len(), 10);
    assert_eq!(single.len(), 10);
    let invalid_id = invalid_id.unwrap();
    let records = outcomes.records();
    assert_eq!(records.len(), 10);
    for record in &records {
        assert_eq!(record.attempts, 2, "{}", record.event_id);
        if record.event_id == invalid_id.as_str() {
            assert_eq!(record.kind, Some(FailureKind::Rejected));
            assert_eq!(record.status, Some(400));
        } else {
            assert!(record.delivered, "{}", record.event_id);
        }
    }
    let stats = queue.stats();
    assert_eq!((stats.delivered, stats.failed), (9, 1));
}

#[test]
fn batches_respect_count_and_byte_limits() {
    const EVENTS: usize = 40;
    const MAX_BYTES: usize = 700;
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(4, Duration::from_millis(200))
        .max_batch_bytes(MAX_BYTES)
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    let mut ids = HashSet::new();
    for n in 0..EVENTS {
        let mut next = event(n);
        if n % 3 == 0 {
            // Large enough that only two of these fit in one request.
            next.source = Some("x".repeat(250));
        }
        ids.insert(
            events
                .events_post_async(next, outcomes.callback())
                .unwrap()
                .into_string(),
        );
    }
    queue.flush(WAIT).unwrap();

    let mut sent = Vec::new();
    for request in server.requests() {
        let carried = event_ids_in(&request);
        if is_bulk(&request) {
            assert!(
                carried.len() <= 4,
                "bulk request with {} events",
                carried.len()
            );
            assert!(
                request.body.len() <= MAX_BYTES,
                "bulk body of {} bytes",
                request.body.len()
            );
        } else {
            assert_eq!(carried.len(), 1);
        }
        sent.extend(carried);
    }
    assert_eq!(sent.len(), EVENTS, "each event sent once");
    assert_eq!(sent.into_iter().collect::<HashSet<_>>(), ids);
    assert!(server.requests().iter().any(is_bulk));
    assert_eq!(queue.stats().delivered, EVENTS as u64);
}

#[test]
fn full_batch_goes_out_before_linger() {
    // The linger outlasts the wait below, so only a full batch explains the request.
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(5, Duration::from_secs(60))
        .install(&events)
        .unwrap();

    events.events_post_async(event(0), None).unwrap();
    // Gives a worker time to see the first event and start its linger.
    thread::sleep(Duration::from_millis(100));
    for n in 1..5 {
        events.events_post_async(event(n), None).unwrap();
    }

    assert!(
        server.wait_for_requests(1, WAIT),
        "no request before the linger ended"
    );
    let requests = server.requests();
    assert!(is_bulk(&requests[0]));
    assert_eq!(events_in(&requests[0]).len(), 5);
    queue.shutdown(WAIT).unwrap();
}

#[test]
fn partial_batch_goes_out_after_linger() {
    const LINGER: Duration = Duration::from_millis(300);
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(100, LINGER)
        .install(&events)
        .unwrap();

    let started = Instant::now();
    for n in 0..3 {
        events.events_post_async(event(n), None).unwrap();
    }

    assert!(
        server.wait_for_requests(1, WAIT),
        "no request after the linger ended"
    );
    let requests = server.requests();
    let sent_after = requests[0].received_at.duration_since(started);
    assert!(
        sent_after >= LINGER,
        "sent {sent_after:?} after the first event"
    );
    assert_eq!(requests.len(), 1);
    assert!(is_bulk(&requests[0]));
    assert_eq!(events_in(&requests[0]).len(), 3);
    queue.shutdown(WAIT).unwrap();
}

#[test]
fn failed_batch_is_retried_whole() {
    let server = Server::start(Rule::queue([Action::status(503)], accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new()
        .batching(5, Duration::from_millis(500))
        .retry_delay(Duration::from_millis(10))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();

    for n in 0..5 {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }
    queue.flush(WAIT).unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(is_bulk));
    assert_eq!(events_in(&requests[0]).len(), 5);
    assert_eq!(requests[0].body, requests[1].body);
    let records = outcomes.records();
    assert_eq!(records.len(), 5);
    assert!(records.iter().all(|r| r.delivered && r.attempts == 2));
    assert_eq!(queue.stats().retried, 5);
}

#[test]
fn idle_workers_wake_for_each_event() {
    const EVENTS: usize = 40;
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new().workers(3).install(&events).unwrap();
    let outcomes = Outcomes::new();

    // Every worker has gone idle before the next event arrives, so each event needs a
    // wake-up. The test waits for callbacks, not for `flush`, which wakes workers itself.
    for n in 0..EVENTS {
        thread::sleep(Duration::from_millis(5));
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
        assert!(outcomes.wait_for(n + 1, WAIT), "callback for event {n}");
    }
    // Two events at once: one wake-up for each.
    for n in EVENTS..EVENTS + 2 {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }
    assert!(
        outcomes.wait_for(EVENTS + 2, WAIT),
        "callbacks for the last two"
    );

    let report = queue.shutdown(WAIT).unwrap();
    assert_eq!(report.delivered, EVENTS as u64 + 2);
    assert_eq!(outcomes.records().len(), EVENTS + 2);
    assert_eq!(accepted_counts(&server).len(), EVENTS + 2);
}
