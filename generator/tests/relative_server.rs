//! A spec whose server is relative (`/v1`, as in the 2025 FlexPrice spec): the generated
//! client asks for a host, and regenerating keeps the hand-written test that checks it.

mod support;

const TEST: &str = r#"
use flexprice::{ApiClient, Configuration};

#[test]
fn missing_host_is_an_error() {
    let error = ApiClient::new(Configuration::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: no host is set and the spec's server `/v1` is relative; set one with \
         Configuration::with_host(\"https://api.example.com\")"
    );
}

#[test]
fn host_gets_the_server_path() {
    let configuration = Configuration::new().with_host("https://api.example.com");
    assert_eq!(configuration.base_url(), Some("https://api.example.com/v1"));
    assert!(ApiClient::new(configuration).is_ok());
}
"#;

#[test]
fn relative_server_needs_a_host() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(support::fixture("minimal.yaml")).unwrap();
    let spec = dir.path().join("relative.yaml");
    std::fs::write(&spec, minimal.replace("https://api.example.com/v1", "/v1")).unwrap();

    let (out, _) = support::generate_into(&spec, dir.path());
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/relative.rs"), TEST).unwrap();
    let (_, generated) = support::generate_into(&spec, dir.path());
    assert_eq!(
        std::fs::read_to_string(out.join("tests/relative.rs")).unwrap(),
        TEST
    );
    assert!(!generated
        .manifest
        .files
        .contains(&"tests/relative.rs".to_owned()));

    let (ok, output) = support::cargo(&out, &["test", "--quiet", "--test", "relative"], &[]);
    assert!(ok, "cargo test failed:\n{output}");
    assert!(output.contains("2 passed"), "{output}");
}
