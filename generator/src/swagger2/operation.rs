//! Converts paths, operations, parameters, request bodies and responses.

use serde_json::{Map, Value};

use super::schema::{collection_style, header, rewrite_ref, schema, value_schema};
use super::{
    as_array, as_object, as_str, child, copy_extensions, invalid, is_extension, kind, media_types,
    string_list, Converter, Result,
};

/// The media type assumed when neither the operation nor the document names one.
const DEFAULT_MEDIA_TYPE: &str = "application/json";
const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// HTTP methods a Swagger 2.0 path item can have.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

impl Converter<'_> {
    pub(super) fn paths(&self, paths: &Value) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        for (path, item) in as_object(paths, "#/paths")? {
            let pointer = child("#/paths", path);
            let item = as_object(item, &pointer)?;
            out.insert(path.clone(), Value::Object(self.path_item(item, &pointer)?));
        }
        Ok(out)
    }

    fn path_item(&self, item: &Map<String, Value>, pointer: &str) -> Result<Map<String, Value>> {
        let shared = match item.get("parameters") {
            Some(list) => self.parameters(list, &child(pointer, "parameters"))?,
            None => Parameters::default(),
        };
        let mut out = Map::new();
        for (key, value) in item {
            let key_pointer = child(pointer, key);
            match key.as_str() {
                method if METHODS.contains(&method) => {
                    let operation = self.operation(value, &key_pointer, &shared)?;
                    out.insert(key.clone(), Value::Object(operation));
                }
                "parameters" if !shared.plain.is_empty() => {
                    out.insert(key.clone(), Value::Array(shared.plain.clone()));
                }
                "parameters" => {}
                // NOTE: a path item `$ref` names another file, which is not read, so it is
                // kept as written and lowering reports it as unsupported.
                "$ref" => {
                    out.insert(key.clone(), value.clone());
                }
                _ if is_extension(key) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => log::warn!(
                    "{key_pointer}: not a Swagger 2.0 path item field, so it is left out"
                ),
            }
        }
        Ok(out)
    }

    fn operation(
        &self,
        operation: &Value,
        pointer: &str,
        shared: &Parameters,
    ) -> Result<Map<String, Value>> {
        let operation = as_object(operation, pointer)?;
        let consumes =
            media_types(operation, "consumes", pointer)?.unwrap_or_else(|| self.consumes.clone());
        let produces =
            media_types(operation, "produces", pointer)?.unwrap_or_else(|| self.produces.clone());
        let own = match operation.get("parameters") {
            Some(list) => self.parameters(list, &child(pointer, "parameters"))?,
            None => Parameters::default(),
        };
        let body = own.body.as_ref().or(shared.body.as_ref());
        let form = merge_form(&shared.form, &own.form);
        if let (Some(body), Some(field)) = (body, form.first()) {
            return Err(invalid(
                &field.pointer,
                format!(
                    "form parameter `{}` and body parameter `{}` are both given, but an \
                     operation takes one or the other; remove one of them",
                    field.name, body.name
                ),
            ));
        }

        let mut out = Map::new();
        for (key, value) in operation {
            let key_pointer = child(pointer, key);
            match key.as_str() {
                "tags" | "summary" | "description" | "externalDocs" | "operationId"
                | "deprecated" | "security" => {
                    out.insert(key.clone(), value.clone());
                }
                "parameters" if !own.plain.is_empty() => {
                    out.insert(key.clone(), Value::Array(own.plain.clone()));
                }
                "responses" => {
                    let responses = self.responses(value, &key_pointer, &produces)?;
                    out.insert(key.clone(), Value::Object(responses));
                }
                "schemes" => {
                    let schemes = string_list(operation, key, pointer)?.unwrap_or_default();
                    // Without a host every scheme gives the same relative server.
                    if self.host.is_some() && schemes != self.schemes {
                        out.insert("servers".into(), Value::Array(self.servers(&schemes)));
                    }
                }
                // Read above, before the loop.
                "parameters" | "consumes" | "produces" => {}
                _ if is_extension(key) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => log::warn!(
                    "{key_pointer}: not a Swagger 2.0 operation field, so it is left out"
                ),
            }
        }
        if let Some(body) = body {
            out.insert("requestBody".into(), body.request_body(&consumes));
            out.insert(
                "x-codegen-request-body-name".into(),
                body.name.clone().into(),
            );
        } else if !form.is_empty() {
            out.insert("requestBody".into(), form_body(&form, &consumes));
        }
        Ok(out)
    }

    /// Sorts a parameter list into plain parameters, the body and the form fields, resolving
    /// references to body and form parameters.
    fn parameters(&self, list: &Value, pointer: &str) -> Result<Parameters> {
        let mut out = Parameters::default();
        for (index, entry) in as_array(list, pointer)?.iter().enumerate() {
            let entry_pointer = format!("{pointer}/{index}");
            let entry = as_object(entry, &entry_pointer)?;
            let (parameter, parameter_pointer, key) = match entry.get("$ref") {
                Some(reference) => {
                    let reference = as_str(reference, &child(&entry_pointer, "$ref"))?;
                    let (key, target) = self.parameter_target(reference, &entry_pointer)?;
                    (target, child("#/parameters", &key), Some(key))
                }
                None => (entry, entry_pointer.clone(), None),
            };
            match location(parameter, &parameter_pointer)? {
                "body" => {
                    if let Some(first) = &out.body {
                        return Err(invalid(
                            &entry_pointer,
                            format!(
                                "a second body parameter, but `{}` is already the body; an \
                                 operation takes at most one",
                                first.name
                            ),
                        ));
                    }
                    out.body = Some(BodyParameter::new(parameter, &parameter_pointer)?);
                }
                "formData" => out
                    .form
                    .push(FormField::new(parameter, &parameter_pointer)?),
                _ => out.plain.push(match key {
                    Some(key) => reference_to(&format!("#/components/parameters/{key}")),
                    None => Value::Object(plain_parameter(parameter, &parameter_pointer)?),
                }),
            }
        }
        Ok(out)
    }

    /// Resolves a parameter `$ref`, which Swagger 2.0 allows only into `#/parameters`, to
    /// the parameter's name there and its value.
    fn parameter_target(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(String, &Map<String, Value>)> {
        let Some(escaped) = reference.strip_prefix("#/parameters/") else {
            return Err(invalid(
                pointer,
                format!(
                    "$ref `{reference}` is not a local parameter reference; only \
                     `#/parameters/NAME` is supported"
                ),
            ));
        };
        let key = escaped.replace("~1", "/").replace("~0", "~");
        let target = self
            .root
            .get("parameters")
            .and_then(|parameters| parameters.get(&key));
        match target {
            Some(target) => {
                let target = as_object(target, &child("#/parameters", &key))?;
                Ok((escaped.to_owned(), target))
            }
            None => Err(invalid(
                pointer,
                format!(
                    "$ref `{reference}` does not resolve; define it under `parameters` or fix \
                     the reference"
                ),
            )),
        }
    }

    fn responses(
        &self,
        responses: &Value,
        pointer: &str,
        produces: &[String],
    ) -> Result<Map<String, Value>> {
        let mut out = Map::new();
        for (status, response) in as_object(responses, pointer)? {
            let converted = if is_extension(status) {
                response.clone()
            } else {
                self.response(response, &child(pointer, status), produces)?
            };
            out.insert(status.clone(), converted);
        }
        Ok(out)
    }

    /// Converts a response, giving its schema and examples one `content` entry per media
    /// type of `produces`.
    pub(super) fn response(
        &self,
        response: &Value,
        pointer: &str,
        produces: &[String],
    ) -> Result<Value> {
        let response = as_object(response, pointer)?;
        if let Some(reference) = response.get("$ref") {
            let reference = as_str(reference, &child(pointer, "$ref"))?;
            let target = rewrite_ref(reference, "#/responses/", "#/components/responses/");
            return Ok(reference_to(&target));
        }
        let converted_schema = response
            .get("schema")
            .map(|value| schema(value, &child(pointer, "schema")))
            .transpose()?;
        let mut content = Map::new();
        if let Some(converted_schema) = &converted_schema {
            for media_type in or_default(produces) {
                let mut media = Map::new();
                media.insert("schema".into(), converted_schema.clone());
                content.insert(media_type, Value::Object(media));
            }
        }
        if let Some(examples) = response.get("examples") {
            for (media_type, example) in as_object(examples, &child(pointer, "examples"))? {
                // An example of a media type `produces` does not list still shows that the
                // response can have it, so it gets an entry of its own.
                let media = content.entry(media_type.clone()).or_insert_with(|| {
                    let mut media = Map::new();
                    if let Some(converted_schema) = &converted_schema {
                        media.insert("schema".into(), converted_schema.clone());
                    }
                    Value::Object(media)
                });
                if let Value::Object(media) = media {
                    media.insert("example".into(), example.clone());
                }
            }
        }

        let mut out = Map::new();
        for (key, value) in response {
            let key_pointer = child(pointer, key);
            match key.as_str() {
                "description" => {
                    out.insert(key.clone(), value.clone());
                }
                "headers" => {
                    let mut headers = Map::new();
                    for (name, value) in as_object(value, &key_pointer)? {
                        let converted = header(value, &child(&key_pointer, name))?;
                        headers.insert(name.clone(), Value::Object(converted));
                    }
                    out.insert(key.clone(), Value::Object(headers));
                }
                // Read above, into `content`.
                "schema" | "examples" => {}
                _ if is_extension(key) => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {
                    log::warn!("{key_pointer}: not a Swagger 2.0 response field, so it is left out")
                }
            }
        }
        if !content.is_empty() {
            out.insert("content".into(), Value::Object(content));
        }
        Ok(Value::Object(out))
    }
}

