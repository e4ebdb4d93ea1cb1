//! Percentiles, medians over rounds, and the Markdown tables the benchmark prints.

use std::fmt::Write as _;
use std::time::Duration;

use crate::{Delivery, Latency, BATCH_EVENTS, BATCH_LINGER, CONNECTIONS, LATENCY_PLAN};

/// Targets that the report checks.
const TARGET_P99_MICROS: f64 = 20.0;
const TARGET_SINGLE_OF_CEILING: f64 = 0.9;
const TARGET_BATCHED_OF_SINGLE: f64 = 10.0;
const TARGET_BATCHED_OF_PYTHON: f64 = 20.0;

/// Picks one workload's run out of a round, or `None` when the round did not run it.
type Pick = fn(&Round) -> Option<&Delivery>;

/// Results of one round, in which every workload ran once.
pub struct Round {
    pub rust_latency: Latency,
    pub python_latency: Option<Latency>,
    pub raw_single: Delivery,
    pub raw_bulk: Delivery,
    /// The async reqwest loop.
    pub ceiling: Delivery,
    /// The blocking reqwest loop.
    pub blocking_ceiling: Delivery,
    pub sdk_loop: Delivery,
    pub ceiling_bulk: Delivery,
    pub queue_single: Delivery,
    pub queue_batched: Delivery,
    pub python: Option<Delivery>,
}

impl Round {
    /// Returns a one-line summary for the progress output.
    pub fn progress_line(&self) -> String {
        let mut line = format!(
            "  enqueue p99 {:.1} us; events/s: blocking ceiling {:.0}, async ceiling {:.0}, \
             queue {:.0}, batched {:.0}",
            micros(percentile(&self.rust_latency.samples, 0.99)),
            self.blocking_ceiling.rate(),
            self.ceiling.rate(),
            self.queue_single.rate(),
            self.queue_batched.rate(),
        );
        if let Some(python) = &self.python {
            let _ = write!(line, ", Python {:.0}", python.rate());
        }
        line
    }
}

/// Facts about the run printed above the tables.
pub struct Machine {
    pub load_before: String,
    pub load_after: String,
    pub python_version: Option<String>,
    pub rounds: usize,
}

/// All rounds of a run.
#[derive(Default)]
pub struct Summary {
    pub rounds: Vec<Round>,
}

