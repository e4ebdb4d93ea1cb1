//! Minimal HTTP/1.1 server on 127.0.0.1 that responds to every request with 202 at once,
//! or never responds, and counts what it reads.
//!
//! testkit records every request with its headers and body, which costs memory and a
//! shared lock per request. This server keeps only counters, so that it is not the
//! bottleneck of a throughput benchmark. It supports keep-alive and `Content-Length`
//! bodies only: a chunked or malformed request closes the connection and counts as an
//! error, which the benchmark reports.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Body of every 202 response. The SDK decodes it as a map of strings.
const ACCEPTED_BODY: &str = r#"{"message":"Event accepted for processing"}"#;
/// Key that each event in a request body carries once, used to count events.
const EVENT_KEY: &[u8] = b"\"event_name\"";
/// Bytes read from a socket at once.
const READ_CHUNK: usize = 64 * 1024;

/// Handling of every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Responds with 202 and [`ACCEPTED_BODY`] as soon as the body is read.
    Accept,
    /// Reads requests and never responds, like a stalled server.
    Stall,
}

/// Returns the exact bytes of the 202 response, so that clients can read it by length.
pub fn accepted_response() -> Vec<u8> {
    format!(
        "HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\n\
         content-length: {}\r\n\r\n{ACCEPTED_BODY}",
        ACCEPTED_BODY.len()
    )
    .into_bytes()
}

/// Counters of a running server.
#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    events: AtomicU64,
    errors: AtomicU64,
}

struct Shared {
    mode: Mode,
    response: Vec<u8>,
    counters: Counters,
    stopped: AtomicBool,
    /// Clones of the open sockets, so that drop can close them.
    open: Mutex<Vec<TcpStream>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

/// A running server; dropping it closes every connection and joins its threads.
pub struct Server {
    address: SocketAddr,
    shared: Arc<Shared>,
    accept_thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts a server on an ephemeral port of 127.0.0.1.
    pub fn start(mode: Mode) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            mode,
            response: accepted_response(),
            counters: Counters::default(),
            stopped: AtomicBool::new(false),
            open: Mutex::new(Vec::new()),
            threads: Mutex::new(Vec::new()),
        });
        let accept_shared = Arc::clone(&shared);
        let accept_thread = thread::Builder::new()
            .name("bench-accept".to_owned())
            .spawn(move || accept_loop(&accept_shared, &listener))?;
        Ok(Server {
            address,
            shared,
            accept_thread: Some(accept_thread),
        })
    }

    /// Returns the base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the socket address.
    pub fn addr(&self) -> SocketAddr {
        self.address
    }

    /// Returns the number of complete requests read.
    pub fn requests(&self) -> u64 {
        self.shared.counters.requests.load(Ordering::Relaxed)
    }

    /// Returns the number of events in the bodies read, counted by their `event_name` key.
    pub fn events(&self) -> u64 {
        self.shared.counters.events.load(Ordering::Relaxed)
    }

    /// Returns the number of connections closed because of a request it cannot read.
    pub fn errors(&self) -> u64 {
        self.shared.counters.errors.load(Ordering::Relaxed)
    }

    /// Waits until `count` requests were read or `timeout` passes; returns whether they were.
    pub fn wait_for_requests(&self, count: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.requests() < count {
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(1));
        }
        true
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        // Wakes the blocking accept, which then finds the stop flag set.
        let _ = TcpStream::connect(self.address);
        if let Some(accept_thread) = self.accept_thread.take() {
            let _ = accept_thread.join();
        }
        for stream in lock(&self.shared.open).iter() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        for thread in std::mem::take(&mut *lock(&self.shared.threads)) {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn accept_loop(shared: &Arc<Shared>, listener: &TcpListener) {
    while !shared.stopped.load(Ordering::SeqCst) {
        let Ok((stream, _)) = listener.accept() else {
            continue;
        };
        if shared.stopped.load(Ordering::SeqCst) {
            break;
        }
        let Ok(clone) = stream.try_clone() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        lock(&shared.open).push(clone);
        let connection_shared = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name("bench-conn".to_owned())
            .spawn(move || serve(&connection_shared, stream));
        if let Ok(handle) = spawned {
            lock(&shared.threads).push(handle);
        }
    }
}

/// Serves one connection until the client closes it, the server stops or a request is
/// invalid.
fn serve(shared: &Shared, mut stream: TcpStream) {
    let mut buffer = vec![0; READ_CHUNK];
    // The unparsed bytes are `buffer[start..end]`.
    let (mut start, mut end) = (0, 0);
    loop {
        match parse_request(&buffer[start..end]) {
            Parsed::Complete { length, body } => {
                let events = count_events(&buffer[start + body..start + length]);
                start += length;
                let counters = &shared.counters;
                counters.requests.fetch_add(1, Ordering::Relaxed);
                counters.events.fetch_add(events, Ordering::Relaxed);
                if shared.mode == Mode::Accept && stream.write_all(&shared.response).is_err() {
                    return;
                }
                continue;
            }
            Parsed::Invalid => {
                shared.counters.errors.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Parsed::Partial => {}
        }
        if start == end {
            (start, end) = (0, 0);
        }
        if end == buffer.len() {
            // Moves the unparsed tail to the front, and grows the buffer for a large body.
            buffer.copy_within(start..end, 0);
            (start, end) = (0, end - start);
            if end == buffer.len() {
                buffer.resize(buffer.len() * 2, 0);
            }
        }
        match stream.read(&mut buffer[end..]) {
            Ok(0) | Err(_) => return,
            Ok(read) => end += read,
        }
    }
}

/// Result of parsing the front of a connection's buffer.
enum Parsed {
    /// A whole request of `length` bytes whose body starts at offset `body`.
    Complete {
        length: usize,
        body: usize,
    },
    Partial,
    Invalid,
}

fn parse_request(bytes: &[u8]) -> Parsed {
    let Some(head_end) = memchr::memmem::find(bytes, b"\r\n\r\n") else {
        return Parsed::Partial;
    };
    let Ok(head) = std::str::from_utf8(&bytes[..head_end]) else {
        return Parsed::Invalid;
    };
    let mut content_length = 0;
    for line in head.split("\r\n").skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            return Parsed::Invalid;
        };
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Parsed::Invalid;
        }
        if name.eq_ignore_ascii_case("content-length") {
            match value.trim().parse() {
                Ok(length) => content_length = length,
                Err(_) => return Parsed::Invalid,
            }
        }
    }
    let body = head_end + 4;
    if bytes.len() < body + content_length {
        return Parsed::Partial;
    }
    Parsed::Complete {
        length: body + content_length,
        body,
    }
}

fn count_events(body: &[u8]) -> u64 {
    memchr::memmem::find_iter(body, EVENT_KEY).count() as u64
}