/// Converts the document's `parameters` into `components/parameters`. Body and form
/// parameters are inlined where they are used instead, so they are skipped here.
pub(super) fn component_parameters(
    parameters: &Value,
    pointer: &str,
) -> Result<Map<String, Value>> {
    let mut out = Map::new();
    for (name, parameter) in as_object(parameters, pointer)? {
        let parameter_pointer = child(pointer, name);
        let parameter = as_object(parameter, &parameter_pointer)?;
        match location(parameter, &parameter_pointer)? {
            "body" | "formData" => {
                log::debug!("{parameter_pointer}: inlined where used, not kept as a component")
            }
            _ => {
                let converted = plain_parameter(parameter, &parameter_pointer)?;
                out.insert(name.clone(), Value::Object(converted));
            }
        }
    }
    Ok(out)
}

fn reference_to(target: &str) -> Value {
    let mut out = Map::new();
    out.insert("$ref".into(), target.into());
    Value::Object(out)
}

/// The parameters of a path item or an operation, sorted by where OpenAPI 3.0 puts them.
#[derive(Default)]
struct Parameters {
    /// Path, query and header parameters, converted.
    plain: Vec<Value>,
    body: Option<BodyParameter>,
    form: Vec<FormField>,
}

/// A `body` parameter, kept until the operation's `consumes` is known.
struct BodyParameter {
    name: String,
    description: Option<Value>,
    required: bool,
    schema: Value,
    extensions: Map<String, Value>,
}

