//! Reads a spec file, reports syntax errors with line and column, checks the OpenAPI version,
//! converts a Swagger 2.0 document to OpenAPI 3.0, and deserializes the document into
//! `openapiv3` types with a JSON pointer for any mismatch.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{escape_pointer_segment, Error, Result};
use crate::swagger2;

/// A spec that parsed and is an OpenAPI 3.0.x document, or a Swagger 2.0 document converted
/// to one.
#[derive(Debug)]
pub struct Spec {
    /// The path the spec was read from.
    pub path: PathBuf,
    /// The OpenAPI 3.0 document as plain JSON, for checks that `openapiv3` does not keep. For
    /// a Swagger 2.0 file this is the converted document.
    pub raw: serde_json::Value,
    /// Whether the file was Swagger 2.0 and `raw` is its conversion.
    pub converted_from_swagger2: bool,
    /// The typed document.
    pub doc: openapiv3::OpenAPI,
    /// Hex SHA-256 of the file's bytes, recorded in the manifest.
    pub sha256: String,
}

/// Reads and parses the spec at `path`.
pub fn load(path: &Path) -> Result<Spec> {
    let bytes = std::fs::read(path).map_err(|source| Error::ReadSpec {
        path: path.to_owned(),
        source,
    })?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8_lossy(&bytes);
    let parsed = parse_text(path, &text)?;
    let (raw, converted_from_swagger2) = match check_version(path, &parsed)? {
        Version::OpenApi3 => (parsed, false),
        Version::Swagger2 => {
            let converted = swagger2::convert(&parsed).map_err(|e| Error::InvalidSwagger {
                path: path.to_owned(),
                pointer: e.pointer,
                message: e.message,
            })?;
            log::info!(
                "{}: converted Swagger 2.0 to OpenAPI {}",
                path.display(),
                swagger2::OPENAPI_VERSION
            );
            (converted, true)
        }
    };
    let doc = to_openapi(path, &raw)?;
    Ok(Spec {
        path: path.to_owned(),
        raw,
        converted_from_swagger2,
        doc,
        sha256,
    })
}

/// The kinds of document the loader reads.
enum Version {
    OpenApi3,
    Swagger2,
}

fn is_json(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => true,
        Some("yaml" | "yml") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

// NOTE: duplicate keys are accepted in JSON and YAML alike, and the last one wins. They
// should be an error naming the key's line and column.
fn parse_text(path: &Path, text: &str) -> Result<serde_json::Value> {
    if is_json(path, text) {
        serde_json::from_str(text).map_err(|e| Error::Syntax {
            path: path.to_owned(),
            format: "JSON",
            line: e.line(),
            column: e.column(),
            message: strip_location(&e.to_string()),
            hint: syntax_hint(e.is_eof(), text),
        })
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let message = strip_location(&e.to_string());
            let ended_early = message.contains("end of stream");
            Error::Syntax {
                path: path.to_owned(),
                format: "YAML",
                line,
                column,
                hint: syntax_hint(ended_early, text),
                message,
            }
        })
    }
}

/// Returns the next step for a syntax error, which differs for an empty file, a file that
/// ends early and a mistake inside the text.
fn syntax_hint(ended_early: bool, text: &str) -> &'static str {
    if text.trim().is_empty() {
        "the file is empty; pass the spec file itself"
    } else if ended_early {
        "the text ends early, as a truncated download or write does; fix the file and run the \
         command again"
    } else {
        "fix the file at that position and run the command again"
    }
}

