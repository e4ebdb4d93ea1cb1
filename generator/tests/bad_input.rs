//! Each kind of bad input ends with a one-paragraph error naming the value, exit status 1,
//! and an output folder exactly as it was.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Reads every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let key = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(key, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs `sdkgen generate` on `spec` into an SDK generated from the minimal fixture and
/// returns stderr, after checking the exit status and that the SDK did not change.
fn run_bad(spec: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = support::generate_into(&support::fixture("minimal.yaml"), dir.path());
    std::fs::write(out.join("notes.md"), "hand-written").unwrap();
    let before = snapshot(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(["generate", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit status; stderr: {stderr}"
    );
    assert_eq!(snapshot(dir.path()), before, "the output folder changed");
    let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        error_lines.len(),
        1,
        "one error paragraph; stderr: {stderr}"
    );
    stderr
}

fn write_spec(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A valid minimal document with `paths` replaced.
fn with_paths(paths: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: {{type: string}}\n"
    )
}

#[test]
fn missing_file() {
    let stderr = run_bad(Path::new("/nonexistent/flexprice.yaml"));
    assert!(
        stderr.contains(
            "error: cannot read spec /nonexistent/flexprice.yaml: No such file or directory"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("check the path given to --spec"),
        "{stderr}"
    );
}

#[test]
fn invalid_json_reports_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "bad.json",
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": }\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "bad.json:3:11: invalid JSON: expected value; fix the file at that position and \
             run the command again"
        ),
        "{stderr}"
    );
}

#[test]
fn empty_json_file_is_named_empty() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(dir.path(), "empty.json", "");
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains("; the file is empty; pass the spec file itself"),
        "{stderr}"
    );
}

#[test]
fn invalid_yaml_reports_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "bad.yaml",
        "openapi: 3.0.3\ninfo:\n  title: [unclosed\n",
    );
    let stderr = run_bad(&spec);
    assert!(stderr.contains("bad.yaml:4:1: invalid YAML:"), "{stderr}");
}

#[test]
fn truncated_upstream_json() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read(support::upstream("flexprice-2026-08-21.json")).unwrap();
    let spec = dir.path().join("truncated.json");
    std::fs::write(&spec, &full[..full.len() / 2]).unwrap();
    let stderr = run_bad(&spec);
    assert!(stderr.contains("truncated.json:"), "{stderr}");
    assert!(
        stderr.contains("invalid JSON: EOF while parsing"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "the text ends early, as a truncated download or write does; fix the file and run \
             the command again"
        ),
        "{stderr}"
    );
}

#[test]
fn swagger_1_2_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "v12.json",
        "{\"swagger\": \"1.2\", \"apis\": []}\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "v12.json: Swagger 1.2 document found, but only Swagger 2.0 and OpenAPI 3.0.x are \
             supported; convert it to OpenAPI 3.0 first"
        ),
        "{stderr}"
    );
}

#[test]
fn swagger_2_conversion_error_has_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "two-bodies.yaml",
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /things:\n    post:\n      parameters:\n        - {in: body, name: a, schema: {type: object}}\n        - {in: body, name: b, schema: {type: object}}\n      responses:\n        '204': {description: ok}\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "two-bodies.yaml: invalid Swagger 2.0 document at #/paths/~1things/post/parameters/1: \
             a second body parameter, but `a` is already the body; an operation takes at most \
             one; fix that value in the spec"
        ),
        "{stderr}"
    );
}

#[test]
fn openapi_3_1_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "v31.yaml",
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains("OpenAPI 3.1.0 document found, but only OpenAPI 3.0.x is supported"),
        "{stderr}"
    );
}

#[test]
fn not_openapi() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(dir.path(), "other.yaml", "name: something else\n");
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains("the `openapi` field is missing"),
        "{stderr}"
    );
}

#[test]
fn document_shape_error_has_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "shape.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /things:\n    get:\n      responses: 7\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains("invalid OpenAPI document at #/paths/~1things/get/responses"),
        "{stderr}"
    );
}

#[test]
fn unresolved_ref_has_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let paths = "  /things:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Missing'}";
    let spec = write_spec(dir.path(), "ref.yaml", &with_paths(paths));
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "#/paths/~1things/get/responses/200/content/application~1json/schema: $ref \
             `#/components/schemas/Missing` does not resolve"
        ),
        "{stderr}"
    );
}

#[test]
fn unsupported_construct_has_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let paths = "  /things:\n    get:\n      parameters:\n        - {name: session, in: cookie, schema: {type: string}}\n      responses:\n        '204': {description: ok}";
    let spec = write_spec(dir.path(), "cookie.yaml", &with_paths(paths));
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "#/paths/~1things/get/parameters/0: unsupported construct: cookie parameters"
        ),
        "{stderr}"
    );
}

#[test]
fn missing_patch_anchor_names_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = "  /things:\n    get:\n      tags: [Things]\n      responses:\n        '204': {description: ok}";
    let spec = write_spec(dir.path(), "no-events.yaml", &with_paths(paths));
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains("patch events_post_async: src/apis/events_api.rs:1:1: file not found"),
        "{stderr}"
    );
}

#[test]
fn conflicting_all_of_names_both_pointers() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        "conflict.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        id: {type: string}\n    B:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - type: object\n          properties:\n            id: {type: integer}\n",
    );
    let stderr = run_bad(&spec);
    assert!(
        stderr.contains(
            "#/components/schemas/B/allOf/1/properties/id: property `id` has a different type \
             here than at #/components/schemas/A/properties/id"
        ),
        "{stderr}"
    );
}
