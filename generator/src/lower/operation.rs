//! Lowers paths and operations into [`Operation`]s: names, arguments, bodies and responses.

use heck::ToUpperCamelCase;
use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterData, ParameterSchemaOrContent, PathItem, QueryStyle,
    ReferenceOr, RequestBody, Response, StatusCode,
};

use super::schema::Schemas;
use crate::docs;
use crate::error::{escape_pointer_segment, Error, Result};
use crate::ir::{
    Body, BodyChoice, BodyEncoding, Group, Operation, ParamEncoding, ParamField, ParamLocation,
    ParamsStruct, PathArg, ResponseKind, StatusEnum, StatusVariant, Ty,
};
use crate::naming::{self, Scope};

/// Names generated method bodies use for locals, which arguments must not take.
const LOCALS: &[&str] = &["self_", "builder", "url_path", "query_pairs", "params"];

/// Lowers every operation in `doc`, in path order, with the tag it belongs to.
pub fn lower_operations(
    doc: &OpenAPI,
    schemas: &mut Schemas<'_>,
) -> Result<Vec<(String, Operation)>> {
    let mut paths: Vec<_> = doc.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    for (path, item) in paths {
        let path_pointer = format!("#/paths/{}", escape_pointer_segment(path));
        let item = match item {
            ReferenceOr::Item(item) => item,
            ReferenceOr::Reference { .. } => {
                return Err(Error::Unsupported {
                    pointer: path_pointer,
                    construct: "a path item given as $ref".into(),
                })
            }
        };
        for (method, op) in methods(item) {
            let pointer = format!("{path_pointer}/{}", method.to_ascii_lowercase());
            let context = Context {
                doc,
                path,
                method,
                item,
                op,
                pointer: &pointer,
            };
            let tag = op.tags.first().cloned().unwrap_or_else(|| "default".into());
            out.push((tag, context.lower(schemas)?));
        }
    }
    Ok(out)
}

/// Makes method names unique within a group, in path order, and names the params structs.
pub fn dedupe_method_names(group: &mut Group) {
    let mut scope = Scope::with_reserved(&["new", "client"]);
    for op in &mut group.operations {
        let name = scope.claim(&op.fn_name, "_");
        if name != op.fn_name {
            log::warn!(
                "{} {}: method name `{}` is taken in {}, so it is named `{name}`",
                op.method,
                op.path,
                op.fn_name,
                group.name
            );
            op.fn_name = name;
        }
        if let Some(params) = &mut op.params {
            params.name = format!("{}Params", op.fn_name.to_upper_camel_case());
        }
    }
}

fn methods(item: &PathItem) -> Vec<(&'static str, &openapiv3::Operation)> {
    [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("HEAD", &item.head),
        ("PATCH", &item.patch),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    .collect()
}

struct Context<'a> {
    doc: &'a OpenAPI,
    path: &'a str,
    method: &'static str,
    item: &'a PathItem,
    op: &'a openapiv3::Operation,
    pointer: &'a str,
}

