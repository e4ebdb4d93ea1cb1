//! Builds JSON values that the spec's schemas accept: the smallest one for request bodies
//! and parameters, and a full one, with every property, for response examples.
//!
//! A schema's `example` is used as written, and else the first `enum` value. Otherwise the
//! value follows the type. An object gets its required properties, or all of them for a
//! full value. An array gets `minItems` items, or at least one for a full value. A string
//! gets `minLength` to `maxLength` characters in its `format`, and a number is the one in
//! `minimum` to `maximum` closest to zero.
//!
//! Keywords these rules cannot satisfy (`pattern`, `multipleOf`, `uniqueItems` with several
//! items, `oneOf`, `anyOf`, `not`) fail with the schema's JSON pointer instead of producing
//! a value Prism would reject.

use serde_json::{json, Map, Value};

/// How deep `$ref`s may nest before the schema is taken to be a required cycle, which no
/// finite value satisfies.
const MAX_DEPTH: usize = 64;

/// How many objects deep a full value sets optional properties. Deeper objects get only
/// their required ones, which keeps full values of the large response schemas small.
const FULL_OBJECT_DEPTH: usize = 4;

/// The text of every plain string value.
const TEXT: &str = "prism";

/// Builds values from the schemas of one spec.
pub struct Values<'a> {
    root: &'a Value,
}

impl<'a> Values<'a> {
    /// Reads schemas and `$ref` targets from `root`, the whole spec as JSON.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// Returns the smallest value `schema` accepts; `pointer` names the schema in errors.
    pub fn minimal(&self, schema: &Value, pointer: &str) -> Result<Value, String> {
        self.build(schema, pointer, &mut Walk::new(Shape::Minimal))
    }

    /// Returns a value for a parameter: like [`Values::minimal`], except that an array gets
    /// at least one item, so that the request exercises the SDK's encoding of the items.
    pub fn parameter(&self, schema: &Value, pointer: &str) -> Result<Value, String> {
        self.build(schema, pointer, &mut Walk::new(Shape::Parameter))
    }

    /// Returns a value with every property and one item in each array, down to
    /// [`FULL_OBJECT_DEPTH`] objects. An optional property whose `$ref` leads back to a
    /// schema being built is left out, so cycles end.
    pub fn full(&self, schema: &Value, pointer: &str) -> Result<Value, String> {
        self.build(schema, pointer, &mut Walk::new(Shape::Full))
    }

    fn build(&self, schema: &Value, pointer: &str, walk: &mut Walk) -> Result<Value, String> {
        let depth = walk.refs.len();
        if depth > MAX_DEPTH {
            return Err(format!(
                "{pointer}: more than {MAX_DEPTH} nested schemas; a required $ref cycle has no \
                 finite value"
            ));
        }
        let Some(object) = schema.as_object() else {
            return Err(format!("{pointer}: schema is not an object"));
        };
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            let target = self.resolve(reference, pointer)?;
            walk.refs.push(reference.to_owned());
            let value = self.build(target, reference, walk);
            walk.refs.pop();
            return value;
        }
        if let Some(example) = object.get("example") {
            return Ok(example.clone());
        }
        if let Some(first) = object
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return Ok(first.clone());
        }
        for keyword in ["oneOf", "anyOf", "not", "pattern", "multipleOf"] {
            if object.contains_key(keyword) {
                return Err(format!(
                    "{pointer}: `{keyword}` is not supported by the value builder"
                ));
            }
        }
        if let Some(all_of) = object.get("allOf").and_then(Value::as_array) {
            return match all_of.as_slice() {
                [only] => self.build(only, &format!("{pointer}/allOf/0"), walk),
                _ => Err(format!(
                    "{pointer}: `allOf` with several schemas is not supported by the value \
                     builder"
                )),
            };
        }
        let declared = object.get("type").and_then(Value::as_str);
        let is_object =
            declared == Some("object") || (declared.is_none() && object.contains_key("properties"));
        if is_object {
            walk.objects += 1;
            let value = self.object(object, pointer, walk);
            walk.objects -= 1;
            return value;
        }
        match declared {
            Some("array") => self.array(object, pointer, walk),
            Some("string") => string(object, pointer),
            Some("integer") => Ok(json!(integer(object))),
            Some("number") => Ok(json!(number(object))),
            Some("boolean") => Ok(json!(false)),
            // A schema without a type accepts any value.
            None => Ok(json!({})),
            Some(other) => Err(format!("{pointer}: unknown schema type `{other}`")),
        }
    }

    fn resolve(&self, reference: &str, pointer: &str) -> Result<&'a Value, String> {
        reference
            .strip_prefix('#')
            .and_then(|path| self.root.pointer(path))
            .ok_or_else(|| format!("{pointer}: $ref `{reference}` does not resolve"))
    }

    fn object(
        &self,
        object: &Map<String, Value>,
        pointer: &str,
        walk: &mut Walk,
    ) -> Result<Value, String> {
        let empty = Map::new();
        let properties = object
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = object
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        for name in &required {
            if !properties.contains_key(*name) {
                return Err(format!(
                    "{pointer}: required property `{name}` is not declared under `properties`"
                ));
            }
        }
        let all = walk.shape == Shape::Full && walk.objects <= FULL_OBJECT_DEPTH;
        for (name, property) in properties {
            let is_required = required.contains(&name.as_str());
            if !is_required && (!all || walk.closes_cycle(property)) {
                continue;
            }
            let property_pointer = format!("{pointer}/properties/{}", escape(name));
            let value =
                self.with_shape(walk, |walk| self.build(property, &property_pointer, walk))?;
            out.insert(name.clone(), value);
        }
        let additional = object.get("additionalProperties").filter(|a| a.is_object());
        if let (Some(additional), true) = (additional, all && properties.is_empty()) {
            let entry_pointer = format!("{pointer}/additionalProperties");
            let value = self.build(additional, &entry_pointer, walk)?;
            out.insert("key".to_owned(), value);
        }
        Ok(Value::Object(out))
    }

    /// Runs `build` for a property, whose arrays follow the body's rules and not those of
    /// a parameter.
    fn with_shape(
        &self,
        walk: &mut Walk,
        build: impl FnOnce(&mut Walk) -> Result<Value, String>,
    ) -> Result<Value, String> {
        let shape = walk.shape;
        if shape == Shape::Parameter {
            walk.shape = Shape::Minimal;
        }
        let value = build(walk);
        walk.shape = shape;
        value
    }

    fn array(
        &self,
        object: &Map<String, Value>,
        pointer: &str,
        walk: &mut Walk,
    ) -> Result<Value, String> {
        let at_least = match walk.shape {
            Shape::Minimal => 0,
            Shape::Parameter | Shape::Full => 1,
        };
        let min_items = object.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let count = min_items.max(at_least);
        if count > 1 && object.get("uniqueItems") == Some(&Value::Bool(true)) {
            return Err(format!(
                "{pointer}: `uniqueItems` with {count} items is not supported by the value \
                 builder"
            ));
        }
        if count == 0 {
            return Ok(json!([]));
        }
        let Some(items) = object.get("items") else {
            return Ok(Value::Array(vec![json!({}); count as usize]));
        };
        if min_items == 0 && walk.shape == Shape::Full && walk.closes_cycle(items) {
            // An empty array ends the cycle and is valid without `minItems`.
            return Ok(json!([]));
        }
        let item = self.with_shape(walk, |walk| {
            self.build(items, &format!("{pointer}/items"), walk)
        })?;
        Ok(Value::Array(vec![item; count as usize]))
    }
}

