//! Runs the whole pipeline on the upstream FlexPrice specs and builds the result with the real
//! compiler: every operation gets a method, every schema a model, and the patched
//! `EventsApi` has `events_post_async` next to the method it wraps.

mod support;

use std::collections::BTreeSet;

struct Case {
    spec: &'static str,
    operations: usize,
    schemas: usize,
    ingest: &'static str,
}

fn check(case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    let (out, generated) = support::generate_into(&support::upstream(case.spec), dir.path());

    let manifest = &generated.manifest;
    assert_eq!(
        manifest.operations.len(),
        case.operations,
        "operations in the manifest"
    );
    let schemas: BTreeSet<&str> = manifest
        .models
        .iter()
        .filter(|m| !m.schema.starts_with('#'))
        .map(|m| m.schema.as_str())
        .collect();
    assert_eq!(
        schemas.len(),
        case.schemas,
        "component schemas with a model"
    );

    let mut methods_per_api = std::collections::BTreeMap::<&str, BTreeSet<String>>::new();
    for op in &manifest.operations {
        let set = methods_per_api.entry(op.api.as_str()).or_insert_with(|| {
            let source = std::fs::read_to_string(out.join(&op.file)).unwrap();
            support::methods_of(&source, &op.api).into_iter().collect()
        });
        assert!(
            set.contains(&op.function),
            "{} {} has no method {}",
            op.method,
            op.path,
            op.function
        );
    }
    let events = &methods_per_api["EventsApi"];
    assert!(
        events.contains(case.ingest),
        "EventsApi has {}",
        case.ingest
    );
    assert!(
        events.contains("events_post_async"),
        "EventsApi has events_post_async"
    );
    let ingest = manifest
        .operations
        .iter()
        .find(|op| op.method == "POST" && op.path == "/events")
        .unwrap();
    assert_eq!(ingest.function, case.ingest);

    let (ok, output) = support::cargo(&out, &["clippy", "--quiet", "--", "-D", "warnings"], &[]);
    assert!(ok, "cargo clippy failed for {}:\n{output}", case.spec);
    // One tag alone compiles only its API and the models it uses, with no dead code.
    let only_events = [
        "clippy",
        "--quiet",
        "--no-default-features",
        "--features",
        "rustls-tls,events",
    ];
    let (ok, output) = support::cargo(
        &out,
        &[&only_events[..], &["--", "-D", "warnings"]].concat(),
        &[],
    );
    assert!(
        ok,
        "cargo clippy with only the events feature failed for {}:\n{output}",
        case.spec
    );
    let both = [
        "clippy",
        "--quiet",
        "--features",
        "serde-both",
        "--",
        "-D",
        "warnings",
    ];
    let (ok, output) = support::cargo(&out, &both, &[]);
    assert!(
        ok,
        "cargo clippy with both serde traits failed for {}:\n{output}",
        case.spec
    );
    let (ok, output) = support::cargo(
        &out,
        &["doc", "--quiet", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    assert!(ok, "cargo doc failed for {}:\n{output}", case.spec);
}

#[test]
fn spec_2025_builds() {
    check(&Case {
        spec: "flexprice-2025-03-29.json",
        operations: 95,
        schemas: 149,
        ingest: "events_post",
    });
}

#[test]
fn spec_2026_builds() {
    check(&Case {
        spec: "flexprice-2026-08-21.json",
        operations: 258,
        schemas: 508,
        ingest: "ingest_event",
    });
}
