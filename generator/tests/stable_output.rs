//! Output is byte-identical for the same input, whatever the key order of the spec's maps,
//! and a spec change touches only the files that render what changed.

mod support;

use std::collections::BTreeSet;

fn generate(spec: &std::path::Path) -> sdkgen::render::Files {
    let mut options = sdkgen::Options::new(spec);
    // Both revisions live at one path in a real repository, so they share one label.
    options.spec_label = "spec/flexprice.json".into();
    sdkgen::generate(&options).unwrap().files
}

/// Rebuilds every JSON object with its keys in reverse order.
fn reverse_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.reverse();
            let mut out = serde_json::Map::new();
            for (key, value) in entries {
                out.insert(key, reverse_keys(value));
            }
            serde_json::Value::Object(out)
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(reverse_keys).collect())
        }
        other => other,
    }
}

#[test]
fn same_input_same_bytes() {
    let spec = support::upstream("flexprice-2026-08-21.json");
    assert_eq!(generate(&spec), generate(&spec));
}

#[test]
fn key_order_changes_nothing() {
    let spec = support::upstream("flexprice-2026-08-21.json");
    let text = std::fs::read_to_string(&spec).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let reordered = dir.path().join("reordered.json");
    std::fs::write(
        &reordered,
        serde_json::to_string(&reverse_keys(value)).unwrap(),
    )
    .unwrap();

    let original = generate(&spec);
    let mut shuffled = generate(&reordered);
    // The manifest records the digest of the file, which differs with the bytes.
    let digest = |files: &sdkgen::render::Files| -> String {
        let manifest: serde_json::Value =
            serde_json::from_str(&files["sdkgen-manifest.json"]).unwrap();
        manifest["spec_sha256"].as_str().unwrap().to_owned()
    };
    let manifest = shuffled["sdkgen-manifest.json"].replace(&digest(&shuffled), &digest(&original));
    shuffled.insert("sdkgen-manifest.json".into(), manifest);
    assert_eq!(original, shuffled);
}

#[test]
fn upstream_revision_changes_only_its_files() {
    let old = generate(&support::upstream("flexprice-2026-08-20.json"));
    let new = generate(&support::upstream("flexprice-2026-08-21.json"));
    let changed: BTreeSet<&str> = old
        .keys()
        .chain(new.keys())
        .filter(|path| old.get(*path) != new.get(*path))
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = EXPECTED_CHANGES.iter().copied().collect();
    assert_eq!(changed, expected);
}

/// What 2026-08-21 changes: it adds `POST /usage-records/search` under a new tag (a new API
/// file, and the module lists in `lib.rs` and `apis/mod.rs`), adds six schemas (one with an
/// inline enum, `TypesUsageRecordFilterOrder`) and changes three. The new tag is a new cargo
/// feature, listed in `Cargo.toml` and in the `cfg` lists of the client helpers it calls.
/// The manifest and the API record list everything and record the spec's digest, so they
/// change with every revision.
const EXPECTED_CHANGES: &[&str] = &[
    "Cargo.toml",
    "sdkgen-api.json",
    "sdkgen-manifest.json",
    "src/apis/client.rs",
    "src/apis/mod.rs",
    "src/apis/usage_records_api.rs",
    "src/lib.rs",
    "src/models/credit_grant_application_response.rs",
    "src/models/entitlement_response.rs",
    "src/models/list_usage_records_response.rs",
    "src/models/mod.rs",
    "src/models/types_invoice_sync_settings.rs",
    "src/models/types_metadata_custom_field.rs",
    "src/models/types_metadata_custom_field_source.rs",
    "src/models/types_usage_record_filter.rs",
    "src/models/types_usage_record_filter_order.rs",
    "src/models/types_usage_record_sync_entry.rs",
    "src/models/usage_record_response.rs",
];