/// Which kind of value [`Values`] builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Minimal,
    Parameter,
    Full,
}

/// The state of one build: the `$ref`s being expanded and how many objects deep it is.
struct Walk {
    shape: Shape,
    refs: Vec<String>,
    objects: usize,
}

impl Walk {
    fn new(shape: Shape) -> Self {
        Walk {
            shape,
            refs: Vec::new(),
            objects: 0,
        }
    }

    /// Reports whether `schema` is a `$ref` to a schema that is already being built.
    fn closes_cycle(&self, schema: &Value) -> bool {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .is_some_and(|target| self.refs.iter().any(|r| r == target))
    }
}

/// Returns [`TEXT`], padded or cut to the length bounds, or a fixed value of the format.
fn string(object: &Map<String, Value>, pointer: &str) -> Result<Value, String> {
    let fixed = match object.get("format").and_then(Value::as_str) {
        Some("date-time") => Some("2026-01-02T03:04:05Z"),
        Some("date") => Some("2026-01-02"),
        Some("uuid") => Some("0b6c5d2e-8f0a-4c1e-9d3b-2a7f6e5c4b3a"),
        Some("email") => Some("prism@example.com"),
        _ => None,
    };
    let min = object.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = object.get("maxLength").and_then(Value::as_u64);
    if let Some(fixed) = fixed {
        let length = fixed.chars().count();
        if length < min || max.is_some_and(|max| length as u64 > max) {
            return Err(format!(
                "{pointer}: the fixed {length}-character value of the format does not fit \
                 `minLength`/`maxLength`"
            ));
        }
        return Ok(json!(fixed));
    }
    let mut text = TEXT.to_owned();
    while text.len() < min {
        text.push('x');
    }
    if let Some(max) = max {
        text.truncate(max as usize);
    }
    Ok(json!(text))
}

/// Returns the integer closest to zero within `minimum` and `maximum`, each inclusive unless
/// OpenAPI 3.0's boolean `exclusiveMinimum` or `exclusiveMaximum` is true.
fn integer(object: &Map<String, Value>) -> i64 {
    let exclusive = |key| object.get(key) == Some(&Value::Bool(true));
    let minimum = object.get("minimum").and_then(Value::as_f64).map(|m| {
        if exclusive("exclusiveMinimum") {
            m.floor() as i64 + 1
        } else {
            m.ceil() as i64
        }
    });
    let maximum = object.get("maximum").and_then(Value::as_f64).map(|m| {
        if exclusive("exclusiveMaximum") {
            m.ceil() as i64 - 1
        } else {
            m.floor() as i64
        }
    });
    let mut value = 0;
    if let Some(minimum) = minimum {
        value = value.max(minimum);
    }
    if let Some(maximum) = maximum {
        value = value.min(maximum);
    }
    value
}

