//! Converts a Swagger 2.0 document into an OpenAPI 3.0.3 document, so that an SDK can be
//! generated from swaggo's `swagger.yaml` without an outside converter.
//!
//! The rules, by Swagger 2.0 field:
//!
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` become the
//!   `components` sections of the same kind, and every local `$ref` follows its target
//!   (`#/definitions/X` becomes `#/components/schemas/X`).
//! - `body` and `formData` parameters become the operation's `requestBody`. A body keeps its
//!   name in `x-codegen-request-body-name`. Form fields become one object schema, sent as
//!   `multipart/form-data` when a field has `type: file` and as
//!   `application/x-www-form-urlencoded` otherwise. OpenAPI 3.0 has no component for a
//!   single form field, and a body's media types follow each operation's `consumes`, so
//!   body and form parameters are inlined where they are used and left out of `components`.
//! - `consumes` and `produces`, per operation or else global, name the media types of request
//!   and response `content`, `application/json` when neither is given.
//! - `host`, `basePath` and `schemes` become `servers`, one per scheme in the order given.
//!   Without a host, the only server is the relative `basePath`.
//! - Other parameters move `type`, `format`, `items`, `enum`, `default` and the validation
//!   keywords into `schema`. `collectionFormat` becomes `style` and `explode`.
//! - In every schema, `x-nullable` becomes `nullable` and `type: file` becomes
//!   `type: string, format: binary`.
//! - Extensions (`x-*`) stay where they were.
//!
//! Output objects are built in a fixed key order from the input's order. With serde_json's
//! default sorted `Map` the keys print sorted, so the same input always gives the same bytes.
//! An input these rules cannot handle fails with the JSON pointer of the Swagger value.

mod operation;
mod schema;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::error::escape_pointer_segment;

/// The OpenAPI version the converter writes.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// A Swagger 2.0 value the converter cannot turn into OpenAPI 3.0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct ConvertError {
    /// The JSON pointer of the value in the Swagger document.
    pub pointer: String,
    /// The problem with the value and the fix to make.
    pub message: String,
}

type Result<T> = std::result::Result<T, ConvertError>;

/// Converts a Swagger 2.0 document into an OpenAPI 3.0.3 document.
pub fn convert(swagger: &Value) -> Result<Value> {
    let root = as_object(swagger, "#")?;
    Converter::new(root)?.document().map(Value::Object)
}

/// The document and the settings every operation falls back to.
struct Converter<'a> {
    root: &'a Map<String, Value>,
    consumes: Vec<String>,
    produces: Vec<String>,
    host: Option<&'a str>,
    base_path: Option<&'a str>,
    schemes: Vec<String>,
}

impl<'a> Converter<'a> {
    fn new(root: &'a Map<String, Value>) -> Result<Self> {
        let optional_str = |key: &str| -> Result<Option<&'a str>> {
            root.get(key)
                .map(|value| as_str(value, &child("#", key)))
                .transpose()
        };
        Ok(Self {
            root,
            consumes: media_types(root, "consumes", "#")?.unwrap_or_default(),
            produces: media_types(root, "produces", "#")?.unwrap_or_default(),
            host: optional_str("host")?,
            base_path: optional_str("basePath")?,
            schemes: string_list(root, "schemes", "#")?.unwrap_or_default(),
        })
    }

    fn document(&self) -> Result<Map<String, Value>> {
        let Some(paths) = self.root.get("paths") else {
            return Err(invalid(
                "#",
                "the `paths` field is missing, and Swagger 2.0 requires it",
            ));
        };
        let mut out = Map::new();
        out.insert("openapi".into(), OPENAPI_VERSION.into());
        for (key, value) in self.root {
            match key.as_str() {
                "info" | "tags" | "externalDocs" | "security" => {
                    out.insert(key.clone(), value.clone());
                }
                // Read by `new`, `paths` and `components`.
                "swagger"
                | "host"
                | "basePath"
                | "schemes"
                | "consumes"
                | "produces"
                | "paths"
                | "definitions"
                | "parameters"
                | "responses"
                | "securityDefinitions" => {}
                _ if is_extension(key) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => log::warn!("#/{key}: not a Swagger 2.0 field, so it is left out"),
            }
        }
        let servers = self.servers(&self.schemes);
        if !servers.is_empty() {
            out.insert("servers".into(), Value::Array(servers));
        }
        out.insert("paths".into(), Value::Object(self.paths(paths)?));
        let components = self.components()?;
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        Ok(out)
    }

    /// Builds `servers` from `host`, `basePath` and `schemes`.
    fn servers(&self, schemes: &[String]) -> Vec<Value> {
        let base_path = self.base_path.unwrap_or("");
        let Some(host) = self.host else {
            // Without a host, the API is served from the host the document came from.
            return match base_path {
                "" => Vec::new(),
                path => vec![server(path.to_owned())],
            };
        };
        // NOTE: Swagger 2.0 specifies that a document without `schemes` uses the scheme it
        // was fetched with, which a file on disk does not have, so https is assumed.
        let https = ["https".to_owned()];
        let schemes = if schemes.is_empty() { &https } else { schemes };
        schemes
            .iter()
            .map(|scheme| server(format!("{scheme}://{host}{base_path}")))
            .collect()
    }

    fn components(&self) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        if let Some(definitions) = self.root.get("definitions") {
            let pointer = "#/definitions";
            let mut schemas = Map::new();
            for (name, definition) in as_object(definitions, pointer)? {
                let converted = schema::schema(definition, &child(pointer, name))?;
                schemas.insert(name.clone(), converted);
            }
            out.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(responses) = self.root.get("responses") {
            let pointer = "#/responses";
            let mut converted = Map::new();
            for (name, response) in as_object(responses, pointer)? {
                let response = self.response(response, &child(pointer, name), &self.produces)?;
                converted.insert(name.clone(), response);
            }
            out.insert("responses".into(), Value::Object(converted));
        }
        if let Some(parameters) = self.root.get("parameters") {
            let converted = operation::component_parameters(parameters, "#/parameters")?;
            if !converted.is_empty() {
                out.insert("parameters".into(), Value::Object(converted));
            }
        }
        if let Some(definitions) = self.root.get("securityDefinitions") {
            let pointer = "#/securityDefinitions";
            let mut schemes = Map::new();
            for (name, definition) in as_object(definitions, pointer)? {
                let scheme = security_scheme(definition, &child(pointer, name))?;
                schemes.insert(name.clone(), Value::Object(scheme));
            }
            out.insert("securitySchemes".into(), Value::Object(schemes));
        }
        Ok(out)
    }
}

