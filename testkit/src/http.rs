//! Minimal HTTP/1.1 request parsing and response writing over a blocking `TcpStream`.

use std::io::{self, Read, Write};
use std::net::TcpStream;

use crate::rule::Response;

/// Largest request head (request line and headers) the server reads.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest request body the server reads; larger bodies get 413.
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// One parsed request before it gets its index and arrival time.
pub(crate) struct ParsedRequest {
    pub(crate) method: String,
    pub(crate) target: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Whether the client asked to close the connection after this request.
    pub(crate) close: bool,
}

/// Failure to read a request.
pub(crate) enum ReadError {
    /// The connection closed, or failed, before a whole request arrived.
    Closed,
    /// The bytes are not a valid request; the status to respond with before closing.
    Invalid(u16),
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        ReadError::Closed
    }
}

/// A connection with a read buffer, so that bytes past one request stay for the next one.
pub(crate) struct Connection {
    pub(crate) stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    pub(crate) fn new(stream: TcpStream) -> Self {
        Connection {
            stream,
            buffer: Vec::new(),
        }
    }

    /// Reads more bytes into the buffer; an end of stream is `ReadError::Closed`.
    fn fill(&mut self) -> Result<(), ReadError> {
        let mut chunk = [0_u8; 16 * 1024];
        let count = self.stream.read(&mut chunk)?;
        if count == 0 {
            return Err(ReadError::Closed);
        }
        self.buffer.extend_from_slice(&chunk[..count]);
        Ok(())
    }

    /// Removes and returns the buffered bytes up to and including the first `delimiter`.
    fn take_through(&mut self, delimiter: &[u8], limit: usize) -> Result<Vec<u8>, ReadError> {
        let mut searched: usize = 0;
        loop {
            let start = searched.saturating_sub(delimiter.len());
            if let Some(position) = find(&self.buffer[start..], delimiter) {
                let end = start + position + delimiter.len();
                return Ok(self.buffer.drain(..end).collect());
            }
            if self.buffer.len() > limit {
                return Err(ReadError::Invalid(431));
            }
            searched = self.buffer.len();
            self.fill()?;
        }
    }

    /// Removes and returns exactly `count` bytes.
    fn take_exact(&mut self, count: usize) -> Result<Vec<u8>, ReadError> {
        while self.buffer.len() < count {
            self.fill()?;
        }
        Ok(self.buffer.drain(..count).collect())
    }

    /// Reads one whole request; the body is decoded from Content-Length or chunked framing.
    pub(crate) fn read_request(&mut self) -> Result<ParsedRequest, ReadError> {
        let head = self.take_through(b"\r\n\r\n", MAX_HEAD_BYTES)?;
        let head = std::str::from_utf8(&head).map_err(|_| ReadError::Invalid(400))?;
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or_default();
        let mut parts = request_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ReadError::Invalid(400));
        };
        if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/1.") {
            return Err(ReadError::Invalid(400));
        }

        let mut headers = Vec::new();
        for line in lines.filter(|line| !line.is_empty()) {
            let (name, value) = line.split_once(':').ok_or(ReadError::Invalid(400))?;
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }

        let connection = header_value(&headers, "connection").map(str::to_ascii_lowercase);
        let close = match version {
            "HTTP/1.0" => connection.as_deref() != Some("keep-alive"),
            _ => connection.as_deref() == Some("close"),
        };

        if header_value(&headers, "expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
        {
            self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }

        let chunked = header_value(&headers, "transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            self.read_chunked_body()?
        } else {
            match header_value(&headers, "content-length") {
                None => Vec::new(),
                Some(text) => {
                    let length: usize = text.parse().map_err(|_| ReadError::Invalid(400))?;
                    if length > MAX_BODY_BYTES {
                        return Err(ReadError::Invalid(413));
                    }
                    self.take_exact(length)?
                }
            }
        };

        Ok(ParsedRequest {
            method: method.to_owned(),
            target: target.to_owned(),
            headers,
            body,
            close,
        })
    }

    /// Reads a chunked body and drops any trailer fields.
    fn read_chunked_body(&mut self) -> Result<Vec<u8>, ReadError> {
        let mut body = Vec::new();
        loop {
            let line = self.take_through(b"\r\n", MAX_HEAD_BYTES)?;
            let line = std::str::from_utf8(&line).map_err(|_| ReadError::Invalid(400))?;
            let size_text = line.trim_end().split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_text, 16).map_err(|_| ReadError::Invalid(400))?;
            if size == 0 {
                loop {
                    let trailer = self.take_through(b"\r\n", MAX_HEAD_BYTES)?;
                    if trailer == b"\r\n" {
                        return Ok(body);
                    }
                }
            }
            if body.len() + size > MAX_BODY_BYTES {
                return Err(ReadError::Invalid(413));
            }
            body.extend(self.take_exact(size)?);
            if self.take_exact(2)? != b"\r\n" {
                return Err(ReadError::Invalid(400));
            }
        }
    }

    /// Writes `response`, adding Content-Length and, when `close` is set, `Connection: close`.
    pub(crate) fn write_response(&mut self, response: &Response, close: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason_phrase(response.status)
        );
        for (name, value) in &response.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if header_value(&response.headers, "content-length").is_none() {
            head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&response.body);
        self.stream.write_all(&bytes)?;
        self.stream.flush()
    }
}

/// Returns the value of the first header named `name`, compared without case.
pub(crate) fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}