/// Returns the number closest to zero within `minimum` and `maximum`. An exclusive bound is
/// moved inward by one.
fn number(object: &Map<String, Value>) -> f64 {
    let exclusive = |key| object.get(key) == Some(&Value::Bool(true));
    let mut value = 0.0_f64;
    if let Some(minimum) = object.get("minimum").and_then(Value::as_f64) {
        let bound = if exclusive("exclusiveMinimum") {
            minimum + 1.0
        } else {
            minimum
        };
        value = value.max(bound);
    }
    if let Some(maximum) = object.get("maximum").and_then(Value::as_f64) {
        let bound = if exclusive("exclusiveMaximum") {
            maximum - 1.0
        } else {
            maximum
        };
        value = value.min(bound);
    }
    value
}

/// Escapes a JSON pointer segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(schema: Value, expected: Value) {
        let root = json!({
            "components": { "schemas": { "Name": { "type": "string", "minLength": 8 } } }
        });
        let values = Values::new(&root);
        assert_eq!(
            values.minimal(&schema, "#/test").unwrap(),
            expected,
            "{schema}"
        );
    }

    #[test]
    fn minimal_values() {
        check(json!({"type": "string"}), json!("prism"));
        check(json!({"type": "string", "maxLength": 2}), json!("pr"));
        check(
            json!({"type": "string", "format": "date-time"}),
            json!("2026-01-02T03:04:05Z"),
        );
        check(
            json!({"type": "string", "format": "date"}),
            json!("2026-01-02"),
        );
        check(
            json!({"type": "string", "format": "email"}),
            json!("prism@example.com"),
        );
        check(json!({"type": "string", "enum": ["b", "a"]}), json!("b"));
        check(
            json!({"type": "string", "example": "given"}),
            json!("given"),
        );
        check(
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
            json!(1),
        );
        check(json!({"type": "integer", "maximum": -3}), json!(-3));
        check(
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true}),
            json!(1),
        );
        check(json!({"type": "number", "minimum": 0.5}), json!(0.5));
        check(json!({"type": "boolean"}), json!(false));
        check(
            json!({"type": "array", "items": {"type": "integer"}}),
            json!([]),
        );
        check(
            json!({"type": "array", "minItems": 2, "items": {"type": "boolean"}}),
            json!([false, false]),
        );
        check(
            json!({
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"$ref": "#/components/schemas/Name"},
                    "note": {"type": "string"}
                }
            }),
            json!({"name": "prismxxx"}),
        );
        check(json!({}), json!({}));
    }

    #[test]
    fn parameter_arrays_get_one_item() {
        let root = json!({});
        let values = Values::new(&root);
        let schema = json!({"type": "array", "items": {"type": "string"}});
        assert_eq!(values.parameter(&schema, "#/p").unwrap(), json!(["prism"]));
    }

    #[test]
    fn full_values_set_every_property() {
        let root = json!({
            "components": { "schemas": { "Node": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "parent": {"$ref": "#/components/schemas/Node"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "integer"}}
                }
            } } }
        });
        let values = Values::new(&root);
        let value = values
            .full(&json!({"$ref": "#/components/schemas/Node"}), "#/response")
            .unwrap();
        assert_eq!(
            value,
            json!({"id": "prism", "children": [], "labels": {"key": 0}}),
            "the cycles through `parent` and `children` end at once"
        );
    }

    #[test]
    fn full_values_stop_at_object_depth() {
        let mut schema = json!({"type": "string"});
        for _ in 0..FULL_OBJECT_DEPTH + 1 {
            schema = json!({"type": "object", "properties": {"inner": schema}});
        }
        let root = json!({});
        let value = Values::new(&root).full(&schema, "#/deep").unwrap();
        let mut expected = json!({});
        for _ in 0..FULL_OBJECT_DEPTH {
            expected = json!({"inner": expected});
        }
        assert_eq!(value, expected);
    }

    #[test]
    fn unsupported_keyword_names_pointer() {
        let root = json!({});
        let values = Values::new(&root);
        let schema = json!({"type": "string", "pattern": "^a+$"});
        let error = values
            .minimal(&schema, "#/components/schemas/Code")
            .unwrap_err();
        assert_eq!(
            error,
            "#/components/schemas/Code: `pattern` is not supported by the value builder"
        );
    }

    #[test]
    fn required_cycle_fails() {
        let root = json!({
            "components": { "schemas": { "Node": {
                "type": "object",
                "required": ["next"],
                "properties": { "next": {"$ref": "#/components/schemas/Node"} }
            } } }
        });
        let values = Values::new(&root);
        let error = values
            .minimal(&json!({"$ref": "#/components/schemas/Node"}), "#/body")
            .unwrap_err();
        assert!(error.contains("required $ref cycle"), "{error}");
    }
}
