//! Struct models derive the serde traits the API uses them in: `Serialize` for what requests
//! carry, `Deserialize` for what responses carry, and the other trait behind the
//! `serde-both` feature.

mod support;

/// Returns the serde traits a model file derives unconditionally, and those it derives only
/// with `serde-both`.
fn traits(files: &sdkgen::render::Files, model: &str) -> (Vec<String>, Vec<String>) {
    let source = &files[&format!("src/models/{model}.rs")];
    let derive = source
        .lines()
        .find(|line| line.starts_with("#[derive(Debug, Clone, PartialEq"))
        .unwrap_or_else(|| panic!("no derive line in {model}"));
    let serde = |text: &str| -> Vec<String> {
        text.split(&[',', '(', ')'][..])
            .map(str::trim)
            .filter_map(|item| item.strip_prefix("::serde::"))
            .map(str::to_owned)
            .collect()
    };
    let optional = source
        .lines()
        .filter(|line| line.starts_with("#[cfg_attr(feature = \"serde-both\""))
        .flat_map(serde)
        .collect();
    (serde(derive), optional)
}

/// Generates from `spec`, with the patch pass when `patch` is set (the fixture has no
/// events API to patch).
fn generate(spec: &std::path::Path, patch: bool) -> sdkgen::render::Files {
    let mut options = sdkgen::Options::new(spec);
    options.patch = patch;
    sdkgen::generate(&options).unwrap().files
}

#[test]
fn upstream_models_derive_their_direction() {
    let files = generate(&support::upstream("flexprice-2026-08-21.json"), true);
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        traits(&files, "ingest_event_request"),
        (owned(&["Serialize"]), owned(&["Deserialize"]))
    );
    assert_eq!(
        traits(&files, "errors_error_response"),
        (owned(&["Deserialize"]), owned(&["Serialize"]))
    );

    let mut counts = [0; 3];
    for path in files.keys().filter(|p| p.starts_with("src/models/")) {
        let model = &path["src/models/".len()..path.len() - ".rs".len()];
        let source = &files[path];
        if model == "mod" || !source.contains("\npub struct ") {
            continue;
        }
        match traits(&files, model).0.as_slice() {
            [a, b] if a == "Serialize" && b == "Deserialize" => counts[0] += 1,
            [a] if a == "Serialize" => counts[1] += 1,
            [a] if a == "Deserialize" => counts[2] += 1,
            other => panic!("{model} derives {other:?}"),
        }
    }
    // Both, request only, response only.
    assert_eq!(counts, [26, 143, 218]);
}

#[test]
fn union_variants_derive_both() {
    let files = generate(&support::fixture("constructs.yaml"), false);
    let both = (
        vec!["Serialize".to_owned(), "Deserialize".to_owned()],
        Vec::new(),
    );
    // The union's impls convert its variants to and from JSON values in both directions.
    assert_eq!(traits(&files, "circle"), both);
    assert_eq!(traits(&files, "square"), both);
    // A multipart request body is only sent.
    assert_eq!(
        traits(&files, "file_upload"),
        (vec!["Serialize".to_owned()], vec!["Deserialize".to_owned()])
    );
}