impl Context<'_> {
    fn lower(&self, schemas: &mut Schemas<'_>) -> Result<Operation> {
        let fn_name = match &self.op.operation_id {
            Some(id) => naming::snake_ident(id, "op"),
            None => naming::method_name_from_path(self.method, self.path),
        };
        let type_hint = fn_name.to_upper_camel_case();
        let mut idents = Scope::with_reserved(LOCALS);

        let parameters = self.parameters()?;
        let (path_args, path_format) =
            self.path_args(&parameters, &mut idents, schemas, &type_hint)?;
        let body = self.body(&mut idents, schemas, &type_hint)?;
        let params = self.params_struct(&parameters, schemas, &type_hint)?;
        let (ok, ok_kind, success_enum) = self.success(schemas, &type_hint)?;
        let (error, error_enum) = self.error_type(schemas, &type_hint)?;
        let status_enums = success_enum.into_iter().chain(error_enum).collect();

        let mut doc_lines =
            docs::paragraphs([self.op.summary.as_deref(), self.op.description.as_deref()]);
        if !doc_lines.is_empty() {
            doc_lines.push(String::new());
        }
        doc_lines.push(format!("`{} {}`", self.method, self.path));
        Ok(Operation {
            method: self.method.to_owned(),
            path: self.path.to_owned(),
            operation_id: self.op.operation_id.clone(),
            fn_name,
            docs: doc_lines,
            deprecated: self.op.deprecated,
            path_args,
            path_format,
            body,
            params,
            ok,
            ok_kind,
            error,
            status_enums,
        })
    }

    /// Path-level parameters overridden by operation-level ones, with their pointers.
    fn parameters(&self) -> Result<Vec<(String, &Parameter)>> {
        let mut out: Vec<(String, &Parameter)> = Vec::new();
        let path_pointer = self
            .pointer
            .rsplit_once('/')
            .map_or(self.pointer, |(p, _)| p);
        let levels = [
            (format!("{path_pointer}/parameters"), &self.item.parameters),
            (format!("{}/parameters", self.pointer), &self.op.parameters),
        ];
        for (base, list) in levels {
            for (index, parameter) in list.iter().enumerate() {
                let pointer = format!("{base}/{index}");
                let parameter = self.resolve_parameter(parameter, &pointer)?;
                let data = parameter.parameter_data_ref();
                let key = (location(parameter), data.name.clone());
                out.retain(|(_, p)| (location(p), p.parameter_data_ref().name.clone()) != key);
                out.push((pointer, parameter));
            }
        }
        Ok(out)
    }

    fn resolve_parameter<'p>(
        &'p self,
        parameter: &'p ReferenceOr<Parameter>,
        pointer: &str,
    ) -> Result<&'p Parameter> {
        match parameter {
            ReferenceOr::Item(p) => Ok(p),
            ReferenceOr::Reference { reference } => {
                let found = reference
                    .strip_prefix("#/components/parameters/")
                    .and_then(|key| self.doc.components.as_ref()?.parameters.get(key));
                match found {
                    Some(ReferenceOr::Item(p)) => Ok(p),
                    _ => Err(Error::UnresolvedRef {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    }),
                }
            }
        }
    }

    fn path_args(
        &self,
        parameters: &[(String, &Parameter)],
        idents: &mut Scope,
        schemas: &mut Schemas<'_>,
        type_hint: &str,
    ) -> Result<(Vec<PathArg>, String)> {
        let mut args = Vec::new();
        let mut format = String::new();
        let mut rest = self.path;
        while let Some(open) = rest.find('{') {
            format.push_str(&rest[..open].replace('}', "}}"));
            let Some(close) = rest[open..].find('}') else {
                return Err(Error::Conflict {
                    pointer: self.pointer.to_owned(),
                    message: format!("path `{}` has an unclosed `{{`; fix the path", self.path),
                });
            };
            let name = &rest[open + 1..open + close];
            let found = parameters.iter().find(|(_, p)| {
                matches!(p, Parameter::Path { .. }) && p.parameter_data_ref().name == name
            });
            let Some((pointer, parameter)) = found else {
                return Err(Error::Conflict {
                    pointer: self.pointer.to_owned(),
                    message: format!(
                        "path `{}` uses `{{{name}}}` but no path parameter named `{name}` is \
                         declared; add it under `parameters`",
                        self.path
                    ),
                });
            };
            let data = parameter.parameter_data_ref();
            let hint = format!("{type_hint}{}", naming::type_name(name));
            let ty = self.parameter_type(data, pointer, schemas, &hint)?;
            let ident = idents.claim(&naming::snake_ident(name, "param"), "_");
            let (arg_ty, encoded) = match &ty {
                Ty::String => (
                    "&str".to_owned(),
                    format!("crate::apis::encode_path({name:?}, {ident})?"),
                ),
                Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool => (
                    ty.rust(),
                    format!("crate::apis::encode_path({name:?}, &crate::apis::ToParam::to_param(&{ident}))?"),
                ),
                Ty::Model(_) | Ty::DateTime | Ty::Date => (
                    format!("&{}", ty.rust()),
                    format!("crate::apis::encode_path({name:?}, &crate::apis::ToParam::to_param({ident}))?"),
                ),
                other => {
                    return Err(Error::Unsupported {
                        pointer: pointer.clone(),
                        construct: format!("path parameter of type {}", other.rust()),
                    })
                }
            };
            args.push(PathArg {
                wire: name.to_owned(),
                ident,
                arg_ty,
                encoded,
            });
            format.push_str("{}");
            rest = &rest[open + close + 1..];
        }
        format.push_str(&rest.replace('}', "}}"));
        Ok((args, format))
    }

    fn parameter_type(
        &self,
        data: &ParameterData,
        pointer: &str,
        schemas: &mut Schemas<'_>,
        hint: &str,
    ) -> Result<Ty> {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                schemas.lower(schema, &format!("{pointer}/schema"), hint)
            }
            ParameterSchemaOrContent::Content(_) => Err(Error::Unsupported {
                pointer: pointer.to_owned(),
                construct: "a parameter described by `content` instead of `schema`".into(),
            }),
        }
    }

    fn params_struct(
        &self,
        parameters: &[(String, &Parameter)],
        schemas: &mut Schemas<'_>,
        type_hint: &str,
    ) -> Result<Option<ParamsStruct>> {
        let mut idents = Scope::default();
        let mut fields = Vec::new();
        for (pointer, parameter) in parameters {
            let (location, encoding) = match parameter {
                Parameter::Path { .. } => continue,
                Parameter::Cookie { .. } => {
                    return Err(Error::Unsupported {
                        pointer: pointer.clone(),
                        construct: "cookie parameters".into(),
                    })
                }
                Parameter::Header { .. } => (ParamLocation::Header, ParamEncoding::Comma),
                Parameter::Query {
                    style,
                    parameter_data,
                    ..
                } => {
                    let explode = parameter_data
                        .explode
                        .unwrap_or(matches!(style, QueryStyle::Form));
                    match style {
                        QueryStyle::Form if explode => {
                            (ParamLocation::Query, ParamEncoding::Repeat)
                        }
                        QueryStyle::Form => (ParamLocation::Query, ParamEncoding::Comma),
                        QueryStyle::SpaceDelimited => (ParamLocation::Query, ParamEncoding::Space),
                        QueryStyle::PipeDelimited => (ParamLocation::Query, ParamEncoding::Pipe),
                        QueryStyle::DeepObject => (ParamLocation::Query, ParamEncoding::DeepObject),
                    }
                }
            };
            let data = parameter.parameter_data_ref();
            let hint = format!("{type_hint}{}", naming::type_name(&data.name));
            let inner = self.parameter_type(data, pointer, schemas, &hint)?;
            let object = match &inner {
                Ty::Map(_) | Ty::Json => true,
                Ty::Model(name) => schemas.is_object(name),
                _ => false,
            };
            let encoding = match (&inner, encoding) {
                (_, ParamEncoding::DeepObject) if object => ParamEncoding::DeepObject,
                (_, ParamEncoding::Repeat) if object && location == ParamLocation::Query => {
                    ParamEncoding::FormObject
                }
                (_, _) if object => {
                    return Err(Error::Unsupported {
                        pointer: pointer.clone(),
                        construct: "an object parameter not sent as `style: deepObject` or \
                                    `style: form` with `explode: true`"
                            .into(),
                    })
                }
                (Ty::Vec(item), ParamEncoding::DeepObject)
                | (Ty::Vec(item), ParamEncoding::Single) => {
                    check_scalar(item, pointer)?;
                    ParamEncoding::Comma
                }
                (Ty::Vec(item), encoding) => {
                    check_scalar(item, pointer)?;
                    encoding
                }
                (scalar, _) => {
                    check_scalar(scalar, pointer)?;
                    ParamEncoding::Single
                }
            };
            let plain = matches!(
                inner,
                Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Vec(_)
            );
            let required = data.required && plain;
            let ty = if required {
                inner
            } else {
                Ty::Option(Box::new(inner))
            };
            let mut field_docs = docs::paragraphs([data.description.as_deref()]);
            if data.required && !required {
                field_docs.push(String::new());
                field_docs.push("Required by the API.".into());
            }
            fields.push(ParamField {
                wire: data.name.clone(),
                ident: idents.claim(&naming::snake_ident(&data.name, "param"), "_"),
                ty,
                required,
                docs: field_docs,
                location,
                encoding,
            });
        }
        Ok((!fields.is_empty()).then(|| ParamsStruct {
            name: format!("{type_hint}Params"),
            fields,
        }))
    }

    fn body(
        &self,
        idents: &mut Scope,
        schemas: &mut Schemas<'_>,
        type_hint: &str,
    ) -> Result<Option<Body>> {
        let Some(body) = &self.op.request_body else {
            return Ok(None);
        };
        let mut pointer = format!("{}/requestBody", self.pointer);
        let body: &RequestBody = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { reference } => {
                let found = reference
                    .strip_prefix("#/components/requestBodies/")
                    .and_then(|key| self.doc.components.as_ref()?.request_bodies.get(key));
                match found {
                    Some(ReferenceOr::Item(body)) => {
                        pointer = reference.clone();
                        body
                    }
                    _ => {
                        return Err(Error::UnresolvedRef {
                            pointer,
                            reference: reference.clone(),
                        })
                    }
                }
            }
        };
        let choices = media_choices(&body.content);
        if choices.is_empty() {
            let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Error::Unsupported {
                pointer: format!("{pointer}/content"),
                construct: format!("request body without media types {types:?}"),
            });
        }
        let mut lowered = Vec::with_capacity(choices.len());
        for (media_type, media, encoding) in &choices {
            let schema_pointer = format!(
                "{pointer}/content/{}/schema",
                escape_pointer_segment(media_type)
            );
            let ty = match (&media.schema, encoding) {
                (_, BodyEncoding::Bytes) => Ty::Bytes,
                (_, BodyEncoding::Text) => Ty::String,
                (Some(schema), _) => {
                    schemas.lower(schema, &schema_pointer, &format!("{type_hint}Request"))?
                }
                (None, _) => Ty::Json,
            };
            if *encoding == BodyEncoding::Multipart {
                match &ty {
                    Ty::Model(name) if schemas.is_object(name) => {
                        schemas.mark_multipart(name);
                    }
                    _ => {
                        return Err(Error::Unsupported {
                            pointer: schema_pointer,
                            construct: "a multipart/form-data body that is not an object".into(),
                        })
                    }
                }
            }
            lowered.push(BodyChoice {
                variant: encoding.variant().to_owned(),
                media_type: (*media_type).to_owned(),
                encoding: *encoding,
                ty,
            });
        }
        let name = self
            .op
            .extensions
            .get("x-codegen-request-body-name")
            .and_then(|v| v.as_str())
            .unwrap_or("body");
        let ty = match lowered.as_slice() {
            [one] => one.ty.clone(),
            _ => Ty::Local(format!("{type_hint}Body")),
        };
        Ok(Some(Body {
            ident: idents.claim(&naming::snake_ident(name, "body"), "_"),
            ty,
            required: body.required,
            choices: lowered,
        }))
    }

    /// The success type: the one body every 2xx response shares, or an enum keyed by status
    /// when they differ (an empty 204 next to a JSON 200 counts as different).
    fn success(
        &self,
        schemas: &mut Schemas<'_>,
        type_hint: &str,
    ) -> Result<(Ty, ResponseKind, Option<StatusEnum>)> {
        let mut cases: Vec<StatusVariant> = Vec::new();
        for (status, response) in &self.op.responses.responses {
            let (code, pattern) = match status {
                StatusCode::Code(code) if (200..300).contains(code) => {
                    (code.to_string(), code.to_string())
                }
                StatusCode::Range(2) => ("2XX".to_owned(), "200..=299".to_owned()),
                _ => continue,
            };
            let pointer = format!("{}/responses/{code}", self.pointer);
            let response = self.resolve_response(response, &pointer)?;
            let hint = format!("{type_hint}Response");
            let body = self.response_body(response, &pointer, schemas, &hint)?;
            cases.push(StatusVariant::new(&code, pattern, body));
        }
        let mut bodies: Vec<&Option<(Ty, ResponseKind)>> = Vec::new();
        for case in &cases {
            if !bodies.contains(&&case.body) {
                bodies.push(&case.body);
            }
        }
        match bodies.as_slice() {
            [] | [None] => Ok((Ty::Unit, ResponseKind::Empty, None)),
            [Some((ty, kind))] => Ok((ty.clone(), *kind, None)),
            _ => {
                let name = format!("{type_hint}Response");
                let status_enum = StatusEnum {
                    name: name.clone(),
                    success: true,
                    variants: sort_cases(cases),
                    fallback: None,
                };
                Ok((Ty::Local(name), ResponseKind::ByStatus, Some(status_enum)))
            }
        }
    }

    /// The error body type: the one JSON schema shared by the error responses, an enum keyed
    /// by status when they differ, or untyped JSON when none declares a body.
    fn error_type(
        &self,
        schemas: &mut Schemas<'_>,
        type_hint: &str,
    ) -> Result<(Ty, Option<StatusEnum>)> {
        let mut cases: Vec<StatusVariant> = Vec::new();
        let mut fallback = None;
        for (status, response) in &self.op.responses.responses {
            let (code, pattern) = match status {
                StatusCode::Code(code) if *code >= 300 => (code.to_string(), code.to_string()),
                StatusCode::Range(range) if *range >= 3 => {
                    (format!("{range}XX"), format!("{range}00..={range}99"))
                }
                _ => continue,
            };
            let pointer = format!("{}/responses/{code}", self.pointer);
            let response = self.resolve_response(response, &pointer)?;
            let hint = format!("{type_hint}Error");
            if let Some((ty, ResponseKind::Json)) =
                self.response_body(response, &pointer, schemas, &hint)?
            {
                cases.push(StatusVariant::new(
                    &code,
                    pattern,
                    Some((ty, ResponseKind::Json)),
                ));
            }
        }
        if let Some(response) = &self.op.responses.default {
            let pointer = format!("{}/responses/default", self.pointer);
            let response = self.resolve_response(response, &pointer)?;
            let hint = format!("{type_hint}Error");
            if let Some((ty, ResponseKind::Json)) =
                self.response_body(response, &pointer, schemas, &hint)?
            {
                fallback = Some(ty);
            }
        }
        let mut types: Vec<&Ty> = cases
            .iter()
            .filter_map(|c| c.body.as_ref().map(|b| &b.0))
            .chain(fallback.as_ref())
            .collect();
        types.dedup();
        types.sort();
        types.dedup();
        match types.as_slice() {
            [] => Ok((Ty::Json, None)),
            [one] => Ok(((*one).clone(), None)),
            _ => {
                let name = format!("{type_hint}Error");
                let status_enum = StatusEnum {
                    name: name.clone(),
                    success: false,
                    variants: sort_cases(cases),
                    fallback: Some(fallback.unwrap_or(Ty::Json)),
                };
                Ok((Ty::Local(name), Some(status_enum)))
            }
        }
    }

    fn resolve_response<'r>(
        &'r self,
        response: &'r ReferenceOr<Response>,
        pointer: &str,
    ) -> Result<&'r Response> {
        match response {
            ReferenceOr::Item(r) => Ok(r),
            ReferenceOr::Reference { reference } => {
                let found = reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|key| self.doc.components.as_ref()?.responses.get(key));
                match found {
                    Some(ReferenceOr::Item(r)) => Ok(r),
                    _ => Err(Error::UnresolvedRef {
                        pointer: pointer.to_owned(),
                        reference: reference.clone(),
                    }),
                }
            }
        }
    }

    fn response_body(
        &self,
        response: &Response,
        pointer: &str,
        schemas: &mut Schemas<'_>,
        hint: &str,
    ) -> Result<Option<(Ty, ResponseKind)>> {
        if response.content.is_empty() {
            return Ok(None);
        }
        if let Some((media_type, media)) = json_media(&response.content) {
            let schema_pointer = format!(
                "{pointer}/content/{}/schema",
                escape_pointer_segment(media_type)
            );
            let ty = match &media.schema {
                Some(schema) => schemas.lower(schema, &schema_pointer, hint)?,
                None => Ty::Json,
            };
            // A `type: string, format: binary` schema is a file, such as the PDF that swaggo
            // declares under `*/*`, so the body is read as bytes and not parsed as JSON.
            // NOTE: a `$ref` to a binary component schema is still parsed as JSON.
            if ty == Ty::Bytes {
                return Ok(Some((Ty::Bytes, ResponseKind::Bytes)));
            }
            return Ok(Some((ty, ResponseKind::Json)));
        }
        if response.content.keys().any(|k| k.starts_with("text/")) {
            return Ok(Some((Ty::String, ResponseKind::Text)));
        }
        Ok(Some((Ty::Bytes, ResponseKind::Bytes)))
    }
}

