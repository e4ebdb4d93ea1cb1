//! Converts schemas, and the schema-like keywords of parameters and headers.

use serde_json::{Map, Value};

use super::{as_array, as_object, as_str, child, copy_extensions, invalid, kind, Result};

/// Converts a schema object and every schema inside it.
pub(super) fn schema(value: &Value, pointer: &str) -> Result<Value> {
    let object = as_object(value, pointer)?;
    let is_file = object.get("type").and_then(Value::as_str) == Some("file");
    let mut out = Map::new();
    for (key, value) in object {
        let key_pointer = child(pointer, key);
        match key.as_str() {
            "$ref" => {
                let reference = as_str(value, &key_pointer)?;
                let reference = rewrite_ref(reference, "#/definitions/", "#/components/schemas/");
                out.insert(key.clone(), reference.into());
            }
            "x-nullable" => {
                out.insert("nullable".into(), nullable(value, &key_pointer)?.into());
            }
            "type" if is_file => {
                out.insert("type".into(), "string".into());
                out.insert("format".into(), "binary".into());
            }
            "format" if is_file => {}
            "properties" => {
                let mut properties = Map::new();
                for (name, property) in as_object(value, &key_pointer)? {
                    let converted = schema(property, &child(&key_pointer, name))?;
                    properties.insert(name.clone(), converted);
                }
                out.insert(key.clone(), Value::Object(properties));
            }
            "additionalProperties" if value.is_boolean() => {
                out.insert(key.clone(), value.clone());
            }
            "additionalProperties" | "items" | "not" => {
                if value.is_array() {
                    return Err(invalid(
                        &key_pointer,
                        "a list of schemas has no OpenAPI 3.0 equivalent here; give one schema",
                    ));
                }
                out.insert(key.clone(), schema(value, &key_pointer)?);
            }
            "allOf" | "anyOf" | "oneOf" => {
                let mut schemas = Vec::new();
                for (index, item) in as_array(value, &key_pointer)?.iter().enumerate() {
                    schemas.push(schema(item, &format!("{key_pointer}/{index}"))?);
                }
                out.insert(key.clone(), Value::Array(schemas));
            }
            "discriminator" => {
                let mut discriminator = Map::new();
                let property = as_str(value, &key_pointer)?;
                discriminator.insert("propertyName".into(), property.into());
                out.insert(key.clone(), Value::Object(discriminator));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(Value::Object(out))
}

fn nullable(value: &Value, pointer: &str) -> Result<bool> {
    value.as_bool().ok_or_else(|| {
        invalid(
            pointer,
            format!("expected a boolean, found {}", kind(value)),
        )
    })
}

/// Replaces the `from` prefix of a local reference. References into other files stay as
/// written, and lowering reports them as unresolved.
pub(super) fn rewrite_ref(reference: &str, from: &str, to: &str) -> String {
    match reference.strip_prefix(from) {
        Some(rest) => format!("{to}{rest}"),
        None => reference.to_owned(),
    }
}

/// Keywords a Swagger 2.0 parameter, items or header object shares with a schema, besides
/// `type` and `items`.
const VALUE_KEYWORDS: &[&str] = &[
    "format",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Builds the schema of a parameter, items or header object from its keywords.
pub(super) fn value_schema(
    value: &Map<String, Value>,
    pointer: &str,
) -> Result<Map<String, Value>> {
    let Some(ty) = value.get("type") else {
        return Err(invalid(
            pointer,
            "no `type`, which Swagger 2.0 requires outside body parameters",
        ));
    };
    let ty = as_str(ty, &child(pointer, "type"))?;
    let mut out = Map::new();
    if ty == "file" {
        out.insert("type".into(), "string".into());
        out.insert("format".into(), "binary".into());
    } else {
        out.insert("type".into(), ty.into());
    }
    for key in VALUE_KEYWORDS {
        let Some(keyword) = value.get(*key) else {
            continue;
        };
        if *key != "format" || ty != "file" {
            out.insert((*key).into(), keyword.clone());
        }
    }
    if let Some(value) = value.get("x-nullable") {
        out.insert(
            "nullable".into(),
            nullable(value, &child(pointer, "x-nullable"))?.into(),
        );
    }
    if let Some(items) = value.get("items") {
        let items_pointer = child(pointer, "items");
        let items = as_object(items, &items_pointer)?;
        if let Some(format) = items.get("collectionFormat") {
            log::warn!(
                "{items_pointer}: collectionFormat {format} of a nested array has no OpenAPI \
                 3.0 equivalent, so it is left out"
            );
        }
        let mut converted = value_schema(items, &items_pointer)?;
        copy_extensions(items, &mut converted);
        out.insert("items".into(), Value::Object(converted));
    }
    Ok(out)
}

/// Translates `collectionFormat` into `style` and `explode` for a parameter in `location`.
/// An array without one uses `csv`, which is what Swagger 2.0 assumes. Returns `None` when
/// OpenAPI 3.0's default for the location already means the same.
pub(super) fn collection_style(
    parameter: &Map<String, Value>,
    pointer: &str,
    location: &str,
) -> Result<Option<Map<String, Value>>> {
    let format_pointer = child(pointer, "collectionFormat");
    let format = match parameter.get("collectionFormat") {
        Some(format) => as_str(format, &format_pointer)?,
        None if parameter.get("type").and_then(Value::as_str) == Some("array") => "csv",
        None => return Ok(None),
    };
    let (style, explode) = match (location, format) {
        // Path and header values use `style: simple`, which is comma-separated.
        ("path" | "header", "csv") => return Ok(None),
        ("query" | "formData", "csv") => ("form", false),
        ("query" | "formData", "multi") => ("form", true),
        ("query" | "formData", "ssv") => ("spaceDelimited", false),
        ("query" | "formData", "pipes") => ("pipeDelimited", false),
        ("query" | "formData", "tsv") => {
            return Err(invalid(
                &format_pointer,
                "collectionFormat `tsv` has no OpenAPI 3.0 equivalent; use csv, multi, ssv or \
                 pipes",
            ))
        }
        (_, "multi" | "ssv" | "pipes" | "tsv") => {
            return Err(invalid(
                &format_pointer,
                format!(
                    "collectionFormat `{format}` has no OpenAPI 3.0 equivalent in a {location}; \
                     use csv"
                ),
            ))
        }
        (_, other) => {
            return Err(invalid(
                &format_pointer,
                format!("unknown collectionFormat `{other}`; use csv, ssv, tsv, pipes or multi"),
            ))
        }
    };
    let mut out = Map::new();
    out.insert("style".into(), style.into());
    out.insert("explode".into(), explode.into());
    Ok(Some(out))
}

/// Converts a response header.
pub(super) fn header(header: &Value, pointer: &str) -> Result<Map<String, Value>> {
    let header = as_object(header, pointer)?;
    let mut out = Map::new();
    if let Some(description) = header.get("description") {
        out.insert("description".into(), description.clone());
    }
    // Validates `collectionFormat`: a header's only style is the default, comma-separated one.
    collection_style(header, pointer, "header")?;
    let header_schema = value_schema(header, pointer)?;
    out.insert("schema".into(), Value::Object(header_schema));
    copy_extensions(header, &mut out);
    Ok(out)
}