/// Drops the " at line N column M" suffix serde adds, because the error prints it first.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn check_version(path: &Path, raw: &serde_json::Value) -> Result<Version> {
    let unsupported = |found: String, hint| Error::UnsupportedVersion {
        path: path.to_owned(),
        found,
        hint,
    };
    if !raw.is_object() {
        return Err(unsupported(
            "not an OpenAPI document: the top level is not an object".into(),
            "pass an OpenAPI 3.0.x document in JSON or YAML",
        ));
    }
    if let Some(swagger) = raw.get("swagger") {
        // An unquoted `swagger: 2.0` in YAML is the number 2.0, not the string the
        // specification requires, but it names the same version.
        let is_2_0 = swagger.as_str() == Some("2.0") || swagger.as_f64() == Some(2.0);
        if is_2_0 {
            return Ok(Version::Swagger2);
        }
        return Err(unsupported(
            format!(
                "Swagger {} document found, but only Swagger 2.0 and OpenAPI 3.0.x are supported",
                show(swagger)
            ),
            "convert it to OpenAPI 3.0 first",
        ));
    }
    match raw.get("openapi") {
        None => Err(unsupported(
            "not an OpenAPI document: the `openapi` field is missing".into(),
            "pass an OpenAPI 3.0.x document, which starts with `openapi: 3.0.3` or similar",
        )),
        Some(serde_json::Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => {
            Ok(Version::OpenApi3)
        }
        Some(serde_json::Value::String(v)) if v.starts_with("3.1") => Err(unsupported(
            format!("OpenAPI {v} document found, but only OpenAPI 3.0.x is supported"),
            "write the spec as OpenAPI 3.0 (3.1's JSON Schema dialect is not supported yet)",
        )),
        Some(other) => Err(unsupported(
            format!(
                "unsupported OpenAPI version {}, expected 3.0.x",
                show(other)
            ),
            "pass an OpenAPI 3.0.x document",
        )),
    }
}

fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn to_openapi(path: &Path, raw: &serde_json::Value) -> Result<openapiv3::OpenAPI> {
    deserialize_at::<openapiv3::OpenAPI>(raw, "#").map_err(|(pointer, message)| {
        // openapiv3 reads `paths` and `components` through flattened maps, which hide the
        // failing entry from the error path, so the entries are tried one by one.
        let (pointer, message) = narrow(raw, &pointer).unwrap_or((pointer, message));
        Error::InvalidDocument {
            path: path.to_owned(),
            pointer,
            message,
        }
    })
}

/// Deserializes `value`, returning the JSON pointer and message of a failure, relative to
/// `base`.
fn deserialize_at<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    base: &str,
) -> std::result::Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = base.to_owned();
        for segment in e.path().iter() {
            use serde_path_to_error::Segment;
            match segment {
                Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                Segment::Map { key } => {
                    pointer.push('/');
                    pointer.push_str(&escape_pointer_segment(key));
                }
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        (pointer, e.into_inner().to_string())
    })
}

/// Finds the entry of `paths` or of a `components` section that fails to deserialize.
fn narrow(raw: &serde_json::Value, pointer: &str) -> Option<(String, String)> {
    type Check = fn(&serde_json::Value, &str) -> std::result::Result<(), (String, String)>;
    fn check<T: serde::de::DeserializeOwned>(
        value: &serde_json::Value,
        base: &str,
    ) -> std::result::Result<(), (String, String)> {
        deserialize_at::<T>(value, base).map(|_| ())
    }
    use openapiv3::{Parameter, PathItem, RequestBody, Response, Schema};
    let sections: [(&str, Check); 5] = [
        ("#/paths", check::<PathItem>),
        ("#/components/schemas", check::<Schema>),
        ("#/components/parameters", check::<Parameter>),
        ("#/components/responses", check::<Response>),
        ("#/components/requestBodies", check::<RequestBody>),
    ];
    for (section, check) in sections {
        if !section.starts_with(pointer) && !pointer.starts_with(section) {
            continue;
        }
        let entries = raw.pointer(&section[1..])?.as_object()?;
        for (key, value) in entries.iter().filter(|(_, v)| v.get("$ref").is_none()) {
            let base = format!("{section}/{}", escape_pointer_segment(key));
            if let Err(found) = check(value, &base) {
                return Some(found);
            }
        }
    }
    None
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
