//! The patch pass on real generator output: what it adds, that it adds nothing else, that a
//! second run is a no-op, and how it fails when an anchor is missing.

mod support;

use sdkgen_patches::{apply_all, Files, OperationRecord, PatchError};

/// Generates the minimal fixture without patching.
fn unpatched(spec: &str) -> (Files, Vec<OperationRecord>) {
    let mut options = sdkgen::Options::new(support::fixture(spec));
    options.patch = false;
    let generated = sdkgen::generate(&options).unwrap();
    let mut files = generated.files;
    files.remove("sdkgen-manifest.json");
    (files, generated.manifest.operations)
}

/// Returns the lines of `after` that are not in `before`, checking that `before` is
/// `after` with those lines taken out.
fn added_lines(before: &str, after: &str) -> Vec<String> {
    let before_lines: Vec<&str> = before.lines().collect();
    let mut kept = 0;
    let mut added = Vec::new();
    for line in after.lines() {
        if kept < before_lines.len() && before_lines[kept] == line {
            kept += 1;
        } else {
            added.push(line.to_owned());
        }
    }
    assert_eq!(
        kept,
        before_lines.len(),
        "the patch changed or removed generated lines"
    );
    added
}

#[test]
fn patch_only_adds_lines() {
    let (before, operations) = unpatched("minimal.yaml");
    let mut after = before.clone();
    let report = apply_all(&mut after, &operations).unwrap();

    assert_eq!(
        report.applied,
        [(
            "events_post_async",
            vec![
                "Cargo.toml".to_owned(),
                "src/apis/events_api.rs".to_owned(),
                "src/async_utils.rs".to_owned(),
                "src/lib.rs".to_owned(),
            ]
        )]
    );
    let unchanged: Vec<&String> = before
        .keys()
        .filter(|path| before[*path] == after[*path])
        .collect();
    assert_eq!(
        unchanged.len(),
        before.len() - 3,
        "only three generated files change"
    );

    let expected_lib = before["src/lib.rs"].replace(
        "pub mod models;\n",
        "pub mod models;\n\n// Injected by the `events_post_async` patch \
         (patches/src/events_post_async.rs).\npub mod async_utils;\n",
    );
    assert_eq!(after["src/lib.rs"], expected_lib);

    let api = added_lines(
        &before["src/apis/events_api.rs"],
        &after["src/apis/events_api.rs"],
    );
    let text = api.join("\n");
    assert!(text.contains("    pub fn events_post_async(\n"), "{text}");
    assert!(
        text.contains("        crate::async_utils::enqueue(self, event, callback)\n"),
        "{text}"
    );
    assert!(
        text.contains("impl crate::async_utils::EventEndpoint for EventsApi {"),
        "{text}"
    );
    // Both send methods repeat the generated request with the serialized body as bytes, and
    // return the response body undecoded.
    for path in ["/events", "/events/bulk"] {
        let send = format!(
            "        let url_path = \"{path}\";\n        let builder = self.client.request(reqwest::Method::POST, url_path);\n        let builder = builder\n            .header(\n                ::reqwest::header::CONTENT_TYPE,\n                ::reqwest::header::HeaderValue::from_static(\"application/json\"),\n            )\n            .body(body);\n        crate::apis::client::send_checked(builder).await.map(|(_status, bytes)| bytes)\n"
        );
        assert!(text.contains(&send), "{text}");
    }
    assert!(
        text.contains("    const MAX_BATCH_EVENTS: usize = 1000;"),
        "{text}"
    );
    assert!(
        text.contains("    const BATCH_FIELD: &'static str = \"events\";"),
        "{text}"
    );
    let marks = api
        .iter()
        .filter(|l| l.trim() == "/// Injected by the `events_post_async` patch (patches/src/events_post_async.rs).")
        .count();
    assert_eq!(marks, 2, "each injected item names the patch:\n{text}");

    let manifest = added_lines(&before["Cargo.toml"], &after["Cargo.toml"]);
    assert_eq!(
        manifest,
        [
            "chrono = { version = \"0.4.38\", default-features = false, features = [\"std\", \"clock\"] }",
            "httpdate = \"1.0.3\"",
            "log = \"0.4.22\"",
            "tokio = { version = \"1.40\", features = [\"rt\", \"time\", \"sync\", \"macros\"] }",
            "uuid = { version = \"1.11\", features = [\"v4\", \"v7\", \"fast-rng\"] }",
        ]
    );

    let payload = &after["src/async_utils.rs"];
    assert!(payload.ends_with(include_str!("../../patches/async_utils.rs")));
}

#[test]
fn second_run_changes_nothing() {
    let (mut files, operations) = unpatched("minimal.yaml");
    apply_all(&mut files, &operations).unwrap();
    let once = files.clone();
    let report = apply_all(&mut files, &operations).unwrap();

    assert_eq!(
        report.applied,
        [("events_post_async", Vec::<String>::new())]
    );
    assert_eq!(files, once);
}