impl BodyParameter {
    fn new(parameter: &Map<String, Value>, pointer: &str) -> Result<Self> {
        let name = parameter_name(parameter, pointer)?;
        let Some(body_schema) = parameter.get("schema") else {
            return Err(invalid(
                pointer,
                format!("body parameter `{name}` has no `schema`; describe the body with one"),
            ));
        };
        let mut extensions = Map::new();
        copy_extensions(parameter, &mut extensions);
        Ok(Self {
            name: name.to_owned(),
            description: parameter.get("description").cloned(),
            required: is_required(parameter, pointer)?,
            schema: schema(body_schema, &child(pointer, "schema"))?,
            extensions,
        })
    }

    /// Builds the request body, with the body's extensions on it.
    fn request_body(&self, consumes: &[String]) -> Value {
        let mut content = Map::new();
        for media_type in or_default(consumes) {
            let mut media = Map::new();
            media.insert("schema".into(), self.schema.clone());
            content.insert(media_type, Value::Object(media));
        }
        let mut out = Map::new();
        if let Some(description) = &self.description {
            out.insert("description".into(), description.clone());
        }
        out.insert("content".into(), Value::Object(content));
        if self.required {
            out.insert("required".into(), true.into());
        }
        out.extend(self.extensions.clone());
        Value::Object(out)
    }
}

/// A `formData` parameter: one property of the form's object schema.
#[derive(Clone)]
struct FormField {
    name: String,
    pointer: String,
    required: bool,
    is_file: bool,
    /// The property's schema, with the parameter's description and extensions.
    schema: Map<String, Value>,
    /// `style` and `explode` from `collectionFormat`, for the form's `encoding`.
    encoding: Option<Map<String, Value>>,
}

impl FormField {
    fn new(parameter: &Map<String, Value>, pointer: &str) -> Result<Self> {
        let name = parameter_name(parameter, pointer)?;
        let mut schema = value_schema(parameter, pointer)?;
        if let Some(description) = parameter.get("description") {
            schema.insert("description".into(), description.clone());
        }
        copy_extensions(parameter, &mut schema);
        Ok(Self {
            name: name.to_owned(),
            pointer: pointer.to_owned(),
            required: is_required(parameter, pointer)?,
            is_file: parameter.get("type").and_then(Value::as_str) == Some("file"),
            encoding: collection_style(parameter, pointer, "formData")?,
            schema,
        })
    }
}

/// Lets an operation's form fields replace the path item's fields of the same name.
fn merge_form(shared: &[FormField], own: &[FormField]) -> Vec<FormField> {
    let mut out: Vec<FormField> = shared
        .iter()
        .filter(|field| own.iter().all(|o| o.name != field.name))
        .cloned()
        .collect();
    out.extend(own.iter().cloned());
    out
}