/// Orders status cases by their first status code, so output does not follow map order.
fn sort_cases(mut cases: Vec<StatusVariant>) -> Vec<StatusVariant> {
    cases.sort_by(|a, b| a.ident.cmp(&b.ident));
    cases
}

/// Lists the ways a request body can be sent, one per encoding, in the order JSON, form,
/// multipart, text, bytes; within an encoding the first media type in sorted order wins.
fn media_choices(
    content: &indexmap::IndexMap<String, MediaType>,
) -> Vec<(&str, &MediaType, BodyEncoding)> {
    let mut keys: Vec<&String> = content.keys().collect();
    keys.sort();
    let mut out: Vec<(&str, &MediaType, BodyEncoding)> = Vec::new();
    for key in keys {
        let base = key.split(';').next().unwrap_or("").trim();
        let encoding = match base {
            "application/json" | "*/*" => BodyEncoding::Json,
            _ if base.ends_with("+json") => BodyEncoding::Json,
            "application/x-www-form-urlencoded" => BodyEncoding::Form,
            "multipart/form-data" => BodyEncoding::Multipart,
            _ if base.starts_with("text/") => BodyEncoding::Text,
            _ => BodyEncoding::Bytes,
        };
        let preferred = base == "application/json";
        match out.iter_mut().find(|(_, _, e)| *e == encoding) {
            Some(existing) if preferred => *existing = (key.as_str(), &content[key], encoding),
            Some(_) => {}
            None => out.push((key.as_str(), &content[key], encoding)),
        }
    }
    out.sort_by_key(|(_, _, encoding)| *encoding as u8);
    out
}

