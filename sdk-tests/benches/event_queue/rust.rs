//! Workloads in this process: the SDK's event queue, and the baselines it is compared
//! with (plain reqwest calls, plain SDK calls, and raw sockets that measure the server).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use flexprice::async_utils::QueueBuilder;
use flexprice::models::{BulkIngestEventRequest, IngestEventRequest};
use flexprice::{ApiClient, Configuration, EventsApi};

use crate::server::{accepted_response, Mode, Server};
use crate::{Delivery, Latency, LatencyPlan, CONNECTIONS};

/// Request timeout of every client; no request of a healthy run comes near it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Maximum wait for a whole delivery run or for the stalled server to see its requests.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);
/// Shutdown timeout after a latency run, when every held event is abandoned.
const ABANDON_TIMEOUT: Duration = Duration::from_millis(300);
/// API key sent by every client, so that each request carries the header the SDK sends.
const API_KEY: &str = "bench-key";

/// Clock of the CPU time this process uses, user and system, from /proc/self/stat.
struct CpuClock(Option<Duration>);

/// Clock ticks per second of /proc/self/stat: USER_HZ, which Linux fixes at 100 on x86-64.
const TICKS_PER_SECOND: u64 = 100;

impl CpuClock {
    fn start() -> CpuClock {
        CpuClock(process_cpu_time())
    }

    /// Returns the CPU time since `start`, or `None` when /proc/self/stat is unreadable.
    fn elapsed(&self) -> Option<Duration> {
        Some(process_cpu_time()?.saturating_sub(self.0?))
    }
}

fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in field 2 may contain spaces, so fields are counted after it:
    // utime and stime, fields 14 and 15, are the 12th and 13th after the name.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    let ticks = user + system;
    Some(Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// Creates event number `n` as the SDK's users would: no id and no timestamp yet.
pub fn event(n: usize) -> IngestEventRequest {
    let mut event = IngestEventRequest::new("api_call".to_owned(), format!("customer-{n}"));
    event.properties = Some(
        [("region", "eu".to_owned()), ("bytes", (n * 10).to_string())]
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    );
    event
}

/// Creates event number `n` with an id and timestamp of the lengths the queue fills in
/// (a 36-character UUID and a 24-character RFC 3339 time), for the baselines.
fn event_with_id(n: usize) -> IngestEventRequest {
    let mut event = event(n);
    event.event_id = Some(format!("00000000-0000-7000-8000-{n:012}"));
    event.timestamp = Some("2026-01-01T00:00:00.000Z".to_owned());
    event
}

fn events_api(base_url: &str) -> anyhow::Result<EventsApi> {
    let configuration = Configuration::new()
        .with_base_url(base_url)
        .with_api_key(API_KEY)
        .with_timeout(REQUEST_TIMEOUT);
    let client = ApiClient::new(configuration).context("building the SDK client")?;
    Ok(EventsApi::new(client))
}

/// Times `events_post_async` while `plan.fill` events wait in the queue behind a stalled
/// server.
pub fn enqueue_latency(plan: &LatencyPlan) -> anyhow::Result<Latency> {
    let server = Server::start(Mode::Stall).context("starting the stalled server")?;
    let api = events_api(&server.url())?;
    let queue = QueueBuilder::new()
        .max_queue_size(plan.queue)
        .workers(CONNECTIONS)
        .install(&api)?;
    let mut events: Vec<IngestEventRequest> = (0..plan.fill + plan.timed).map(event).collect();
    let timed = events.split_off(plan.fill);
    for event in events {
        api.events_post_async(event, None)?;
    }
    // Each worker sends one event and waits for a response that never comes.
    ensure!(
        server.wait_for_requests(CONNECTIONS as u64, RUN_TIMEOUT),
        "the stalled server saw {} of {CONNECTIONS} requests",
        server.requests()
    );
    let held_before = queue.stats().depth;

    let mut samples = Vec::with_capacity(plan.timed);
    for event in timed {
        let started = Instant::now();
        let result = api.events_post_async(event, None);
        samples.push(started.elapsed());
        result?;
    }
    let report = queue.shutdown(ABANDON_TIMEOUT)?;
    ensure!(
        report.abandoned == (plan.fill + plan.timed) as u64,
        "expected every held event to be abandoned: {report:?}"
    );
    Ok(Latency {
        held_before,
        samples,
    })
}

/// One call in this many is timed in a delivery run. Timing every call adds two clock
/// reads to each enqueue, which measured 5% of the caller's time in the batched run.
const TIMED_EVERY: usize = 16;

/// Sends `events` through the event queue and times until `flush` returns.
///
/// `batching` is the `max_events` and `linger` of [`QueueBuilder::batching`], or `None`
/// for one event per request.
pub fn queue_delivery(
    events: usize,
    batching: Option<(usize, Duration)>,
) -> anyhow::Result<Delivery> {
    let server = Server::start(Mode::Accept).context("starting the server")?;
    let api = events_api(&server.url())?;
    let mut builder = QueueBuilder::new()
        .max_queue_size(events)
        .workers(CONNECTIONS);
    if let Some((max_events, linger)) = batching {
        builder = builder.batching(max_events, linger);
    }
    let queue = builder.install(&api)?;
    let prepared: Vec<IngestEventRequest> = (0..events).map(event).collect();

    let mut enqueue = Vec::with_capacity(events / TIMED_EVERY + 1);
    let cpu = CpuClock::start();
    let started = Instant::now();
    for (index, event) in prepared.into_iter().enumerate() {
        if index % TIMED_EVERY == 0 {
            let call = Instant::now();
            let result = api.events_post_async(event, None);
            enqueue.push(call.elapsed());
            result?;
        } else {
            api.events_post_async(event, None)?;
        }
    }
    queue.flush(RUN_TIMEOUT)?;
    let elapsed = started.elapsed();
    let cpu = cpu.elapsed();

    let stats = queue.stats();
    queue.shutdown(Duration::from_secs(5))?;
    ensure!(
        stats.delivered == events as u64 && stats.failed == 0,
        "the queue delivered {} and failed {} of {events} events",
        stats.delivered,
        stats.failed
    );
    check_server(&server, events)?;
    Ok(Delivery {
        events,
        requests: server.requests(),
        elapsed,
        cpu,
        enqueue,
    })
}

fn check_server(server: &Server, events: usize) -> anyhow::Result<()> {
    ensure!(
        server.events() == events as u64,
        "the server counted {} of {events} events",
        server.events()
    );
    ensure!(
        server.errors() == 0,
        "the server closed {} connections on requests it could not read",
        server.errors()
    );
    Ok(())
}

/// Sends `events` in a plain loop of reqwest calls, one client and so one connection per
/// thread, `per_request` events per request (1 for `POST /events`, more for the bulk path).
pub fn reqwest_loop(events: usize, per_request: usize) -> anyhow::Result<Delivery> {
    let server = Server::start(Mode::Accept).context("starting the server")?;
    let url = if per_request == 1 {
        format!("{}/events", server.url())
    } else {
        format!("{}/events/bulk", server.url())
    };
    let work = move |share, barrier: &Barrier| reqwest_thread(&url, share, per_request, barrier);
    let shares = split(events, CONNECTIONS);
    let delivery = per_connection(&server, "bench-reqwest", events, shares, work)?;
    check_server(&server, events)?;
    Ok(delivery)
}

/// Sends `events` in a plain loop of blocking reqwest calls, one client and so one
/// connection per thread. Each call hands the request to the client's own runtime thread
/// and waits for the response.
pub fn blocking_reqwest_loop(events: usize) -> anyhow::Result<Delivery> {
    let server = Server::start(Mode::Accept).context("starting the server")?;
    let url = format!("{}/events", server.url());
    let work = move |share, barrier: &Barrier| blocking_thread(&url, share, barrier);
    let shares = split(events, CONNECTIONS);
    let delivery = per_connection(&server, "bench-blocking", events, shares, work)?;
    check_server(&server, events)?;
    Ok(delivery)
}

fn blocking_thread(
    url: &str,
    share: std::ops::Range<usize>,
    barrier: &Barrier,
) -> anyhow::Result<()> {
    let prepared: Vec<IngestEventRequest> = share.map(event_with_id).collect();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-api-key",
        reqwest::header::HeaderValue::from_static(API_KEY),
    );
    let client = reqwest::blocking::Client::builder()
        .default_headers(headers)
        .timeout(REQUEST_TIMEOUT)
        .build();
    // Waits even when the setup failed, so that the main thread is not left waiting.
    barrier.wait();
    let client = client?;
    for event in &prepared {
        let response = client.post(url).json(event).send()?;
        let status = response.status();
        response.bytes()?;
        ensure!(
            status.as_u16() == 202,
            "the server responded with {status}, expected 202 Accepted"
        );
    }
    Ok(())
}

/// Sends `events` by awaiting the SDK's `ingest_event` in a loop, one client and so one
/// connection per thread: the queue's work without the queue.
pub fn sdk_loop(events: usize) -> anyhow::Result<Delivery> {
    let server = Server::start(Mode::Accept).context("starting the server")?;
    let base_url = server.url();
    let work = move |share, barrier: &Barrier| sdk_thread(&base_url, share, barrier);
    let shares = split(events, CONNECTIONS);
    let delivery = per_connection(&server, "bench-sdk", events, shares, work)?;
    check_server(&server, events)?;
    Ok(delivery)
}

/// Runs `work` on one thread per share, each sending its share of the `events` over its
/// own connection, and times them from the moment every thread has passed the barrier.
///
/// `work` sets up its client, waits at the barrier even when the setup failed, so that
/// this thread is not left waiting, and then sends.
fn per_connection<W>(
    server: &Server,
    name: &str,
    events: usize,
    shares: Vec<std::ops::Range<usize>>,
    work: W,
) -> anyhow::Result<Delivery>
where
    W: Fn(std::ops::Range<usize>, &Barrier) -> anyhow::Result<()> + Send + Sync + 'static,
{
    let barrier = Arc::new(Barrier::new(shares.len() + 1));
    let work = Arc::new(work);
    let mut threads = Vec::with_capacity(shares.len());
    for share in shares {
        let barrier = Arc::clone(&barrier);
        let work = Arc::clone(&work);
        let spawned = thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || work(share, &barrier))?;
        threads.push(spawned);
    }

    barrier.wait();
    let cpu = CpuClock::start();
    let started = Instant::now();
    for thread in threads {
        match thread.join() {
            Ok(result) => result?,
            Err(_) => bail!("a {name} thread panicked"),
        }
    }
    let elapsed = started.elapsed();
    let cpu = cpu.elapsed();
    Ok(Delivery {
        events,
        requests: server.requests(),
        elapsed,
        cpu,
        enqueue: Vec::new(),
    })
}

