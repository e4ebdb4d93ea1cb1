//! Benchmark of the SDK's fire-and-forget event queue against a local server.
//!
//! Measures, in one run and in interleaved rounds so that a change of machine load hits
//! every workload alike:
//!
//! - the latency of `events_post_async` while the queue is half full behind a stalled
//!   server;
//! - delivered events per second, single-event and batched, against a server that
//!   responds with 202 at once;
//! - the ceilings: plain loops of reqwest calls, blocking and async, over as many
//!   connections as the queue has workers;
//! - the other baselines: the async loop through the SDK's `ingest_event`, raw sockets
//!   (what the server sustains), and the event helper of FlexPrice's Python SDK 1.0 when
//!   [`python::PYTHON_VARIABLE`] names an interpreter that has it.
//!
//! Run it with `cargo bench -p sdk-tests --bench event_queue`. BENCHMARKS.md at the
//! repository root records the results. `EVENT_QUEUE_BENCH_ROUNDS` sets the number of
//! rounds (default 11). Every server listens on 127.0.0.1 only.

mod python;
mod report;
mod rust;
mod server;

use std::time::Duration;

use anyhow::Context;

use python::PythonHelper;
use report::{Round, Summary};

/// Worker threads of the queue, and connections of every baseline.
pub const CONNECTIONS: usize = 2;
/// Queue size and fill level of the latency runs: 2,000 timed calls take the queue from
/// 4,000 to 6,000 held events of 10,000, centred on half full.
const LATENCY_PLAN: LatencyPlan = LatencyPlan {
    queue: 10_000,
    fill: 4_000,
    timed: 2_000,
};
/// Events of one single-event run: about 1 s at the rates of the reqwest ceiling.
const SINGLE_EVENTS: usize = 20_000;
/// Events of one batched run.
const BATCHED_EVENTS: usize = 200_000;
/// Events per bulk request and the linger of the batched queue.
const BATCH_EVENTS: usize = 1_000;
const BATCH_LINGER: Duration = Duration::from_millis(5);
/// Events of one run of the Python helper: about 2.5 s at its rate.
const PYTHON_EVENTS: usize = 4_000;
/// Environment variable that sets the number of rounds.
const ROUNDS_VARIABLE: &str = "EVENT_QUEUE_BENCH_ROUNDS";
const DEFAULT_ROUNDS: usize = 11;

/// Size and fill level of a latency run.
pub struct LatencyPlan {
    pub queue: usize,
    pub fill: usize,
    pub timed: usize,
}

/// Durations of single enqueue calls.
pub struct Latency {
    /// Events held by the queue before the first timed call.
    pub held_before: usize,
    pub samples: Vec<Duration>,
}

/// One delivery run: `events` sent in `requests` requests within `elapsed`.
pub struct Delivery {
    pub events: usize,
    pub requests: u64,
    pub elapsed: Duration,
    /// CPU time of this process during the run, all threads including the server's, or
    /// `None` when the client ran in another process.
    pub cpu: Option<Duration>,
    /// Durations of the enqueue calls during the run; empty for the baselines.
    pub enqueue: Vec<Duration>,
}

impl Delivery {
    /// Returns the delivered events per second.
    pub fn rate(&self) -> f64 {
        self.events as f64 / self.elapsed.as_secs_f64()
    }

    /// Returns the CPU time of this process per event, in microseconds.
    pub fn cpu_per_event(&self) -> Option<f64> {
        let cpu = self.cpu?;
        Some(cpu.as_secs_f64() * 1e6 / self.events as f64)
    }
}

fn main() -> anyhow::Result<()> {
    let rounds = match std::env::var(ROUNDS_VARIABLE) {
        Ok(value) => value
            .parse()
            .with_context(|| format!("{ROUNDS_VARIABLE} must be a whole number, not {value:?}"))?,
        Err(_) => DEFAULT_ROUNDS,
    };
    let python = PythonHelper::from_env();
    let python_version = match &python {
        Some(helper) => Some(helper.package_version()?),
        None => {
            eprintln!(
                "note: {} is not set, so the Python helper is not measured; set it to an \
                 interpreter with `flexprice==1.0.17` installed",
                python::PYTHON_VARIABLE
            );
            None
        }
    };
    let load_before = report::load_average();

    let mut summary = Summary::default();
    for round in 1..=rounds {
        eprintln!("round {round} of {rounds}");
        let result = run_round(round, python.as_ref())?;
        eprintln!("{}", result.progress_line());
        summary.rounds.push(result);
    }

    let machine = report::Machine {
        load_before,
        load_after: report::load_average(),
        python_version,
        rounds,
    };
    print!("{}", summary.render(&machine));
    Ok(())
}

/// Runs every workload once. Each queue run sits next to its reqwest baseline, and the
/// two swap places in every other round, so that a burst of load from other processes
/// does not always fall on the same side of a ratio.
fn run_round(round: usize, python: Option<&PythonHelper>) -> anyhow::Result<Round> {
    let rust_latency = rust::enqueue_latency(&LATENCY_PLAN).context("queue latency run")?;
    let python_latency = python
        .map(|helper| helper.enqueue_latency(&LATENCY_PLAN))
        .transpose()
        .context("Python helper latency run")?;
    let raw_single = rust::raw_sockets(SINGLE_EVENTS * 2, 1).context("raw socket run")?;
    let raw_bulk = rust::raw_sockets(BATCHED_EVENTS, BATCH_EVENTS).context("raw bulk run")?;

    let ceiling = || rust::reqwest_loop(SINGLE_EVENTS, 1).context("reqwest loop run");
    let single = || rust::queue_delivery(SINGLE_EVENTS, None).context("single-event run");
    let (ceiling, queue_single) = in_turn(round, ceiling, single)?;
    let blocking_ceiling =
        rust::blocking_reqwest_loop(SINGLE_EVENTS).context("blocking reqwest loop run")?;
    let sdk_loop = rust::sdk_loop(SINGLE_EVENTS).context("SDK loop run")?;

    let batching = Some((BATCH_EVENTS, BATCH_LINGER));
    let ceiling_bulk =
        || rust::reqwest_loop(BATCHED_EVENTS, BATCH_EVENTS).context("reqwest bulk loop run");
    let batched = || rust::queue_delivery(BATCHED_EVENTS, batching).context("batched run");
    let (ceiling_bulk, queue_batched) = in_turn(round, ceiling_bulk, batched)?;

    let python = python
        .map(|helper| helper.delivery(PYTHON_EVENTS))
        .transpose()
        .context("Python helper delivery run")?;
    Ok(Round {
        rust_latency,
        python_latency,
        raw_single,
        raw_bulk,
        ceiling,
        blocking_ceiling,
        sdk_loop,
        ceiling_bulk,
        queue_single,
        queue_batched,
        python,
    })
}

/// Runs `first` and `second`, in that order in odd rounds and swapped in even ones.
fn in_turn<A, B>(
    round: usize,
    first: impl FnOnce() -> anyhow::Result<A>,
    second: impl FnOnce() -> anyhow::Result<B>,
) -> anyhow::Result<(A, B)> {
    if round % 2 == 1 {
        let a = first()?;
        Ok((a, second()?))
    } else {
        let b = second()?;
        Ok((first()?, b))
    }
}