fn anchor_error(files: &mut Files, operations: &[OperationRecord]) -> String {
    match apply_all(files, operations) {
        Err(error @ PatchError::Anchor { .. }) => error.to_string(),
        other => panic!("expected an anchor error, got {other:?}"),
    }
}

#[test]
fn missing_events_method_is_reported() {
    let (mut files, mut operations) = unpatched("minimal.yaml");
    let source = files["src/apis/events_api.rs"]
        .replace("pub async fn events_post(", "pub async fn renamed(");
    files.insert("src/apis/events_api.rs".into(), source);
    let error = anchor_error(&mut files, &operations);
    assert!(
        error.starts_with("patch events_post_async: src/apis/events_api.rs:"),
        "{error}"
    );
    assert!(
        error.contains("`impl EventsApi` has no method `events_post`, which the manifest records for `POST /events`"),
        "{error}"
    );

    operations.retain(|op| op.path != "/events");
    let (mut files, _) = unpatched("minimal.yaml");
    let error = anchor_error(&mut files, &operations);
    assert!(
        error.contains("no method for `POST /events` in the manifest"),
        "{error}"
    );
}

/// Returns the line and column of `fn events_post(` in `source`.
fn events_post_position(source: &str) -> (usize, usize) {
    source
        .lines()
        .enumerate()
        .find_map(|(index, l)| l.find("fn events_post(").map(|at| (index + 1, at + 1)))
        .unwrap()
}

#[test]
fn unexpected_signature_is_reported_with_line() {
    let (mut files, operations) = unpatched("minimal.yaml");
    let source = files["src/apis/events_api.rs"].clone();
    let (line, column) = events_post_position(&source);
    let edited = source.replace(
        "pub async fn events_post(\n        &self,",
        "pub async fn events_post(\n        &self,\n        extra: u8,",
    );
    files.insert("src/apis/events_api.rs".into(), edited);
    let error = anchor_error(&mut files, &operations);
    assert!(
        error.starts_with(&format!("patch events_post_async: src/apis/events_api.rs:{line}:{column}: unexpected signature for `events_post`")),
        "{error}"
    );
}

#[test]
fn missing_events_api_is_reported() {
    let (mut files, operations) = unpatched("minimal.yaml");
    let source = files["src/apis/events_api.rs"].replace("impl EventsApi {", "impl OtherApi {");
    files.insert("src/apis/events_api.rs".into(), source);
    let error = anchor_error(&mut files, &operations);
    assert_eq!(
        error,
        "patch events_post_async: src/apis/events_api.rs:1:1: no `impl EventsApi` block found; \
         expected exactly one; the SDK was not written"
    );
}

#[test]
fn other_final_send_is_reported() {
    let (mut files, operations) = unpatched("minimal.yaml");
    let path = "src/apis/events_api.rs";
    let source = &files[path];
    let (line, column) = events_post_position(source);
    // The queue reads the response undecoded, which it can do only for the send it recognizes.
    let edited = source.replacen(
        "crate::apis::client::send_json(builder).await",
        "crate::apis::client::send_json(builder).await.map(|response| response)",
        1,
    );
    assert_ne!(&edited, source, "the fixture's method ends in send_json");
    files.insert(path.into(), edited);
    let error = anchor_error(&mut files, &operations);
    assert_eq!(
        error,
        format!(
            "patch events_post_async: {path}:{line}:{column}: `events_post` does not end in \
             `crate::apis::client::send_json(request).await`, so the queue cannot read its \
             response undecoded; the SDK was not written"
        )
    );
}

#[test]
fn event_model_without_event_id_is_reported() {
    let (mut files, operations) = unpatched("minimal.yaml");
    let path = "src/models/ingest_event_request.rs";
    let source = files[path].replace("pub event_id: Option<String>", "pub event_id: Option<i64>");
    files.insert(path.into(), source);
    let error = anchor_error(&mut files, &operations);
    assert!(
        error.contains("`IngestEventRequest` needs a field `event_id: Option<String>`"),
        "{error}"
    );
    assert!(error.contains(&format!("{path}:")), "{error}");
}

#[test]
fn second_use_of_body_is_reported() {
    let (mut files, operations) = unpatched("minimal.yaml");
    let path = "src/apis/events_api.rs";
    let source = &files[path];
    let (line, column) = events_post_position(source);
    // A method that reads its argument besides serializing it cannot take serialized bytes.
    let edited = source.replacen(
        "let builder = builder.json(&body);",
        "let builder = builder.json(&body);\n        let _ = body.event_id.clone();",
        1,
    );
    assert_ne!(&edited, source, "the fixture's method serializes `body`");
    files.insert(path.into(), edited);
    let error = anchor_error(&mut files, &operations);
    assert_eq!(
        error,
        format!(
            "patch events_post_async: {path}:{line}:{column}: `events_post` uses `body` besides \
             `.json(&body)`, or a local `body`, so its request cannot be sent from serialized \
             bytes; the SDK was not written"
        )
    );
}
