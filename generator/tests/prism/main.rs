//! Runs the SDK generated from the upstream FlexPrice spec of 2026-08-21 against Prism, a
//! mock server that validates every request against the spec and responds with the spec's
//! examples or with values it builds from the schemas. Each of the 258 operations sends one
//! request built from the spec's examples or from the smallest values its schemas accept,
//! with every query parameter set. The test passes only when Prism accepts every request
//! and every response decodes into the SDK's typed model, so it checks the generator against
//! the spec instead of against our own expectations.
//!
//! Prism 5.14.2 gives up on large response schemas with `SCHEMA_TOO_COMPLEX`, because its
//! static mode stops sampling after a fixed budget (`ticks: 2500`, passed to
//! json-schema-sampler in `@stoplight/prism-http`). Those operations are sent again to
//! a second Prism whose copy of the spec has a full example, built by this test, on every
//! success response. Both run with `--errors`, so Prism also checks each response against the
//! spec before sending it.
//!
//! Prism comes from npm at the version pinned in `tools/prism/package-lock.json`. Install it
//! with `npm ci --prefix tools/prism`. The test fails, naming that command, when it is
//! missing.

#[path = "../support/mod.rs"]
mod support;

mod calls;
mod server;
mod spec;
mod values;

use std::io::Write as _;
use std::time::Instant;

use calls::Override;
use server::Prism;
use spec::SpecPatch;

const SPEC: &str = "flexprice-2026-08-21.json";

/// Values sent in place of the spec's own, each with the reason. Empty while every example
/// of the spec fits its schema.
const OVERRIDES: &[Override] = &[];

/// Defects of the upstream spec removed from the copies Prism reads.
const SPEC_PATCHES: &[SpecPatch] = &[SpecPatch {
    pointer: "/components/schemas/types.Duration/enum",
    expected: r#"["3600000000000"]"#,
    reason: "`types.Duration` is an object with `unit` and `value`, but it also has the enum \
             [\"3600000000000\"], named EntitlementGrantMinDuration by x-enum-varnames. No \
             object equals that string, so Prism returned the string for `cooldown` of \
             `types.AutoTopup`, which violates the schema",
}];

/// Debug info makes the large SDK crate slower to build and is not needed to run it.
const CARGO_ENV: (&str, &str) = ("CARGO_PROFILE_DEV_DEBUG", "0");

