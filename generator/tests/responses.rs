//! How the lowering reads success responses: which Rust type an operation returns and which
//! runtime helper reads the body, by media type and schema.

use sdkgen::ir::{ResponseKind, Ty};

/// Lowers a spec with one `GET /thing` operation whose 200 response has `content` (YAML)
/// and checks the operation's success type and response kind.
fn check(content: &str, ty: Ty, kind: ResponseKind) {
    let spec = format!(
        "openapi: 3.0.3\n\
         info: {{title: Responses, version: '1'}}\n\
         paths:\n  \
           /thing:\n    \
             get:\n      \
               operationId: getThing\n      \
               responses:\n        \
                 '200':\n          \
                   description: OK\n          \
                   content: {content}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, spec).unwrap();
    let loaded = sdkgen::load::load(&path).unwrap_or_else(|e| panic!("loading {content}: {e}"));
    let api = sdkgen::lower::lower(&loaded.doc).unwrap_or_else(|e| panic!("lowering: {e}"));
    let op = &api.groups[0].operations[0];
    assert_eq!(op.ok, ty, "success type for {content}");
    assert_eq!(op.ok_kind, kind, "response kind for {content}");
}

#[test]
fn json_object_is_json() {
    check(
        "{application/json: {schema: {type: object, additionalProperties: {type: string}}}}",
        Ty::Map(Box::new(Ty::String)),
        ResponseKind::Json,
    );
}

#[test]
fn any_media_string_is_json() {
    check(
        "{'*/*': {schema: {type: string}}}",
        Ty::String,
        ResponseKind::Json,
    );
}

/// Regression: swaggo describes a PDF download as `*/*` with a binary string, which the SDK
/// parsed as JSON and so failed on every PDF.
#[test]
fn any_media_binary_is_bytes() {
    check(
        "{'*/*': {schema: {type: string, format: binary}}}",
        Ty::Bytes,
        ResponseKind::Bytes,
    );
}

#[test]
fn json_binary_is_bytes() {
    check(
        "{application/json: {schema: {type: string, format: binary}}}",
        Ty::Bytes,
        ResponseKind::Bytes,
    );
}

#[test]
fn pdf_media_is_bytes() {
    check(
        "{application/pdf: {schema: {type: string, format: binary}}}",
        Ty::Bytes,
        ResponseKind::Bytes,
    );
}

#[test]
fn text_media_is_text() {
    check(
        "{text/plain: {schema: {type: string}}}",
        Ty::String,
        ResponseKind::Text,
    );
}
