//! Generates the constructs fixture, which has one schema per construct the generator maps,
//! builds it with clippy and rustdoc, and runs `constructs_check.rs` inside it against the
//! generated types.

mod support;

#[test]
fn constructs_fixture_behaves() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = sdkgen::Options::new(support::fixture("constructs.yaml"));
    options.crate_name = "constructs".into();
    options.patch = false;
    let generated = sdkgen::generate(&options).unwrap();
    let out = dir.path().join("sdk");
    sdkgen::write_to(&generated, &out).unwrap();
    std::fs::copy(support::root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(
        out.join("tests/constructs.rs"),
        include_str!("fixtures/constructs_check.rs"),
    )
    .unwrap();
    let testkit = support::root().join("testkit");
    let mut manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    manifest.push_str(&format!(
        "\n[dev-dependencies]\ntestkit = {{ path = {:?} }}\ntokio = {{ version = \"1\", features = [\"rt\"] }}\n",
        testkit.display().to_string()
    ));
    std::fs::write(out.join("Cargo.toml"), manifest).unwrap();

    let (ok, output) = support::cargo(&out, &["clippy", "--quiet", "--", "-D", "warnings"], &[]);
    assert!(ok, "cargo clippy failed:\n{output}");
    let (ok, output) = support::cargo(
        &out,
        &["doc", "--quiet", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    assert!(ok, "cargo doc failed:\n{output}");
    // The checks round-trip request and response models alike, so every model needs both
    // serde traits; the clippy run above checked the crate without them.
    let (ok, output) = support::cargo(
        &out,
        &[
            "clippy",
            "--quiet",
            "--features",
            "serde-both",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    assert!(ok, "cargo clippy --features serde-both failed:\n{output}");
    let (ok, output) = support::cargo(
        &out,
        &[
            "test",
            "--quiet",
            "--features",
            "serde-both",
            "--test",
            "constructs",
        ],
        &[],
    );
    assert!(ok, "constructs tests failed:\n{output}");
    assert!(output.contains("17 passed"), "{output}");
}