/// Builds the request body of form fields: one object schema under each form media type of
/// `consumes`. When `consumes` names none, a form with a file is multipart and any other
/// form is URL-encoded.
fn form_body(fields: &[FormField], consumes: &[String]) -> Value {
    let has_file = fields.iter().any(|field| field.is_file);
    let mut media_types: Vec<&str> = consumes
        .iter()
        .map(String::as_str)
        .filter(|media_type| {
            let base = media_type.split(';').next().unwrap_or("").trim();
            // A URL-encoded form cannot carry a file.
            base == MULTIPART || (base == FORM_URLENCODED && !has_file)
        })
        .collect();
    if media_types.is_empty() {
        media_types.push(if has_file { MULTIPART } else { FORM_URLENCODED });
    }

    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut encoding = Map::new();
    for field in fields {
        properties.insert(field.name.clone(), Value::Object(field.schema.clone()));
        if field.required {
            required.push(Value::from(field.name.clone()));
        }
        if let Some(style) = &field.encoding {
            encoding.insert(field.name.clone(), Value::Object(style.clone()));
        }
    }
    let mut form_schema = Map::new();
    form_schema.insert("type".into(), "object".into());
    form_schema.insert("properties".into(), Value::Object(properties));
    let any_required = !required.is_empty();
    if any_required {
        form_schema.insert("required".into(), Value::Array(required));
    }

    let mut content = Map::new();
    for media_type in media_types {
        let mut media = Map::new();
        media.insert("schema".into(), Value::Object(form_schema.clone()));
        if !encoding.is_empty() {
            media.insert("encoding".into(), Value::Object(encoding.clone()));
        }
        content.insert(media_type.to_owned(), Value::Object(media));
    }
    let mut out = Map::new();
    out.insert("content".into(), Value::Object(content));
    if any_required {
        out.insert("required".into(), true.into());
    }
    Value::Object(out)
}

/// Converts a path, query or header parameter. Its extensions go on both the parameter and
/// its schema, because a Swagger 2.0 parameter carries its schema's keywords itself and
/// extensions such as `x-enum-varnames` describe the value.
fn plain_parameter(parameter: &Map<String, Value>, pointer: &str) -> Result<Map<String, Value>> {
    let name = parameter_name(parameter, pointer)?;
    let location = location(parameter, pointer)?;
    let mut out = Map::new();
    out.insert("name".into(), name.into());
    out.insert("in".into(), location.into());
    for key in ["description", "required", "allowEmptyValue"] {
        if let Some(value) = parameter.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    // Both versions require `required: true` on path parameters, and swaggo leaves it out
    // of a path parameter documented as optional.
    if location == "path" && !is_required(parameter, pointer)? {
        log::debug!("{pointer}: path parameter `{name}` is marked required, as every one is");
        out.insert("required".into(), true.into());
    }
    if let Some(style) = collection_style(parameter, pointer, location)? {
        out.extend(style);
    }
    let mut parameter_schema = value_schema(parameter, pointer)?;
    copy_extensions(parameter, &mut parameter_schema);
    out.insert("schema".into(), Value::Object(parameter_schema));
    copy_extensions(parameter, &mut out);
    Ok(out)
}

fn parameter_name<'p>(parameter: &'p Map<String, Value>, pointer: &str) -> Result<&'p str> {
    match parameter.get("name") {
        Some(name) => as_str(name, &child(pointer, "name")),
        None => Err(invalid(pointer, "the parameter has no `name`")),
    }
}

fn is_required(parameter: &Map<String, Value>, pointer: &str) -> Result<bool> {
    match parameter.get("required") {
        None => Ok(false),
        Some(Value::Bool(required)) => Ok(*required),
        Some(other) => Err(invalid(
            &child(pointer, "required"),
            format!("expected a boolean, found {}", kind(other)),
        )),
    }
}

/// Returns the parameter's `in`.
fn location<'p>(parameter: &'p Map<String, Value>, pointer: &str) -> Result<&'p str> {
    let Some(value) = parameter.get("in") else {
        return Err(invalid(
            pointer,
            "the parameter has no `in`; set it to query, header, path, formData or body",
        ));
    };
    let in_pointer = child(pointer, "in");
    match as_str(value, &in_pointer)? {
        location @ ("query" | "header" | "path" | "formData" | "body") => Ok(location),
        other => Err(invalid(
            &in_pointer,
            format!(
                "unknown parameter location `{other}`; use query, header, path, formData or \
                 body"
            ),
        )),
    }
}

/// Returns `media_types`, or the default media type when the list is empty.
fn or_default(media_types: &[String]) -> Vec<String> {
    if media_types.is_empty() {
        vec![DEFAULT_MEDIA_TYPE.to_owned()]
    } else {
        media_types.to_vec()
    }
}
