//! The generated client against a local server: what goes on the wire for a plain call, how
//! each kind of error comes back, and `events_post_async` end to end.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use flexprice::apis::customers_api::GetCustomerUsageSummaryParams;
use flexprice::apis::invoices_api::GetInvoicePdfParams;
use flexprice::apis::wallets_api::GetCustomerWalletsParams;
use flexprice::models::IngestEventRequest;
use flexprice::{
    ApiClient, Configuration, CustomersApi, Error, EventsApi, InvoicesApi, WalletsApi,
};
use testkit::{Response, Rule, Server};

const KEY: &str = "sk_test_1234";

fn client(server: &Server) -> ApiClient {
    let configuration = Configuration::new()
        .with_base_url(server.url())
        .with_api_key(KEY)
        .with_timeout(Duration::from_secs(5));
    ApiClient::new(configuration).unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn sample_event() -> IngestEventRequest {
    let mut event = IngestEventRequest::new("api_call".into(), "cust-1".into());
    event.event_id = Some("evt-1".into());
    event.timestamp = Some("2026-01-01T00:00:00Z".into());
    event.properties = Some(HashMap::from([("region".to_owned(), "eu".to_owned())]));
    event
}

#[test]
fn ingest_event_sends_exact_request() {
    let server = Server::start(Rule::fixed(
        Response::new(202).json(r#"{"event_id":"evt-1","message":"Event accepted"}"#),
    ))
    .unwrap();
    let events = EventsApi::new(client(&server));
    let response = runtime()
        .block_on(events.ingest_event(sample_event()))
        .unwrap();

    assert_eq!(response["event_id"], "evt-1");
    assert_eq!(response["message"], "Event accepted");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/events");
    assert_eq!(request.header("x-api-key"), Some(KEY));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("flexprice-rust/", "0.1.0"))
    );
    assert_eq!(
        request.body_text(),
        Some(
            r#"{"event_id":"evt-1","event_name":"api_call","external_customer_id":"cust-1","properties":{"region":"eu"},"timestamp":"2026-01-01T00:00:00Z"}"#
        )
    );
}

#[test]
fn path_parameters_are_percent_encoded() {
    let server = Server::start(Rule::fixed(Response::new(404).json(
        r#"{"code":"not_found","http_status_code":404,"message":"customer not found"}"#,
    )))
    .unwrap();
    let customers = CustomersApi::new(client(&server));
    let error = runtime()
        .block_on(customers.get_customer("a/b c?d"))
        .unwrap_err();

    assert_eq!(server.requests()[0].target, "/customers/a%2Fb%20c%3Fd");
    let Error::Status(response) = &error else {
        panic!("expected a status error, got {error:?}");
    };
    assert_eq!(response.status.as_u16(), 404);
    let body = response.body.as_ref().expect("typed error body");
    assert_eq!(body.message.as_deref(), Some("customer not found"));
    assert_eq!(body.http_status_code, Some(404));
    assert_eq!(
        response.text,
        r#"{"code":"not_found","http_status_code":404,"message":"customer not found"}"#
    );
    assert_eq!(
        error.to_string(),
        r#"server returned 404 Not Found: {"code":"not_found","http_status_code":404,"message":"customer not found"}"#
    );
}

#[test]
fn dot_segments_and_empty_path_parameters_are_rejected() {
    let server = Server::start(Rule::fixed(Response::new(200).json("{}"))).unwrap();
    let customers = CustomersApi::new(client(&server));
    let runtime = runtime();
    for value in ["", ".", ".."] {
        let error = runtime.block_on(customers.get_customer(value)).unwrap_err();
        let Error::InvalidRequest(message) = &error else {
            panic!("expected InvalidRequest for {value:?}, got {error:?}");
        };
        assert_eq!(
            message,
            &format!(
                "path parameter `id` is `{value}`; an empty value, `.` or `..` would change \
                 which endpoint the request reaches"
            )
        );
    }
    // `...` is an ordinary segment, not a dot segment.
    runtime.block_on(customers.get_customer("...")).unwrap();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/customers/..."]);
}

