//! Prepares the copies of the spec, in the test's temporary folder, that the two Prism
//! servers read: the upstream spec with its listed defects removed, and the same with a full
//! example on every success response that has none.

use serde_json::Value;

use super::values::{escape, Values};

/// A defect of the upstream spec that no request or response can satisfy, removed before
/// Prism reads the spec.
pub struct SpecPatch {
    /// The JSON pointer of the value to remove.
    pub pointer: &'static str,
    /// The value expected there, as JSON text, so that a fixed upstream spec fails the test
    /// and the patch gets dropped.
    pub expected: &'static str,
    /// Why the value is wrong.
    pub reason: &'static str,
}

/// Returns `raw` without the values the patches name. Fails when a value is missing or
/// differs from the one the patch expects.
pub fn patched(raw: &Value, patches: &[SpecPatch]) -> Result<Value, String> {
    let mut spec = raw.clone();
    for patch in patches {
        let (parent, key) = patch
            .pointer
            .rsplit_once('/')
            .ok_or_else(|| format!("spec patch {}: not a JSON pointer", patch.pointer))?;
        let key = key.replace("~1", "/").replace("~0", "~");
        let expected: Value = serde_json::from_str(patch.expected)
            .map_err(|e| format!("spec patch {}: invalid expected JSON: {e}", patch.pointer))?;
        let object = spec
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .ok_or_else(|| format!("spec patch {}: {parent} is not an object", patch.pointer))?;
        match object.remove(&key) {
            Some(found) if found == expected => {}
            Some(found) => {
                return Err(format!(
                    "spec patch {}: the spec has {found}, not {expected}; check whether the \
                     defect is fixed and update or remove the patch",
                    patch.pointer
                ))
            }
            None => {
                return Err(format!(
                    "spec patch {}: the value is missing, so the spec may be fixed; remove the \
                     patch",
                    patch.pointer
                ))
            }
        }
    }
    Ok(spec)
}

/// Sets a full example, built by [`Values::full`], on each media type of every 2xx response
/// that has neither `example` nor `examples`, and returns how many it set.
pub fn add_response_examples(spec: &mut Value) -> Result<usize, Vec<String>> {
    let mut examples = Vec::new();
    let mut errors = Vec::new();
    {
        let values = Values::new(spec);
        for (path, item) in spec["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let responses = operation.get("responses").and_then(Value::as_object);
                for (code, response) in responses.into_iter().flatten() {
                    if !code.starts_with('2') || response.get("$ref").is_some() {
                        continue;
                    }
                    let content = response.get("content").and_then(Value::as_object);
                    for (media_type, media) in content.into_iter().flatten() {
                        let has_example =
                            media.get("example").is_some() || media.get("examples").is_some();
                        let Some(schema) = media.get("schema") else {
                            continue;
                        };
                        if has_example {
                            continue;
                        }
                        let pointer = format!(
                            "/paths/{}/{method}/responses/{code}/content/{}",
                            escape(path),
                            escape(media_type)
                        );
                        match values.full(schema, &format!("#{pointer}/schema")) {
                            Ok(example) => examples.push((pointer, example)),
                            Err(error) => errors.push(error),
                        }
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let count = examples.len();
    for (pointer, example) in examples {
        spec.pointer_mut(&pointer)
            .and_then(Value::as_object_mut)
            .expect("the media type was found above")
            .insert("example".to_owned(), example);
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const PATCH: SpecPatch = SpecPatch {
        pointer: "/components/schemas/Duration/enum",
        expected: r#"["3600"]"#,
        reason: "an object cannot equal a string",
    };

    #[test]
    fn patch_removes_expected_value() {
        let raw = json!({"components": {"schemas": {"Duration": {
            "type": "object", "enum": ["3600"]
        }}}});
        let spec = patched(&raw, &[PATCH]).unwrap();
        assert_eq!(
            spec,
            json!({"components": {"schemas": {"Duration": {"type": "object"}}}})
        );
    }

    #[test]
    fn patch_of_changed_value_fails() {
        let raw = json!({"components": {"schemas": {"Duration": {"enum": ["60"]}}}});
        let error = patched(&raw, &[PATCH]).unwrap_err();
        assert!(
            error.contains(r#"the spec has ["60"], not ["3600"]"#),
            "{error}"
        );
    }

    #[test]
    fn patch_of_missing_value_fails() {
        let raw = json!({"components": {"schemas": {"Duration": {"type": "object"}}}});
        let error = patched(&raw, &[PATCH]).unwrap_err();
        assert!(error.contains("the value is missing"), "{error}");
    }

    #[test]
    fn examples_go_on_success_responses_only() {
        let mut spec = json!({"paths": {"/things": {"get": {"responses": {
            "200": {"content": {"application/json": {"schema": {"type": "boolean"}}}},
            "201": {"content": {"application/json": {
                "schema": {"type": "boolean"}, "example": true
            }}},
            "400": {"content": {"application/json": {"schema": {"type": "boolean"}}}}
        }}}}});
        assert_eq!(add_response_examples(&mut spec).unwrap(), 1);
        let responses = &spec["paths"]["/things"]["get"]["responses"];
        assert_eq!(
            responses["200"]["content"]["application/json"]["example"],
            json!(false)
        );
        assert_eq!(
            responses["201"]["content"]["application/json"]["example"],
            json!(true)
        );
        assert_eq!(
            responses["400"]["content"]["application/json"].get("example"),
            None
        );
    }
}