impl Summary {
    /// Renders the machine facts and every table as Markdown.
    pub fn render(&self, machine: &Machine) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "- CPU: {} ({} logical CPUs)", cpu_model(), nproc());
        let _ = writeln!(
            out,
            "- load average (1, 5, 15 min) before: {}; after: {}",
            machine.load_before, machine.load_after
        );
        let python = machine.python_version.as_deref().unwrap_or("not measured");
        let _ = writeln!(out, "- Python helper: flexprice {python}");
        let _ = writeln!(
            out,
            "- {} rounds; each value is the median over rounds, with the range in brackets",
            machine.rounds
        );
        out.push('\n');
        self.render_latency(&mut out);
        self.render_delivery(&mut out);
        self.render_enqueue_under_load(&mut out);
        self.render_ratios(&mut out);
        out
    }

    fn render_latency(&self, out: &mut String) {
        let plan = &LATENCY_PLAN;
        let _ = writeln!(
            out,
            "Enqueue latency: {} timed calls per round into a queue of {}, with {} events \
             queued first and the server stalled\n",
            plan.timed, plan.queue, plan.fill
        );
        out.push_str("| client | held before | p50 (µs) | p99 (µs) | max (µs) |\n");
        out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
        let rust: Vec<&Latency> = self.rounds.iter().map(|r| &r.rust_latency).collect();
        latency_row(out, "Rust queue `events_post_async`", &rust);
        let python: Vec<&Latency> = self
            .rounds
            .iter()
            .filter_map(|r| r.python_latency.as_ref())
            .collect();
        if !python.is_empty() {
            latency_row(out, "Python helper `events_post_async`", &python);
        }
        out.push('\n');
    }

    fn render_delivery(&self, out: &mut String) {
        out.push_str(
            "Delivery against a server that responds with 202 at once. CPU is that of the \
             benchmark process, server included, so the Python helper's own CPU is not \
             counted\n\n",
        );
        out.push_str(
            "| workload | events per run | requests per run | events/s | \
             CPU per event (µs) |\n",
        );
        out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
        let batch = format!("{BATCH_EVENTS} events per request");
        let rows: [(String, Pick); 9] = [
            (
                format!("raw sockets, 1 event per request, {CONNECTIONS} connections"),
                |r| Some(&r.raw_single),
            ),
            (
                format!("raw sockets, {batch}, {CONNECTIONS} connections"),
                |r| Some(&r.raw_bulk),
            ),
            (
                format!(
                    "blocking reqwest loop, 1 event per request, {CONNECTIONS} connections \
                     (ceiling)"
                ),
                |r| Some(&r.blocking_ceiling),
            ),
            (
                format!(
                    "async reqwest loop, 1 event per request, {CONNECTIONS} connections \
                     (ceiling)"
                ),
                |r| Some(&r.ceiling),
            ),
            (
                format!("SDK `ingest_event` loop, 1 event per request, {CONNECTIONS} connections"),
                |r| Some(&r.sdk_loop),
            ),
            (
                format!("async reqwest loop, {batch}, {CONNECTIONS} connections"),
                |r| Some(&r.ceiling_bulk),
            ),
            (
                format!("Rust queue, single-event, {CONNECTIONS} workers"),
                |r| Some(&r.queue_single),
            ),
            (
                format!(
                    "Rust queue, batching({BATCH_EVENTS}, {BATCH_LINGER:?}), {CONNECTIONS} workers"
                ),
                |r| Some(&r.queue_batched),
            ),
            (format!("Python helper, {CONNECTIONS} workers"), |r| {
                r.python.as_ref()
            }),
        ];
        for (name, pick) in rows {
            let runs: Vec<&Delivery> = self.rounds.iter().filter_map(pick).collect();
            let Some(first) = runs.first() else {
                continue;
            };
            let rates: Vec<f64> = runs.iter().map(|run| run.rate()).collect();
            let requests: Vec<f64> = runs.iter().map(|run| run.requests as f64).collect();
            let cpu: Vec<f64> = runs.iter().filter_map(|run| run.cpu_per_event()).collect();
            let cpu = if cpu.is_empty() {
                "not measured".to_owned()
            } else {
                spread(&cpu, 1)
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {:.0} | {} | {cpu} |",
                first.events,
                median(&requests),
                spread(&rates, 0)
            );
        }
        out.push('\n');
    }

    fn render_enqueue_under_load(&self, out: &mut String) {
        out.push_str(
            "Enqueue latency during the delivery runs, for comparison; the Rust queue times \
             one call in 16\n\n",
        );
        out.push_str("| client | p50 (µs) | p99 (µs) | max (µs) |\n");
        out.push_str("| --- | ---: | ---: | ---: |\n");
        let rows: [(&str, Pick); 3] = [
            ("Rust queue, single-event", |r| Some(&r.queue_single)),
            ("Rust queue, batched", |r| Some(&r.queue_batched)),
            ("Python helper", |r| r.python.as_ref()),
        ];
        for (name, pick) in rows {
            let samples: Vec<&[Duration]> = self
                .rounds
                .iter()
                .filter_map(pick)
                .map(|run| run.enqueue.as_slice())
                .collect();
            if samples.is_empty() {
                continue;
            }
            let at = |p: f64| -> Vec<f64> {
                let values = samples.iter().map(|s| micros(percentile(s, p)));
                values.collect()
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} |",
                spread(&at(0.5), 1),
                spread(&at(0.99), 1),
                spread(&at(1.0), 0)
            );
        }
        out.push('\n');
    }

    fn render_ratios(&self, out: &mut String) {
        out.push_str("Ratios, each computed within a round (median over rounds)\n\n");
        out.push_str("| ratio | value | target | met |\n");
        out.push_str("| --- | ---: | ---: | --- |\n");
        let p99: Vec<f64> = self
            .rounds
            .iter()
            .map(|r| micros(percentile(&r.rust_latency.samples, 0.99)))
            .collect();
        let met = median(&p99) < TARGET_P99_MICROS;

        let _ = writeln!(
            out,
            "| Rust queue enqueue p99, half full (µs) | {} | < {TARGET_P99_MICROS} | {} |",
            spread(&p99, 1),
            yes_no(met)
        );

        self.ratio_row(
            out,
            "Rust queue single-event / blocking reqwest ceiling",
            |r| Some(r.queue_single.rate() / r.blocking_ceiling.rate()),
            Some(TARGET_SINGLE_OF_CEILING),
        );
        self.ratio_row(
            out,
            "Rust queue single-event / async reqwest ceiling",
            |r| Some(r.queue_single.rate() / r.ceiling.rate()),
            Some(TARGET_SINGLE_OF_CEILING),
        );
        self.ratio_row(
            out,
            "Rust queue single-event / async reqwest ceiling, CPU per event",
            |r| Some(r.queue_single.cpu_per_event()? / r.ceiling.cpu_per_event()?),
            None,
        );
        self.ratio_row(
            out,
            "Rust queue single-event / SDK `ingest_event` loop",
            |r| Some(r.queue_single.rate() / r.sdk_loop.rate()),
            None,
        );
        self.ratio_row(
            out,
            "Rust queue batched / Rust queue single-event",
            |r| Some(r.queue_batched.rate() / r.queue_single.rate()),
            Some(TARGET_BATCHED_OF_SINGLE),
        );
        self.ratio_row(
            out,
            "Rust queue batched / Python helper",
            |r| Some(r.queue_batched.rate() / r.python.as_ref()?.rate()),
            Some(TARGET_BATCHED_OF_PYTHON),
        );
        self.ratio_row(
            out,
            "Rust queue single-event / Python helper",
            |r| Some(r.queue_single.rate() / r.python.as_ref()?.rate()),
            None,
        );
        self.ratio_row(
            out,
            "Rust queue batched / reqwest bulk loop",
            |r| Some(r.queue_batched.rate() / r.ceiling_bulk.rate()),
            None,
        );
        self.ratio_row(
            out,
            "async reqwest ceiling / raw sockets (server headroom)",
            |r| Some(r.ceiling.rate() / r.raw_single.rate()),
            None,
        );
    }

    fn ratio_row(
        &self,
        out: &mut String,
        name: &str,
        ratio: fn(&Round) -> Option<f64>,
        target: Option<f64>,
    ) {
        let values: Vec<f64> = self.rounds.iter().filter_map(ratio).collect();
        if values.is_empty() {
            return;
        }
        let (target, met) = match target {
            Some(target) => (
                format!("≥ {target}"),
                yes_no(median(&values) >= target).to_owned(),
            ),
            None => ("".to_owned(), "".to_owned()),
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {target} | {met} |",
            spread(&values, 2)
        );
    }
}

