//! Loading Swagger 2.0 files through the in-process conversion.

#[test]
fn unquoted_version_is_swagger_2() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("unquoted.yaml");
    std::fs::write(
        &spec,
        "swagger: 2.0\ninfo: {title: t, version: '1'}\nbasePath: /v1\npaths: {}\n",
    )
    .unwrap();
    let loaded = sdkgen::load::load(&spec).unwrap_or_else(|e| panic!("loading: {e}"));
    assert!(loaded.converted_from_swagger2);
    assert_eq!(loaded.doc.openapi, "3.0.3");
    assert_eq!(loaded.doc.servers.len(), 1);
    assert_eq!(loaded.doc.servers[0].url, "/v1");
}

/// Regression: swaggo's `allOf: [$ref]` beside an `enum` list lowered to
/// `serde_json::Value` instead of the referenced type.
#[test]
fn all_of_ref_beside_enum() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("all-of.yaml");
    std::fs::write(
        &spec,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Action:\n    type: string\n    enum: [created, ended]\n  Item:\n    type: object\n    properties:\n      action:\n        allOf:\n        - $ref: '#/definitions/Action'\n        enum: [created]\n",
    )
    .unwrap();
    let mut options = sdkgen::Options::new(&spec);
    options.patch = false;
    let generated = sdkgen::generate(&options).unwrap_or_else(|e| panic!("generating: {e}"));
    let item = &generated.files["src/models/item.rs"];
    assert!(
        item.contains("    pub action: Option<crate::models::Action>,\n"),
        "{item}"
    );
}