fn sdk_thread(
    base_url: &str,
    share: std::ops::Range<usize>,
    barrier: &Barrier,
) -> anyhow::Result<()> {
    let prepared: Vec<IngestEventRequest> = share.map(event_with_id).collect();
    let setup = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| Ok((runtime, events_api(base_url)?)));
    // Waits even when the setup failed, so that the main thread is not left waiting.
    barrier.wait();
    let (runtime, api) = setup?;
    runtime.block_on(async {
        for event in prepared {
            api.ingest_event(event).await?;
        }
        Ok(())
    })
}

/// Splits `0..events` into `parts` ranges of nearly equal length.
fn split(events: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    (0..parts)
        .map(|part| events * part / parts..events * (part + 1) / parts)
        .collect()
}

fn reqwest_thread(
    url: &str,
    share: std::ops::Range<usize>,
    per_request: usize,
    barrier: &Barrier,
) -> anyhow::Result<()> {
    let prepared: Vec<IngestEventRequest> = share.map(event_with_id).collect();
    let bulk: Vec<BulkIngestEventRequest> = if per_request > 1 {
        prepared
            .chunks(per_request)
            .map(|chunk| BulkIngestEventRequest::new(chunk.to_vec()))
            .collect()
    } else {
        Vec::new()
    };
    let setup = reqwest_setup();
    // Waits even when the setup failed, so that the main thread is not left waiting.
    barrier.wait();
    let (runtime, client) = setup?;
    runtime.block_on(async {
        if per_request == 1 {
            for event in &prepared {
                post(&client, url, event).await?;
            }
        } else {
            for batch in &bulk {
                post(&client, url, batch).await?;
            }
        }
        Ok(())
    })
}

fn reqwest_setup() -> anyhow::Result<(tokio::runtime::Runtime, reqwest::Client)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-api-key",
        reqwest::header::HeaderValue::from_static(API_KEY),
    );
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .timeout(REQUEST_TIMEOUT)
        .build()?;
    Ok((runtime, client))
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    body: &impl serde::Serialize,
) -> anyhow::Result<()> {
    let response = client.post(url).json(body).send().await?;
    let status = response.status();
    response.bytes().await?;
    ensure!(
        status.as_u16() == 202,
        "the server responded with {status}, expected 202 Accepted"
    );
    Ok(())
}

/// Sends prepared request bytes over raw sockets, one per thread, reading each 202 by its
/// known length: the cheapest possible client, so that the rate shows what the server
/// sustains on this machine.
pub fn raw_sockets(events: usize, per_request: usize) -> anyhow::Result<Delivery> {
    let server = Server::start(Mode::Accept).context("starting the server")?;
    let requests = events / per_request;
    ensure!(
        requests * per_request == events,
        "{events} events do not split into requests of {per_request}"
    );

    let request = raw_request(&server.url(), per_request)?;
    let address = server.addr();
    let work = move |share: std::ops::Range<usize>, barrier: &Barrier| {
        let connected = raw_connect(address);
        // Waits even when connecting failed, so that the main thread is not left waiting.
        barrier.wait();
        let mut stream = connected?;

        let expected = accepted_response();
        let mut answer = vec![0; expected.len()];
        for _ in share {
            stream.write_all(&request)?;
            stream.read_exact(&mut answer)?;
            ensure!(
                answer == expected,
                "unexpected response from the server, expected 202 Accepted"
            );
        }
        Ok(())
    };
    let shares = split(requests, CONNECTIONS);
    let delivery = per_connection(&server, "bench-raw", events, shares, work)?;
    check_server(&server, events)?;
    Ok(delivery)
}

fn raw_connect(address: std::net::SocketAddr) -> anyhow::Result<TcpStream> {
    let stream = TcpStream::connect(address)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    Ok(stream)
}

/// Builds one HTTP request with `per_request` events, as the SDK would send it.
fn raw_request(base_url: &str, per_request: usize) -> anyhow::Result<Vec<u8>> {
    let host = base_url.trim_start_matches("http://");
    let (path, body) = if per_request == 1 {
        ("/events", serde_json::to_vec(&event_with_id(0))?)
    } else {
        let events = (0..per_request).map(event_with_id).collect();
        (
            "/events/bulk",
            serde_json::to_vec(&BulkIngestEventRequest::new(events))?,
        )
    };
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\n\
         accept: */*\r\nx-api-key: {API_KEY}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    Ok(request)
}
