//! Tests of the test server through raw TCP clients, one test per action and rule kind.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use testkit::{Action, Response, Rule, Server};

/// Upper bound on any single wait in these tests, so a broken server fails a test instead
/// of hanging it.
const WAIT: Duration = Duration::from_secs(10);

/// A response as the raw client read it.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

fn connect(server: &Server) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(server.addr()).expect("connect to test server");
    stream
        .set_read_timeout(Some(WAIT))
        .expect("set read timeout");
    BufReader::new(stream)
}

fn send(reader: &mut BufReader<TcpStream>, raw: &[u8]) {
    reader.get_mut().write_all(raw).expect("write request");
}

fn post(path: &str, body: &[u8]) -> Vec<u8> {
    let mut raw = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    raw
}

/// Reads one response with a Content-Length body.
fn read_answer(reader: &mut BufReader<TcpStream>) -> io::Result<Answer> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, line.clone()))?;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').expect("header has a colon");
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, value)| {
            value.parse().expect("numeric content-length")
        });
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}

fn request(server: &Server, path: &str, body: &[u8]) -> io::Result<Answer> {
    let mut reader = connect(server);
    send(&mut reader, &post(path, body));
    read_answer(&mut reader)
}

#[test]
fn fixed_rule_sends_status_headers_body() {
    let server = Server::start(Rule::fixed(
        Response::new(429)
            .header("Retry-After", "3")
            .json(r#"{"error":"slow down"}"#),
    ))
    .unwrap();

    let answer = request(&server, "/events", b"{}").unwrap();

    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("Retry-After"), Some("3"));
    assert_eq!(answer.header("Content-Type"), Some("application/json"));
    assert_eq!(answer.body, br#"{"error":"slow down"}"#);
}

#[test]
fn records_method_target_headers_body() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let body: Vec<u8> = (0..=255).collect();

    let mut reader = connect(&server);
    let mut raw = format!(
        "PUT /events/bulk?dry=1 HTTP/1.1\r\nHost: test\r\nX-Api-Key: secret\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(&body);
    send(&mut reader, &raw);
    assert_eq!(read_answer(&mut reader).unwrap().status, 202);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let recorded = &requests[0];
    assert_eq!(recorded.index, 0);
    assert_eq!(recorded.method, "PUT");
    assert_eq!(recorded.target, "/events/bulk?dry=1");
    assert_eq!(recorded.path(), "/events/bulk");
    assert_eq!(recorded.query(), Some("dry=1"));
    assert_eq!(recorded.header("x-api-key"), Some("secret"));
    assert_eq!(recorded.body, body);
    assert!(recorded.since_start <= server.elapsed());
}

#[test]
fn queue_rule_then_default() {
    let server = Server::start(Rule::queue(
        [Action::status(503), Action::status(500)],
        Action::status(202),
    ))
    .unwrap();

    let statuses: Vec<u16> = (0..4)
        .map(|_| request(&server, "/events", b"{}").unwrap().status)
        .collect();

    assert_eq!(statuses, [503, 500, 202, 202]);
    let recorded: Vec<Option<u16>> = server
        .exchanges()
        .iter()
        .map(|exchange| exchange.action.response_status())
        .collect();
    assert_eq!(recorded, [Some(503), Some(500), Some(202), Some(202)]);
}

#[test]
fn function_rule_gets_request_and_index() {
    let server = Server::start(Rule::from_fn(|request, index| {
        Response::new(200)
            .body(format!("{index}:{}", request.body_text().unwrap_or("?")))
            .into()
    }))
    .unwrap();

    let first = request(&server, "/a", b"x").unwrap();
    let second = request(&server, "/b", b"y").unwrap();

    assert_eq!(first.body, b"0:x");
    assert_eq!(second.body, b"1:y");
}

#[test]
fn until_rule_switches_after_duration() {
    let server = Server::start(Rule::until(
        Duration::from_millis(300),
        Action::status(503),
        Action::status(202),
    ))
    .unwrap();

    let early = request(&server, "/events", b"{}").unwrap();
    thread::sleep(Duration::from_millis(350));
    let late = request(&server, "/events", b"{}").unwrap();

    assert_eq!(early.status, 503);
    assert_eq!(late.status, 202);
}

#[test]
fn timeline_rule_steps_in_order() {
    let server = Server::start(Rule::timeline(
        [
            (Duration::from_millis(200), Action::status(500)),
            (Duration::from_millis(400), Action::status(503)),
        ],
        Action::status(202),
    ))
    .unwrap();

    let first = request(&server, "/", b"").unwrap().status;
    thread::sleep(Duration::from_millis(250).saturating_sub(server.elapsed()));
    let second = request(&server, "/", b"").unwrap().status;
    thread::sleep(Duration::from_millis(450).saturating_sub(server.elapsed()));
    let third = request(&server, "/", b"").unwrap().status;

    assert_eq!((first, second, third), (500, 503, 202));
}

#[test]
fn set_rule_applies_to_later_requests() {
    let server = Server::start(Rule::fixed(Action::status(503))).unwrap();
    let before = request(&server, "/", b"").unwrap().status;

    server.set_rule(Rule::fixed(Action::status(202)));
    let after = request(&server, "/", b"").unwrap().status;

    assert_eq!((before, after), (503, 202));
}

#[test]
fn delay_waits_before_answering() {
    let delay = Duration::from_millis(300);
    let server = Server::start(Rule::fixed(Action::status(202).delayed(delay))).unwrap();

    let started = Instant::now();
    let answer = request(&server, "/", b"").unwrap();

    assert_eq!(answer.status, 202);
    assert!(
        started.elapsed() >= delay,
        "answered after {:?}",
        started.elapsed()
    );
}

#[test]
fn hold_never_answers_until_shutdown() {
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let mut reader = connect(&server);
    reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    send(&mut reader, &post("/events", b"{}"));

    let error = read_answer(&mut reader).unwrap_err();
    assert!(
        matches!(
            error.kind(),
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
        ),
        "expected a read timeout, got {error:?}"
    );
    assert_eq!(server.request_count(), 1);

    reader.get_ref().set_read_timeout(Some(WAIT)).unwrap();
    let started = Instant::now();
    server.shutdown();
    let mut rest = Vec::new();
    let read = reader.get_mut().read_to_end(&mut rest);

    assert!(
        started.elapsed() < Duration::from_secs(1),
        "shutdown took {:?}",
        started.elapsed()
    );
    assert!(matches!(read, Ok(0)) || read.is_err(), "read {read:?}");
    assert!(rest.is_empty());
}

#[test]
fn reset_closes_with_rst() {
    let server = Server::start(Rule::fixed(Action::Reset)).unwrap();
    let mut reader = connect(&server);
    send(&mut reader, &post("/events", b"{}"));

    let mut rest = Vec::new();
    let error = reader.get_mut().read_to_end(&mut rest).unwrap_err();

    assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
    assert!(rest.is_empty());
    assert_eq!(server.request_count(), 1);
}

#[test]
fn close_ends_without_answer() {
    let server = Server::start(Rule::fixed(Action::Close)).unwrap();
    let mut reader = connect(&server);
    send(&mut reader, &post("/events", b"{}"));

    let mut rest = Vec::new();
    let read = reader.get_mut().read_to_end(&mut rest).unwrap();

    assert_eq!(read, 0);
    assert_eq!(server.request_count(), 1);
}

#[test]
fn keep_alive_serves_requests_on_one_connection() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let mut reader = connect(&server);

    for _ in 0..3 {
        send(&mut reader, &post("/events", b"{}"));
        assert_eq!(read_answer(&mut reader).unwrap().status, 202);
    }

    let connections: Vec<u64> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(connections.len(), 3);
    assert!(connections.iter().all(|id| *id == connections[0]));
}

