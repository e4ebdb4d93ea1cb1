//! Starts Prism's mock server, installed by npm into `tools/prism`, as a child process on
//! 127.0.0.1 and stops it by its process id when dropped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The command that installs the pinned Prism, run from the workspace root.
pub const INSTALL: &str = "npm ci --prefix tools/prism";

/// How long Prism may take to load the spec and listen. It took 13 to 16 seconds with the
/// 2026 spec on two cores shared with other builds, so this leaves room for a slower machine.
const READY_TIMEOUT: Duration = Duration::from_secs(180);

/// How many free ports to try when another process takes the chosen one first.
const PORT_ATTEMPTS: usize = 3;

/// A running `prism mock`.
pub struct Prism {
    child: Child,
    port: u16,
    bin: PathBuf,
    spec: PathBuf,
    log: PathBuf,
}

impl Prism {
    /// Returns the path of the installed `prism` command, or fails with the install command.
    pub fn installed(root: &Path) -> PathBuf {
        let bin = root.join("tools/prism/node_modules/.bin/prism");
        assert!(
            bin.is_file(),
            "Prism is not installed: {} is missing; run `{INSTALL}` in {} first",
            bin.display(),
            root.display()
        );
        bin
    }

    /// Starts `bin mock spec` in static mode on a free port of 127.0.0.1, logging to `log`.
    /// With `--errors`, Prism returns 500 with the violations when its own response does not
    /// match the spec, as well as 400 or 422 for an invalid request. It is not ready yet:
    /// call [`Prism::ready`] before sending requests.
    pub fn start(bin: &Path, spec: &Path, log: &Path) -> Prism {
        let port = free_port();
        let log_file = std::fs::File::create(log).expect("creating the Prism log");
        let child = Command::new(bin)
            .args(["mock", "--errors", "--host", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .arg(spec)
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("cloning the log handle"))
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        Prism {
            child,
            port,
            bin: bin.to_owned(),
            spec: spec.to_owned(),
            log: log.to_owned(),
        }
    }

    /// Waits until Prism responds. When Prism exits first, as it does when another process
    /// took the port between choosing and binding it, starts it again on another port.
    pub fn ready(mut self) -> Prism {
        let mut attempt = 1;
        loop {
            let error = match self.wait_ready() {
                Ok(()) => return self,
                Err(error) => error,
            };
            assert!(
                attempt < PORT_ATTEMPTS && self.child.try_wait().ok().flatten().is_some(),
                "Prism did not start (attempt {attempt} of {PORT_ATTEMPTS}): {error}"
            );
            attempt += 1;
            self = Prism::start(&self.bin, &self.spec, &self.log);
        }
    }

    /// Waits until Prism responds to an HTTP request, at most [`READY_TIMEOUT`].
    fn wait_ready(&mut self) -> Result<(), String> {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let started = Instant::now();
        while started.elapsed() < READY_TIMEOUT {
            if let Some(status) = self.child.try_wait().expect("polling Prism") {
                return Err(format!(
                    "Prism exited with {status} before listening on port {}:\n{}",
                    self.port,
                    self.log_tail()
                ));
            }
            if responds_to_http(address) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        Err(format!(
            "Prism did not respond on {address} within {READY_TIMEOUT:?}:\n{}",
            self.log_tail()
        ))
    }

    /// Returns the base URL for the SDK. Prism serves the spec's paths without the `/v1` of
    /// its servers.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Returns the last lines of Prism's log.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Child::kill sends SIGKILL to this child's pid only.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Picks a port that is free now; Prism binds it a moment later.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding a free port");
    listener
        .local_addr()
        .expect("reading the bound port")
        .port()
}

/// Reports whether an HTTP request to `address` gets any response.
fn responds_to_http(address: SocketAddr) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(1)) else {
        return false;
    };
    let timeout = Some(Duration::from_secs(5));
    if stream.set_read_timeout(timeout).is_err() || stream.set_write_timeout(timeout).is_err() {
        return false;
    }
    let request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request).is_err() {
        return false;
    }
    let mut start = [0u8; 5];
    stream.read_exact(&mut start).is_ok() && &start == b"HTTP/"
}

/// The status line and headers of a response to [`Prism::exchange`].
pub struct RawResponse {
    pub status: u16,
    pub head: String,
}

impl RawResponse {
    /// Returns the value of header `name`, compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }
}

impl Prism {
    /// Sends one HTTP/1.1 request without the SDK and returns the response's head.
    pub fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> RawResponse {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("connecting to Prism at {address}: {e}"));
        let timeout = Some(Duration::from_secs(30));
        stream.set_read_timeout(timeout).unwrap();
        stream.set_write_timeout(timeout).unwrap();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
             Content-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream
            .write_all(request.as_bytes())
            .unwrap_or_else(|e| panic!("sending {method} {path} to Prism: {e}"));
        // `Connection: close` makes Prism end the stream after the response.
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .unwrap_or_else(|e| panic!("reading Prism's response to {method} {path}: {e}"));
        let response = String::from_utf8_lossy(&response);
        let head = response
            .split_once("\r\n\r\n")
            .map_or(&*response, |(head, _)| head)
            .to_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("Prism's response to {method} {path} has no status: {head}"));
        RawResponse { status, head }
    }
}