fn server(url: String) -> Value {
    let mut out = Map::new();
    out.insert("url".into(), url.into());
    Value::Object(out)
}

/// Converts a security definition into a security scheme.
fn security_scheme(definition: &Value, pointer: &str) -> Result<Map<String, Value>> {
    let definition = as_object(definition, pointer)?;
    let Some(ty) = definition.get("type") else {
        return Err(invalid(
            pointer,
            "the security definition has no `type`; set it to basic, apiKey or oauth2",
        ));
    };
    let type_pointer = child(pointer, "type");
    let mut out = Map::new();
    match as_str(ty, &type_pointer)? {
        "basic" => {
            out.insert("type".into(), "http".into());
            out.insert("scheme".into(), "basic".into());
        }
        "apiKey" => {
            out.insert("type".into(), "apiKey".into());
            for key in ["name", "in"] {
                if let Some(value) = definition.get(key) {
                    out.insert(key.into(), value.clone());
                }
            }
        }
        "oauth2" => {
            out.insert("type".into(), "oauth2".into());
            let flows = oauth2_flows(definition, pointer)?;
            out.insert("flows".into(), Value::Object(flows));
        }
        other => {
            return Err(invalid(
                &type_pointer,
                format!("unknown security definition type `{other}`; use basic, apiKey or oauth2"),
            ))
        }
    }
    if let Some(description) = definition.get("description") {
        out.insert("description".into(), description.clone());
    }
    copy_extensions(definition, &mut out);
    Ok(out)
}

/// Builds the one OpenAPI 3.0 flow of a Swagger 2.0 OAuth2 definition.
fn oauth2_flows(definition: &Map<String, Value>, pointer: &str) -> Result<Map<String, Value>> {
    let Some(flow) = definition.get("flow") else {
        return Err(invalid(
            pointer,
            "the oauth2 definition has no `flow`; set it to implicit, password, application or \
             accessCode",
        ));
    };
    let flow_pointer = child(pointer, "flow");
    let (name, urls): (&str, &[&str]) = match as_str(flow, &flow_pointer)? {
        "implicit" => ("implicit", &["authorizationUrl"]),
        "password" => ("password", &["tokenUrl"]),
        "application" => ("clientCredentials", &["tokenUrl"]),
        "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
        other => {
            return Err(invalid(
                &flow_pointer,
                format!(
                    "unknown oauth2 flow `{other}`; use implicit, password, application or \
                     accessCode"
                ),
            ))
        }
    };
    let mut converted = Map::new();
    for key in urls {
        if let Some(url) = definition.get(*key) {
            converted.insert((*key).into(), url.clone());
        }
    }
    let scopes = definition
        .get("scopes")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()));
    converted.insert("scopes".into(), scopes);
    let mut out = Map::new();
    out.insert(name.into(), Value::Object(converted));
    Ok(out)
}

fn invalid(pointer: &str, message: impl Into<String>) -> ConvertError {
    ConvertError {
        pointer: pointer.to_owned(),
        message: message.into(),
    }
}

/// Appends one escaped segment to a JSON pointer.
fn child(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape_pointer_segment(segment))
}

fn as_object<'v>(value: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        invalid(
            pointer,
            format!("expected an object, found {}", kind(value)),
        )
    })
}

fn as_array<'v>(value: &'v Value, pointer: &str) -> Result<&'v Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| invalid(pointer, format!("expected an array, found {}", kind(value))))
}

fn as_str<'v>(value: &'v Value, pointer: &str) -> Result<&'v str> {
    value
        .as_str()
        .ok_or_else(|| invalid(pointer, format!("expected a string, found {}", kind(value))))
}

/// Names a JSON value's type for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// Copies the extensions of `from` into `to`, except `x-nullable`, which the conversion
/// turns into `nullable`.
fn copy_extensions(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    for (key, value) in from {
        if is_extension(key) && key != "x-nullable" {
            to.insert(key.clone(), value.clone());
        }
    }
}

/// Reads a list of strings such as `schemes`.
fn string_list(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<Option<Vec<String>>> {
    let Some(value) = object.get(key) else {
        return Ok(None);
    };
    let list_pointer = child(pointer, key);
    let mut out = Vec::new();
    for (index, item) in as_array(value, &list_pointer)?.iter().enumerate() {
        out.push(as_str(item, &format!("{list_pointer}/{index}"))?.to_owned());
    }
    Ok(Some(out))
}

/// Reads `consumes` or `produces`, treating an empty list as not given.
fn media_types(
    object: &Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<Option<Vec<String>>> {
    Ok(string_list(object, key, pointer)?.filter(|list| !list.is_empty()))
}