#[test]
fn pipelined_requests_are_read_in_order() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let mut reader = connect(&server);
    let mut raw = post("/first", b"1");
    raw.extend(post("/second", b"22"));
    send(&mut reader, &raw);

    assert_eq!(read_answer(&mut reader).unwrap().status, 202);
    assert_eq!(read_answer(&mut reader).unwrap().status, 202);

    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, [b"1".to_vec(), b"22".to_vec()]);
}

#[test]
fn connection_close_request_ends_connection() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let mut reader = connect(&server);
    send(
        &mut reader,
        b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n",
    );

    let answer = read_answer(&mut reader).unwrap();
    let mut rest = Vec::new();
    let read = reader.get_mut().read_to_end(&mut rest).unwrap();

    assert_eq!(answer.status, 202);
    assert_eq!(answer.header("Connection"), Some("close"));
    assert_eq!(read, 0);
}

#[test]
fn chunked_body_is_decoded() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let mut reader = connect(&server);
    send(
        &mut reader,
        b"POST /events HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n\
          5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n",
    );

    assert_eq!(read_answer(&mut reader).unwrap().status, 202);
    assert_eq!(server.requests()[0].body, b"hello, world");
}

#[test]
fn invalid_request_gets_400() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let mut reader = connect(&server);
    send(&mut reader, b"NONSENSE\r\n\r\n");

    assert_eq!(read_answer(&mut reader).unwrap().status, 400);
    assert_eq!(server.request_count(), 0);
}

#[test]
fn serves_64_connections_concurrently() {
    const CLIENTS: usize = 64;
    let delay = Duration::from_millis(500);
    let server = Arc::new(Server::start(Rule::fixed(Action::status(202).delayed(delay))).unwrap());
    let barrier = Arc::new(Barrier::new(CLIENTS));

    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let server = Arc::clone(&server);
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                let mut reader = connect(&server);
                barrier.wait();
                send(&mut reader, &post("/events", n.to_string().as_bytes()));
                read_answer(&mut reader).map(|answer| answer.status)
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .map(|client| client.join().unwrap().unwrap())
        .collect();

    // One at a time, 64 delayed responses would take 32 s.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(statuses, vec![202; CLIENTS]);
    let mut connections: Vec<u64> = server.requests().iter().map(|r| r.connection).collect();
    connections.sort_unstable();
    connections.dedup();
    assert_eq!(connections.len(), CLIENTS);
}

#[test]
fn drop_closes_held_connections() {
    let server = Server::start(Rule::fixed(Action::Hold)).unwrap();
    let mut readers: Vec<_> = (0..8).map(|_| connect(&server)).collect();
    for reader in &mut readers {
        send(reader, &post("/events", b"{}"));
    }
    assert!(server.wait_for_requests(8, WAIT));

    let started = Instant::now();
    drop(server);

    assert!(
        started.elapsed() < Duration::from_secs(1),
        "drop took {:?}",
        started.elapsed()
    );
    for reader in &mut readers {
        let mut rest = Vec::new();
        let read = reader.get_mut().read_to_end(&mut rest);
        assert!(matches!(read, Ok(0)) || read.is_err(), "read {read:?}");
    }
}

#[test]
fn shutdown_twice_is_harmless() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    server.shutdown();
    server.shutdown();

    let refused = TcpStream::connect(server.addr());
    assert!(refused.is_err(), "listener still accepts after shutdown");
}

#[test]
fn wait_for_requests_times_out() {
    let server = Server::start(Rule::fixed(Action::status(202))).unwrap();
    let started = Instant::now();

    assert!(!server.wait_for_requests(1, Duration::from_millis(100)));
    assert!(started.elapsed() >= Duration::from_millis(100));
}
