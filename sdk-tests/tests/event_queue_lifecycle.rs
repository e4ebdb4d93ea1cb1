//! Backpressure, flush, shutdown, drop and runtime contexts of the event queue.

mod common;

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{accepted_counts, api, api_with_timeout, event, with_watchdog, Outcomes, WAIT};
use flexprice::apis::events_api::EventsApi;
use flexprice::async_utils::{
    EnqueueErrorKind, EventQueue, FailureKind, FlushError, QueueBuilder, ShutdownError, StartError,
    MAX_WORKERS,
};
use testkit::{Action, Response, Rule, Server};

fn accepted() -> Action {
    Response::new(202)
        .json(r#"{"message":"Event accepted for processing"}"#)
        .into()
}

#[test]
fn stalled_server_abandons_at_deadline() {
    const EVENTS: usize = 50;
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let events = api(&server.url());
    let queue = EventQueue::of(&events).unwrap();
    let outcomes = Outcomes::new();
    for n in 0..EVENTS {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }
    assert!(
        server.wait_for_requests(2, WAIT),
        "both workers have a request in flight"
    );

    let started = Instant::now();
    let report = queue.shutdown(Duration::from_secs(2)).unwrap();
    let took = started.elapsed();

    assert!(took < Duration::from_millis(2250), "shutdown took {took:?}");
    assert_eq!(report.accepted, EVENTS as u64);
    assert_eq!(report.abandoned, EVENTS as u64);
    assert_eq!(report.delivered, 0);
    assert_eq!(report.failed, 0);
    assert_eq!(report.unresolved, 0);
    let by_id = outcomes.by_id();
    assert_eq!(by_id.len(), EVENTS);
    for (id, records) in &by_id {
        assert_eq!(records.len(), 1, "callbacks for {id}");
        assert_eq!(records[0].kind, Some(FailureKind::Abandoned));
    }
    let in_flight = by_id.values().filter(|r| r[0].attempts == 1).count();
    assert_eq!(in_flight, 2, "events abandoned during their first attempt");
}

#[test]
fn full_queue_rejects_at_once() {
    const MAX: usize = 1000;
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let events = api(&server.url());
    let queue = EventQueue::of(&events).unwrap();
    for n in 0..MAX {
        events.events_post_async(event(n), None).unwrap();
    }

    for n in 0..10 {
        let started = Instant::now();
        let error = events.events_post_async(event(MAX + n), None).unwrap_err();
        let took = started.elapsed();

        assert!(took < Duration::from_millis(50), "rejection took {took:?}");
        assert!(error.is_queue_full(), "{error}");
        assert!(matches!(
            error.kind(),
            EnqueueErrorKind::QueueFull {
                max_queue_size: MAX
            }
        ));
        let returned = error.into_event();
        assert_eq!(
            returned.external_customer_id,
            format!("customer-{}", MAX + n)
        );
        assert!(returned.event_id.is_some());
    }
    let stats = queue.stats();
    assert_eq!(stats.accepted, MAX as u64);
    assert_eq!(stats.rejected, 10);
    assert_eq!(stats.depth, MAX);

    let report = queue.shutdown(Duration::from_millis(500)).unwrap();
    assert_eq!(report.abandoned, MAX as u64);
    assert_eq!(report.unresolved, 0);
}

#[test]
fn flush_timeout_keeps_pending_events() {
    const EVENTS: usize = 20;
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let events = api_with_timeout(&server.url(), Duration::from_secs(1));
    let queue = QueueBuilder::new()
        .retry_delay(Duration::from_millis(50))
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

    let started = Instant::now();
    let error = queue.flush(Duration::from_millis(500)).unwrap_err();
    let took = started.elapsed();

    assert_eq!(
        error,
        FlushError::TimedOut {
            pending: EVENTS,
            timeout: Duration::from_millis(500)
        }
    );
    assert!(took >= Duration::from_millis(500), "flush took {took:?}");
    assert!(took < Duration::from_millis(900), "flush took {took:?}");
    assert_eq!(queue.stats().depth, EVENTS);

    server.set_rule(Rule::fixed(accepted()));
    queue.flush(WAIT).unwrap();

    let counts = accepted_counts(&server);
    for id in &ids {
        assert_eq!(counts.get(id.as_str()), Some(&1), "2xx answers for {id}");
    }
    let by_id = outcomes.by_id();
    assert_eq!(by_id.len(), EVENTS);
    assert!(by_id.values().all(|r| r.len() == 1 && r[0].delivered));
}

#[test]
fn concurrent_flushes_wait_for_own_events() {
    // One worker and 200 ms per response: the first two events settle after about 400 ms,
    // the three later ones after about 1 s.
    let delay = Duration::from_millis(200);
    let server = Server::start(Rule::fixed(accepted().delayed(delay))).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new().workers(1).install(&events).unwrap();
    for n in 0..2 {
        events.events_post_async(event(n), None).unwrap();
    }

    let later_queue = queue.clone();
    let later_events = events.clone();
    let later = thread::spawn(move || {
        // Starts after the first flush below, so that only this flush waits for these.
        thread::sleep(Duration::from_millis(50));
        for n in 2..5 {
            later_events.events_post_async(event(n), None).unwrap();
        }
        let result = later_queue.flush(WAIT);
        (result, later_queue.stats().delivered)
    });
    let first = queue.flush(WAIT);
    let delivered_at_first = queue.stats().delivered;
    let (second, delivered_at_second) = later.join().unwrap();

    assert_eq!(first, Ok(()));
    assert_eq!(
        delivered_at_first, 2,
        "first flush returned with its own events only"
    );
    assert_eq!(second, Ok(()));
    assert_eq!(delivered_at_second, 5);
}

#[test]
fn unused_client_shuts_down_at_once() {
    let events = api("http://127.0.0.1:9");
    assert!(EventQueue::existing(&events).is_none());
    let queue = EventQueue::of(&events).unwrap();

    for _ in 0..2 {
        let started = Instant::now();
        let report = queue.shutdown(Duration::from_secs(5)).unwrap();
        let took = started.elapsed();

        assert!(took < Duration::from_millis(300), "shutdown took {took:?}");
        assert_eq!(report.accepted, 0);
        assert_eq!(report.delivered + report.failed + report.abandoned, 0);
    }
    assert!(queue.is_shut_down());
    let error = events.events_post_async(event(1), None).unwrap_err();
    assert!(error.is_shut_down(), "{error}");
    assert_eq!(queue.stats().rejected, 1);
}

#[test]
fn dropping_last_client_shuts_down() {
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let events = api(&server.url());
    QueueBuilder::new()
        .drop_timeout(Duration::from_secs(1))
        .install(&events)
        .unwrap();
    let outcomes = Outcomes::new();
    for n in 0..5 {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }

    let started = Instant::now();
    drop(events);
    let took = started.elapsed();

    assert!(took < Duration::from_millis(1250), "drop took {took:?}");
    let records = outcomes.records();
    assert_eq!(records.len(), 5);
    assert!(records
        .iter()
        .all(|r| r.kind == Some(FailureKind::Abandoned)));
}

#[test]
fn callback_cannot_flush_or_shut_down() {
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = EventQueue::of(&events).unwrap();
    let seen = Arc::new(Mutex::new(None));

    let inner_queue = queue.clone();
    let inner_seen = Arc::clone(&seen);
    events
        .events_post_async(
            event(1),
            Some(Box::new(move |_| {
                let flushed = inner_queue.flush(Duration::from_secs(5));
                let shut = inner_queue.shutdown(Duration::from_secs(5));
                *inner_seen.lock().unwrap() = Some((flushed, shut));
            })),
        )
        .unwrap();
    queue.flush(WAIT).unwrap();

    let (flushed, shut) = seen.lock().unwrap().take().expect("callback ran");
    assert_eq!(flushed, Err(FlushError::CalledFromWorker));
    assert_eq!(shut.unwrap_err(), ShutdownError::CalledFromWorker);
    assert!(!queue.is_shut_down());
    let outcomes = Outcomes::new();
    events
        .events_post_async(event(2), outcomes.callback())
        .unwrap();
    queue.flush(WAIT).unwrap();
    assert!(outcomes.records()[0].delivered);
}

#[test]
fn invalid_settings_are_rejected() {
    let events = api("http://127.0.0.1:9");
    let cases = [
        (QueueBuilder::new().workers(0), "workers"),
        (QueueBuilder::new().workers(MAX_WORKERS + 1), "workers"),
        (QueueBuilder::new().max_queue_size(0), "max_queue_size"),
        (QueueBuilder::new().batching(0, Duration::ZERO), "batching"),
        (
            QueueBuilder::new().batching(1001, Duration::ZERO),
            "batching",
        ),
        (
            QueueBuilder::new()
                .batching(10, Duration::ZERO)
                .max_batch_bytes(10),
            "max_batch_bytes",
        ),
    ];
    for (builder, expected) in cases {
        match builder.install(&events) {
            Err(StartError::InvalidSetting { setting, .. }) => assert_eq!(setting, expected),
            other => panic!("expected invalid {expected}, got {other:?}"),
        }
    }
    assert!(EventQueue::existing(&events).is_none());

    let error = QueueBuilder::new().workers(0).install(&events).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid event queue setting workers: 0 is out of range; expected 1 to 256"
    );
}