fn latency_row(out: &mut String, name: &str, runs: &[&Latency]) {
    let held_before: Vec<f64> = runs.iter().map(|run| run.held_before as f64).collect();
    let at = |p: f64| -> Vec<f64> {
        let values = runs.iter().map(|run| micros(percentile(&run.samples, p)));
        values.collect()
    };
    let _ = writeln!(
        out,
        "| {name} | {:.0} | {} | {} | {} |",
        median(&held_before),
        spread(&at(0.5), 1),
        spread(&at(0.99), 1),
        spread(&at(1.0), 0)
    );
}

fn yes_no(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "no"
    }
}

/// Formats the median of `values` with the range over rounds in brackets.
fn spread(values: &[f64], decimals: usize) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{:.decimals$} ({min:.decimals$}–{max:.decimals$})",
        median(values)
    )
}

/// Returns the median; the mean of the two middle values for an even count.
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[middle],
        _ => (sorted[middle - 1] + sorted[middle]) / 2.0,
    }
}

/// Returns the nearest-rank percentile `p` (0 to 1) of `samples`.
fn percentile(samples: &[Duration], p: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// Returns the first three fields of /proc/loadavg, or a note when it cannot be read.
pub fn load_average() -> String {
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(text) => text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        Err(error) => format!("unknown ({error})"),
    }
}

fn cpu_model() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map_or_else(
            || "unknown".to_owned(),
            |(_, model)| model.trim().to_owned(),
        )
}

fn nproc() -> usize {
    std::thread::available_parallelism().map_or(0, usize::from)
}
