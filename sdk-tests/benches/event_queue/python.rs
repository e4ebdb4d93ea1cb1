//! Runs `python_helper.py`, which drives the event helper of FlexPrice's Python SDK 1.0,
//! as a subprocess against this benchmark's server.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use anyhow::{bail, ensure, Context};
use serde::Deserialize;

use crate::server::{Mode, Server};
use crate::{Delivery, Latency, LatencyPlan, CONNECTIONS};

/// Environment variable that names the Python interpreter with `flexprice` 1.0 installed.
pub const PYTHON_VARIABLE: &str = "FLEXPRICE_PYTHON";
/// Maximum run time of one script run, including its import of the SDK.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(180);
/// Seconds the script waits for the helper to send every event.
const DELIVERY_TIMEOUT_SECONDS: &str = "120";

/// Output of the script in latency mode.
#[derive(Deserialize)]
struct LatencyOutput {
    held_before: usize,
    enqueue_ns: Vec<u64>,
    rejected: u64,
}

/// Output of the script in throughput mode.
#[derive(Deserialize)]
struct ThroughputOutput {
    events: usize,
    seconds: f64,
    finished: bool,
    enqueue_ns: Vec<u64>,
    rejected: u64,
}

/// The interpreter and script that run the Python helper.
pub struct PythonHelper {
    interpreter: PathBuf,
    script: PathBuf,
}

impl PythonHelper {
    /// Returns the helper named by [`PYTHON_VARIABLE`], or `None` when it is not set.
    pub fn from_env() -> Option<PythonHelper> {
        let interpreter = std::env::var_os(PYTHON_VARIABLE)?;
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("benches")
            .join("event_queue")
            .join("python_helper.py");
        Some(PythonHelper {
            interpreter: interpreter.into(),
            script,
        })
    }

    /// Returns the version of the installed `flexprice` package.
    pub fn package_version(&self) -> anyhow::Result<String> {
        let output = Command::new(&self.interpreter)
            .args([
                "-c",
                "import importlib.metadata as m; print(m.version('flexprice'))",
            ])
            .output()
            .with_context(|| format!("running {}", self.interpreter.display()))?;
        ensure!(
            output.status.success(),
            "{} could not find the flexprice package: {}; install it with \
             `pip install flexprice==1.0.17` in that interpreter's venv",
            self.interpreter.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    /// Times single `events_post_async` calls of the helper with the queue half full.
    pub fn enqueue_latency(&self, plan: &LatencyPlan) -> anyhow::Result<Latency> {
        let server = Server::start(Mode::Stall).context("starting the stalled server")?;
        let args = [
            "latency".to_owned(),
            server.url(),
            format!("--queue={}", plan.queue),
            format!("--fill={}", plan.fill),
            format!("--timed={}", plan.timed),
        ];
        // The script times its calls only once both workers are blocked on the server.
        let workers_blocked = || {
            ensure!(
                server.wait_for_requests(CONNECTIONS as u64, SCRIPT_TIMEOUT),
                "the stalled server saw {} requests from the Python helper, expected \
                 {CONNECTIONS}",
                server.requests()
            );
            Ok(())
        };
        let output: LatencyOutput = self.run(&args, Some(&workers_blocked))?;
        ensure!(
            output.rejected == 0,
            "the Python helper rejected {} events",
            output.rejected
        );
        Ok(Latency {
            // The helper counts only queued events, and each worker has one more in flight.
            held_before: output.held_before + CONNECTIONS,
            samples: nanos(&output.enqueue_ns),
        })
    }

    /// Sends `events` through the helper and times until its workers sent them all.
    pub fn delivery(&self, events: usize) -> anyhow::Result<Delivery> {
        let server = Server::start(Mode::Accept).context("starting the server")?;
        let output: ThroughputOutput = self.run(
            &[
                "throughput".to_owned(),
                server.url(),
                format!("--events={events}"),
                format!("--timeout={DELIVERY_TIMEOUT_SECONDS}"),
            ],
            None,
        )?;
        ensure!(
            output.finished,
            "the Python helper did not send its events within {DELIVERY_TIMEOUT_SECONDS} s"
        );
        ensure!(
            output.rejected == 0 && output.events == events,
            "the Python helper rejected {} of {} events",
            output.rejected,
            output.events
        );
        // Without a callback the helper only logs an event it gave up on, so count at the server.
        ensure!(
            server.events() == events as u64 && server.errors() == 0,
            "the server counted {} of {events} events from the Python helper and {} errors",
            server.events(),
            server.errors()
        );
        Ok(Delivery {
            events,
            requests: server.requests(),
            elapsed: Duration::from_secs_f64(output.seconds),
            cpu: None,
            enqueue: nanos(&output.enqueue_ns),
        })
    }

    /// Runs the script with `args` and parses the JSON line it prints last.
    ///
    /// With `handshake`, the script first prints `filled` and waits: the handshake runs,
    /// and on success the script gets a line on standard input and goes on.
    fn run<T: for<'de> Deserialize<'de>>(
        &self,
        args: &[String],
        handshake: Option<&dyn Fn() -> anyhow::Result<()>>,
    ) -> anyhow::Result<T> {
        let mut child = Command::new(&self.interpreter)
            .arg(&self.script)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {}", self.interpreter.display()))?;
        let result = talk(&mut child, handshake);
        if result.is_err() {
            let _ = child.kill();
        }
        // The script exits with os._exit right after printing, so this wait is short.
        let status = child.wait()?;
        let line = result?;
        ensure!(
            status.success(),
            "the Python helper script exited with {status}"
        );
        serde_json::from_str(&line).context("parsing the Python helper script's output")
    }
}

/// Runs the handshake, if any, with the child and returns its last output line.
fn talk(
    child: &mut Child,
    handshake: Option<&dyn Fn() -> anyhow::Result<()>>,
) -> anyhow::Result<String> {
    let (Some(stdout), Some(mut stdin)) = (child.stdout.take(), child.stdin.take()) else {
        bail!("the Python helper script has no pipes");
    };
    let lines = read_lines(stdout);
    let next_line = || match lines.recv_timeout(SCRIPT_TIMEOUT) {
        Ok(Ok(line)) => Ok(line),
        Ok(Err(error)) => Err(anyhow::Error::new(error).context("reading the script's output")),
        Err(RecvTimeoutError::Timeout) => {
            bail!("the Python helper script printed no line within {SCRIPT_TIMEOUT:?}")
        }
        Err(RecvTimeoutError::Disconnected) => {
            bail!("the Python helper script closed its output early; see its error output above")
        }
    };
    if let Some(handshake) = handshake {
        let line = next_line()?;
        ensure!(
            line.trim_end() == "filled",
            "the Python helper script printed {line:?}, expected `filled`"
        );
        handshake()?;
        stdin.write_all(b"go\n")?;
        stdin.flush()?;
    }
    next_line()
}

/// Sends each line of `stdout` through the returned channel, from a thread of its own.
fn read_lines(stdout: ChildStdout) -> mpsc::Receiver<std::io::Result<String>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn nanos(samples: &[u64]) -> Vec<Duration> {
    samples.iter().copied().map(Duration::from_nanos).collect()
}
