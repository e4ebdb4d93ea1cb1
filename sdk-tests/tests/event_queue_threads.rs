//! Worker thread count of the event queue, in its own process so that no other test's
//! workers are counted.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::{api, event, worker_threads, WAIT};
use flexprice::async_utils::QueueBuilder;
use testkit::{Response, Rule, Server};

#[test]
fn runs_exactly_workers_threads() {
    let server = Server::start(Rule::fixed(Response::new(202).json("{}"))).unwrap();
    let events = api(&server.url());
    assert!(worker_threads().is_empty());

    let queue = QueueBuilder::new().workers(3).install(&events).unwrap();
    // A new thread sets its own name, so the names show up shortly after the spawn.
    let deadline = Instant::now() + WAIT;
    while worker_threads().len() < 3 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    let started = worker_threads();
    for n in 0..100 {
        events.events_post_async(event(n), None).unwrap();
    }
    queue.flush(WAIT).unwrap();
    let busy = worker_threads();
    queue.shutdown(Duration::from_secs(5)).unwrap();
    let stopped = worker_threads();

    let expected = ["flexprice-evq-0", "flexprice-evq-1", "flexprice-evq-2"];
    assert_eq!(started, expected);
    assert_eq!(busy, expected);
    assert!(stopped.is_empty(), "still running: {stopped:?}");
}