#[test]
fn install_after_first_event_fails() {
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    events.events_post_async(event(1), None).unwrap();

    let error = QueueBuilder::new().workers(1).install(&events).unwrap_err();

    assert!(matches!(error, StartError::AlreadyInstalled), "{error}");
    let queue = EventQueue::existing(&events).expect("default queue");
    queue.flush(WAIT).unwrap();
    assert_eq!(queue.stats().delivered, 1);
}

/// Enqueues, flushes and shuts down; shared by the runtime context tests.
fn enqueue_flush_shutdown(events: &EventsApi, server: &Server) {
    const EVENTS: usize = 10;
    let outcomes = Outcomes::new();
    for n in 0..EVENTS {
        events
            .events_post_async(event(n), outcomes.callback())
            .unwrap();
    }
    let queue = EventQueue::of(events).unwrap();
    queue.flush(Duration::from_secs(5)).unwrap();
    let report = queue.shutdown(Duration::from_secs(5)).unwrap();

    assert_eq!(report.delivered, EVENTS as u64);
    assert_eq!(outcomes.records().len(), EVENTS);
    assert_eq!(accepted_counts(server).len(), EVENTS);
}

const CONTEXT_LIMIT: Duration = Duration::from_secs(15);

#[test]
fn works_from_plain_thread() {
    with_watchdog(CONTEXT_LIMIT, || {
        let server = Server::start(Rule::fixed(accepted())).unwrap();
        let events = api(&server.url());
        enqueue_flush_shutdown(&events, &server);
    });
}

