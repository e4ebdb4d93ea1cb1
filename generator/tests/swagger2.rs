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