#[test]
fn array_query_parameters_join_with_commas() {
    let server = Server::start(Rule::fixed(Response::new(200).json("{}"))).unwrap();
    let customers = CustomersApi::new(client(&server));
    let params = GetCustomerUsageSummaryParams {
        customer_id: Some("cust 1".into()),
        feature_ids: Some(vec!["f1".into(), "f,2".into()]),
        ..Default::default()
    };
    runtime()
        .block_on(customers.get_customer_usage_summary(params))
        .unwrap();

    assert_eq!(
        server.requests()[0].target,
        "/customers/usage?customer_id=cust+1&feature_ids=f1%2Cf%2C2"
    );
}

#[test]
fn unset_query_parameters_are_omitted() {
    let server = Server::start(Rule::fixed(Response::new(200).json("[]"))).unwrap();
    let wallets = WalletsApi::new(client(&server));
    let params = GetCustomerWalletsParams {
        include_real_time_balance: Some(true),
        ..Default::default()
    };
    runtime()
        .block_on(wallets.get_customer_wallets(params))
        .unwrap();

    assert_eq!(
        server.requests()[0].target,
        "/customers/wallets?include_real_time_balance=true"
    );
}

#[test]
fn undecodable_body_is_a_decode_error() {
    let server = Server::start(Rule::fixed(Response::new(202).json(r#"{"event_id": 7}"#))).unwrap();
    let events = EventsApi::new(client(&server));
    let error = runtime()
        .block_on(events.ingest_event(sample_event()))
        .unwrap_err();

    let Error::Decode {
        status,
        text,
        source,
    } = &error
    else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(status.as_u16(), 202);
    assert_eq!(text, r#"{"event_id": 7}"#);
    assert_eq!(
        source.to_string(),
        "invalid type: integer `7`, expected a string at line 1 column 14"
    );
}

/// Regression: the PDF's `*/*` binary response was parsed as JSON.
#[test]
fn binary_response_returns_raw_bytes() {
    let pdf = b"%PDF-1.7\n\xff\x00".to_vec();
    let server = Server::start(Rule::fixed(
        Response::new(200)
            .header("content-type", "application/pdf")
            .body(pdf.clone()),
    ))
    .unwrap();
    let invoices = InvoicesApi::new(client(&server));
    let bytes = runtime()
        .block_on(invoices.get_invoice_pdf("inv-1", GetInvoicePdfParams::default()))
        .unwrap();

    assert_eq!(bytes, pdf);
    assert_eq!(server.requests()[0].target, "/invoices/inv-1/pdf");
}

#[test]
fn refused_connection_is_a_transport_error() {
    let server = Server::start(Rule::fixed(Response::new(202))).unwrap();
    let url = server.url();
    server.shutdown();
    let configuration = Configuration::new().with_base_url(url).with_api_key(KEY);
    let events = EventsApi::new(ApiClient::new(configuration).unwrap());
    let error = runtime()
        .block_on(events.ingest_event(sample_event()))
        .unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_connect(), "{error:?}");
    assert_eq!(error.status(), None);
}

#[test]
fn api_key_with_control_characters_is_rejected() {
    let configuration = Configuration::new().with_api_key("sk_test\r\nx-injected: 1");
    let error = ApiClient::new(configuration).unwrap_err();

    assert_eq!(
        error.to_string(),
        "invalid request: the API key contains characters an HTTP header cannot carry, such as \
         control characters or line breaks; check the key"
    );
}

#[test]
fn debug_output_redacts_api_key() {
    let configuration = Configuration::new().with_api_key(KEY);
    let client = ApiClient::new(configuration.clone()).unwrap();

    for text in [format!("{configuration:?}"), format!("{client:?}")] {
        assert!(!text.contains(KEY), "{text}");
        assert!(text.contains(r#"api_key: Some("<redacted>")"#), "{text}");
    }
}

#[test]
fn relative_base_url_is_rejected() {
    let configuration = Configuration::new().with_base_url("/v1");
    let error = ApiClient::new(configuration).unwrap_err();

    assert_eq!(
        error.to_string(),
        "invalid request: base URL `/v1` has no scheme and host; set one with \
         Configuration::with_host(\"https://api.example.com\") or with_base_url"
    );
}

#[test]
fn with_host_keeps_the_server_path() {
    let configuration = Configuration::new().with_host("http://127.0.0.1:4010/");
    assert_eq!(configuration.base_url(), Some("http://127.0.0.1:4010/v1"));
}

#[test]
fn undecodable_2xx_body_is_a_delivery() {
    let server = Server::start(Rule::fixed(Response::new(202).body("accepted, not JSON"))).unwrap();
    let events = EventsApi::new(client(&server));
    let (sender, receiver) = mpsc::channel();

    let id = events
        .events_post_async(
            sample_event(),
            Some(Box::new(move |outcome| {
                sender.send(outcome).unwrap();
            })),
        )
        .unwrap();
    let outcome = receiver.recv_timeout(Duration::from_secs(10)).unwrap();
    let queue = flexprice::async_utils::EventQueue::existing(&events).expect("the default queue");
    let report = queue.shutdown(Duration::from_secs(5)).unwrap();

    // The server has the event, so sending it again would make a duplicate.
    let delivered = outcome.expect("delivered");
    assert_eq!(delivered.event_id, id);
    assert_eq!(delivered.attempts, 1);
    assert!(delivered.response.is_none(), "{:?}", delivered.response);
    assert_eq!(report.delivered, 1);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn events_post_async_delivers_and_calls_back_once() {
    let server = Server::start(Rule::fixed(
        Response::new(202).json(r#"{"message":"Event accepted for processing"}"#),
    ))
    .unwrap();
    let events = EventsApi::new(client(&server));
    let (sender, receiver) = mpsc::channel();
    let mut event = sample_event();
    event.event_id = None;
    event.timestamp = None;

    let id = events
        .events_post_async(
            event,
            Some(Box::new(move |outcome| {
                sender.send(outcome).unwrap();
            })),
        )
        .unwrap();
    let outcome = receiver.recv_timeout(Duration::from_secs(10)).unwrap();
    let queue = flexprice::async_utils::EventQueue::existing(&events).expect("the default queue");
    queue.shutdown(Duration::from_secs(5)).unwrap();

    let delivered = outcome.expect("delivered");
    assert_eq!(delivered.event_id, id);
    assert_eq!(delivered.attempts, 1);
    let response = delivered.response.expect("decoded response");
    assert_eq!(response["message"], "Event accepted for processing");
    assert!(receiver.try_recv().is_err(), "the callback ran twice");

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/events");
    assert_eq!(request.header("x-api-key"), Some(KEY));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["event_id"], id.as_str());
    assert_eq!(body["event_name"], "api_call");
    assert_eq!(body["external_customer_id"], "cust-1");
    assert_eq!(body["properties"], serde_json::json!({"region": "eu"}));
    let timestamp = body["timestamp"].as_str().unwrap();
    assert!(
        timestamp.ends_with('Z') && timestamp.len() >= 20,
        "{timestamp}"
    );
    assert_eq!(body.as_object().unwrap().len(), 5, "{body}");
}

#[test]
fn base_path_prefixes_every_request() {
    let server = Server::start(Rule::fixed(Response::new(200).json("{}"))).unwrap();
    // A trailing `/` on the base URL is dropped, so paths do not start with `//`.
    let configuration = Configuration::new()
        .with_base_url(format!("{}/v1/", server.url()))
        .with_api_key(KEY);
    let customers = CustomersApi::new(ApiClient::new(configuration).unwrap());
    runtime().block_on(customers.get_customer("c 1")).unwrap();
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/v1/customers/c%201"]);
}

#[test]
fn invalid_base_url_is_rejected_at_build() {
    let configuration = Configuration::new().with_base_url("http://exa mple.com/v1");
    let error = ApiClient::new(configuration).unwrap_err();
    let Error::InvalidRequest(message) = &error else {
        panic!("expected InvalidRequest, got {error:?}");
    };
    assert_eq!(
        message,
        "base URL `http://exa mple.com/v1` is invalid: invalid international domain name; set a \
         URL such as \"https://api.example.com/v1\""
    );
}