#[test]
fn spec_2026_passes_prism() {
    let started = Instant::now();
    let root = support::root();
    let bin = Prism::installed(&root);
    let spec_path = support::upstream(SPEC);
    let spec = sdkgen::load::load(&spec_path).unwrap_or_else(|e| panic!("loading: {e}"));
    let api = sdkgen::lower::lower(&spec.doc).unwrap_or_else(|e| panic!("lowering: {e}"));
    let expected = spec.doc.operations().count();
    let calls = calls::render(&api, &spec.raw, OVERRIDES).unwrap_or_else(|errors| {
        panic!(
            "building the requests failed for {} operations:\n{}",
            errors.len(),
            errors.join("\n")
        )
    });
    assert_eq!(calls.operations, expected, "operations with a call");

    for patch in SPEC_PATCHES {
        let _ = writeln!(
            std::io::stderr(),
            "prism: spec patch removes {}: {}",
            patch.pointer,
            patch.reason
        );
    }
    for entry in OVERRIDES {
        let _ = writeln!(
            std::io::stderr(),
            "prism: override of {} for {} {}: {}",
            entry.target,
            entry.method,
            entry.path,
            entry.reason
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let mut patched = spec::patched(&spec.raw, SPEC_PATCHES).unwrap_or_else(|e| panic!("{e}"));
    let patched_path = dir.path().join("spec.json");
    std::fs::write(&patched_path, patched.to_string()).unwrap();
    let added = spec::add_response_examples(&mut patched).unwrap_or_else(|errors| {
        panic!("building response examples failed:\n{}", errors.join("\n"))
    });
    assert!(added > 0, "success responses without an example");
    let examples_path = dir.path().join("spec-examples.json");
    std::fs::write(&examples_path, patched.to_string()).unwrap();

    // Prism loads the specs while cargo builds the SDK.
    let sampled = Prism::start(&bin, &patched_path, &dir.path().join("prism.log"));
    let examples = Prism::start(&bin, &examples_path, &dir.path().join("prism-examples.log"));
    let (sdk, _) = support::generate_into(&spec_path, dir.path());
    add_test_crate(&sdk, &calls.source);
    let (ok, output) = support::cargo(
        &sdk,
        // The calls build request bodies from the spec's JSON examples, which needs
        // `Deserialize` on request models too.
        &[
            "test",
            "--quiet",
            "--features",
            "serde-both",
            "--test",
            "prism_calls",
            "--no-run",
        ],
        &[CARGO_ENV],
    );
    assert!(ok, "building the Prism calls failed:\n{output}");

    let sampled = sampled.ready();
    let examples = examples.ready();
    check_prism_validates(&sampled);
    let (sampled_url, examples_url) = (sampled.url(), examples.url());
    let (ok, output) = support::cargo(
        &sdk,
        &[
            "test",
            "--quiet",
            "--features",
            "serde-both",
            "--test",
            "prism_calls",
            "--",
            "--nocapture",
        ],
        &[
            CARGO_ENV,
            ("PRISM_URL", &sampled_url),
            ("PRISM_EXAMPLES_URL", &examples_url),
        ],
    );
    let summaries: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("prism: "))
        .collect();
    // Written past libtest's capture, so a passing run shows the counts too.
    let _ = writeln!(
        std::io::stderr(),
        "{}\nprism: took {:.0?}",
        summaries.join("\n"),
        started.elapsed()
    );
    assert!(
        ok,
        "the Prism calls failed:\n{output}\nPrism's log ends with:\n{}\nThe examples \
         Prism's log ends with:\n{}",
        sampled.log_tail(),
        examples.log_tail()
    );
    let summary = summaries.first().copied();
    assert_eq!(
        summary,
        Some(format!("prism: {expected} of {expected} operations accepted and decoded").as_str()),
        "summary line of the Prism calls"
    );
}

/// Writes the calls into `tests/prism_calls.rs` of the generated crate and adds the runtime
/// they need as a dev-dependency.
fn add_test_crate(sdk: &std::path::Path, source: &str) {
    let manifest_path = sdk.join("Cargo.toml");
    let mut manifest = std::fs::read_to_string(&manifest_path).unwrap();
    assert!(
        !manifest.contains("[dev-dependencies]"),
        "the generated Cargo.toml already has dev-dependencies; merge tokio into them"
    );
    manifest.push_str(
        "\n[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    );
    std::fs::write(&manifest_path, manifest).unwrap();
    std::fs::create_dir_all(sdk.join("tests")).unwrap();
    std::fs::write(sdk.join("tests/prism_calls.rs"), source).unwrap();
}

/// Checks that Prism rejects what the spec forbids, so a pass of the calls means Prism
/// checked them: a body without its required properties, and a request without the API key.
fn check_prism_validates(prism: &Prism) {
    let json = [
        ("Content-Type", "application/json"),
        ("x-api-key", "prism-test-key"),
    ];
    let invalid = prism.exchange("POST", "/customers", &json, "{}");
    assert!(
        matches!(invalid.status, 400 | 422),
        "Prism returned {} for a customer without `name`, expected 400 or 422:\n{}",
        invalid.status,
        invalid.head
    );
    let violations = invalid.header("sl-violations").unwrap_or_default();
    assert!(
        violations.contains("name"),
        "Prism's sl-violations header names the missing `name`:\n{}",
        invalid.head
    );
    let anonymous = prism.exchange("GET", "/customers/prism", &[], "");
    assert_eq!(
        anonymous.status, 401,
        "Prism's status without an API key:\n{}",
        anonymous.head
    );
}