#[test]
fn works_in_multi_thread_runtime() {
    with_watchdog(CONTEXT_LIMIT, || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = Server::start(Rule::fixed(accepted())).unwrap();
            let events = api(&server.url());
            enqueue_flush_shutdown(&events, &server);
        });
    });
}

#[test]
fn works_in_current_thread_runtime() {
    with_watchdog(CONTEXT_LIMIT, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = Server::start(Rule::fixed(accepted())).unwrap();
            let events = api(&server.url());
            enqueue_flush_shutdown(&events, &server);
        });
    });
}

#[test]
fn works_in_spawned_task() {
    with_watchdog(CONTEXT_LIMIT, || {
        for multi_thread in [false, true] {
            let runtime = if multi_thread {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
            } else {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
            }
            .unwrap();
            runtime.block_on(async {
                let task = tokio::spawn(async {
                    let server = Server::start(Rule::fixed(accepted())).unwrap();
                    let events = api(&server.url());
                    enqueue_flush_shutdown(&events, &server);
                    // The client, with its queue, is dropped inside the task.
                });
                task.await.unwrap();
            });
        }
    });
}

#[test]
fn no_request_starts_after_the_deadline() {
    const EVENTS: usize = 5;
    let server = Server::start(Rule::fixed(accepted())).unwrap();
    let events = api(&server.url());
    let queue = QueueBuilder::new().workers(1).install(&events).unwrap();
    let outcomes = Outcomes::new();
    // The only worker is still in the first event's callback when the deadline passes.
    for n in 0..EVENTS {
        let record = outcomes.callback().unwrap();
        let slow = Box::new(move |outcome| {
            thread::sleep(Duration::from_millis(300));
            record(outcome);
        });
        events.events_post_async(event(n), Some(slow)).unwrap();
    }
    assert!(server.wait_for_requests(1, WAIT));

    let deadline = Duration::from_millis(100);
    let shutdown_at = Instant::now();
    queue.shutdown(deadline).unwrap();
    assert!(
        outcomes.wait_for(EVENTS, WAIT),
        "callbacks after the shutdown"
    );

    let records = outcomes.records();
    assert_eq!(records.iter().filter(|r| r.delivered).count(), 1);
    let abandoned: Vec<_> = records
        .iter()
        .filter(|r| r.kind == Some(FailureKind::Abandoned))
        .collect();
    assert_eq!(abandoned.len(), EVENTS - 1);
    for record in abandoned {
        assert_eq!(record.attempts, 0, "attempts of {}", record.event_id);
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "requests sent");
    assert!(requests[0].received_at < shutdown_at + deadline);
    assert_eq!(queue.stats().delivered, 1);
}