/// Picks the JSON media type of a body: `application/json`, any `+json`, or `*/*`.
fn json_media(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let mut keys: Vec<&String> = content.keys().collect();
    keys.sort_by_key(|k| {
        let k = k.split(';').next().unwrap_or("").trim();
        match k {
            "application/json" => 0,
            _ if k.ends_with("+json") => 1,
            "*/*" => 2,
            _ => 3,
        }
    });
    let key = keys.into_iter().next()?;
    let base = key.split(';').next().unwrap_or("").trim();
    let is_json = base == "application/json" || base.ends_with("+json") || base == "*/*";
    is_json.then(|| (key.as_str(), &content[key]))
}

fn location(parameter: &Parameter) -> u8 {
    match parameter {
        Parameter::Query { .. } => 0,
        Parameter::Header { .. } => 1,
        Parameter::Path { .. } => 2,
        Parameter::Cookie { .. } => 3,
    }
}

/// Rejects parameter types that have no text form.
fn check_scalar(ty: &Ty, pointer: &str) -> Result<()> {
    match ty {
        Ty::String
        | Ty::Bool
        | Ty::I32
        | Ty::I64
        | Ty::F32
        | Ty::F64
        | Ty::DateTime
        | Ty::Date
        | Ty::Model(_) => Ok(()),
        other => Err(Error::Unsupported {
            pointer: pointer.to_owned(),
            construct: format!("parameter of type {}", other.rust()),
        }),
    }
}
