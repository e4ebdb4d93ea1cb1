//! The API surface record: what SDK users can name, written into the crate as
//! [`SURFACE_FILE`] so a later run can compare the committed SDK with a new spec.
//!
//! The record contains every operation (method, path, Rust method, parameters, body, response
//! and error types) and every model (kind, fields, enum values), with Rust types printed as
//! the generated code spells them. It leaves out `events_post_async`, which the patch pass
//! adds to every SDK alike, and doc text, which does not change what compiles.
//!
//! The file is JSON laid out for review: one line per parameter, field and enum value, and
//! objects in struct order, so a spec change shows as a short `git diff`.

mod layout;

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ir::{self, ModelKind, ParamLocation};

/// The record's file name, at the crate root.
pub const SURFACE_FILE: &str = "sdkgen-api.json";

/// The version of the record's layout, raised when a field changes meaning.
pub const FORMAT: u32 = 1;

/// The public API of one generated crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// The layout version, [`FORMAT`] when this generator wrote it.
    pub format: u32,
    /// The package name of the crate.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// The package version of the crate.
    pub version: String,
    /// Operations sorted by path, then method.
    pub operations: Vec<OperationSurface>,
    /// Models sorted by Rust name.
    pub models: Vec<ModelSurface>,
}

/// One operation and the method generated for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path as written in the spec.
    pub path: String,
    /// The API struct holding the method, such as `EventsApi`.
    pub api: String,
    /// The method's name.
    pub function: String,
    /// Path parameters in path order, then query and header parameters in spec order.
    pub parameters: Vec<ParameterSurface>,
    /// The `<Method>Params` struct holding the query and header parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
    /// The request body argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodySurface>,
    /// The success type.
    pub response: String,
    /// The type of error bodies in `Error<E>`.
    pub error: String,
}

/// One path, query or header parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterSurface {
    /// The wire name.
    pub name: String,
    /// The Rust argument or field name.
    pub rust: String,
    /// `path`, `query` or `header`.
    #[serde(rename = "in")]
    pub location: String,
    /// The argument type for path parameters, the field type for the others.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the Rust type makes the caller supply a value.
    pub required: bool,
}

/// A request body argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodySurface {
    /// The body type, without the `Option` an optional body adds.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the spec requires the body.
    pub required: bool,
}

/// One generated model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelSurface {
    /// The Rust type name.
    pub name: String,
    /// The key under `components/schemas`, or the JSON pointer of an inline schema.
    pub schema: String,
    /// The model's shape.
    #[serde(flatten)]
    pub shape: Shape,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnionVariantSurface {
    /// The Rust variant name.
    pub variant: String,
    /// The variant's Rust type.
    #[serde(rename = "type")]
    pub ty: String,
    /// The discriminator values that select it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The shape of a model, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Shape {
    /// A struct with named fields.
    Struct {
        /// Fields sorted by wire name.
        fields: Vec<FieldSurface>,
        /// The value type of `additional_properties`, when the struct keeps undeclared
        /// properties.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<String>,
    },
    /// A string or integer enum.
    Enum {
        /// `string` or `integer`.
        repr: String,
        /// The variant that keeps values the SDK does not know.
        catch_all: String,
        /// Values in spec order.
        values: Vec<EnumValueSurface>,
    },
    /// A `oneOf` or `anyOf` enum.
    Union {
        /// The discriminator property, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
        /// Variants in spec order.
        variants: Vec<UnionVariantSurface>,
    },
    /// A type alias.
    Alias {
        /// The aliased type.
        #[serde(rename = "type")]
        target: String,
    },
}

impl Shape {
    /// Returns the kind's name as the record writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Struct { .. } => "struct",
            Shape::Enum { .. } => "enum",
            Shape::Union { .. } => "union",
            Shape::Alias { .. } => "alias",
        }
    }
}

/// One struct field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// The wire name.
    pub name: String,
    /// The Rust field name.
    pub rust: String,
    /// The field's full type, `Option` included.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the schema lists the property as required.
    pub required: bool,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValueSurface {
    /// The wire value, as text.
    pub value: String,
    /// The Rust variant.
    pub variant: String,
}

impl Surface {
    /// Records the surface of `api` as generated into crate `crate_name` at `version`.
    pub fn of(api: &ir::Api, crate_name: &str, version: &str) -> Self {
        let mut operations: Vec<OperationSurface> = api
            .groups
            .iter()
            .flat_map(|group| {
                group
                    .operations
                    .iter()
                    .map(|op| operation_surface(&group.name, op))
            })
            .collect();
        operations.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
        let mut models: Vec<ModelSurface> = api.models.iter().map(model_surface).collect();
        models.sort_by(|a, b| a.name.cmp(&b.name));
        Self {
            format: FORMAT,
            crate_name: crate_name.to_owned(),
            version: version.to_owned(),
            operations,
            models,
        }
    }

    /// Prints the record as the file's text, ending with a newline.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut out, layout::Layout::default());
        self.serialize(&mut serializer)
            .expect("a surface serializes: every key is a string");
        let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
        text.push('\n');
        text
    }

    /// Parses the file's text, rejecting other layout versions.
    pub fn from_json(text: &str) -> std::result::Result<Self, String> {
        let surface: Surface = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if surface.format != FORMAT {
            return Err(format!(
                "record format {} is not the supported format {FORMAT}",
                surface.format
            ));
        }
        Ok(surface)
    }

    /// Reads the record of the crate in `dir`, or `None` when the crate has none, as crates
    /// generated before the record existed do not.
    pub fn read(dir: &Path) -> Result<Option<Self>> {
        let path = dir.join(SURFACE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    action: "reading",
                    path,
                    source,
                })
            }
        };
        Self::from_json(&text)
            .map(Some)
            .map_err(|message| Error::Io {
                action: "parsing",
                path,
                source: io::Error::new(io::ErrorKind::InvalidData, message),
            })
    }
}

fn operation_surface(api: &str, op: &ir::Operation) -> OperationSurface {
    let mut parameters: Vec<ParameterSurface> = op
        .path_args
        .iter()
        .map(|arg| ParameterSurface {
            name: arg.wire.clone(),
            rust: arg.ident.clone(),
            location: "path".into(),
            ty: arg.arg_ty.clone(),
            required: true,
        })
        .collect();
    if let Some(params) = &op.params {
        parameters.extend(params.fields.iter().map(|field| {
            ParameterSurface {
                name: field.wire.clone(),
                rust: field.ident.clone(),
                location: match field.location {
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                }
                .into(),
                ty: field.ty.rust(),
                required: field.required,
            }
        }));
    }
    OperationSurface {
        method: op.method.clone(),
        path: op.path.clone(),
        api: api.to_owned(),
        function: op.fn_name.clone(),
        parameters,
        params: op.params.as_ref().map(|p| p.name.clone()),
        body: op.body.as_ref().map(|body| BodySurface {
            ty: body.ty.rust(),
            required: body.required,
        }),
        response: op.ok.rust(),
        error: op.error.rust(),
    }
}

fn model_surface(model: &ir::Model) -> ModelSurface {
    let shape = match &model.kind {
        ModelKind::Struct(s) => Shape::Struct {
            fields: s
                .fields
                .iter()
                .map(|field| FieldSurface {
                    name: field.wire.clone(),
                    rust: field.ident.clone(),
                    ty: field.ty.rust(),
                    required: field.required,
                })
                .collect(),
            additional: s.additional.as_ref().map(ir::Ty::rust),
        },
        ModelKind::Enum(e) => Shape::Enum {
            repr: match e.repr {
                ir::EnumRepr::Str => "string",
                ir::EnumRepr::Int => "integer",
            }
            .into(),
            catch_all: e.catch_all.clone(),
            values: e
                .variants
                .iter()
                .map(|v| EnumValueSurface {
                    value: v.value.clone(),
                    variant: v.ident.clone(),
                })
                .collect(),
        },
        ModelKind::Union(u) => Shape::Union {
            tag: u.tag.clone(),
            variants: u
                .variants
                .iter()
                .map(|v| UnionVariantSurface {
                    variant: v.ident.clone(),
                    ty: v.ty.rust(),
                    tags: v.tags.clone(),
                })
                .collect(),
        },
        ModelKind::Alias(ty) => Shape::Alias { target: ty.rust() },
    };
    ModelSurface {
        name: model.name.clone(),
        schema: model.source.clone(),
        shape,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Surface {
        Surface {
            format: FORMAT,
            crate_name: "flexprice".into(),
            version: "0.1.0".into(),
            operations: vec![OperationSurface {
                method: "GET".into(),
                path: "/customers/{id}".into(),
                api: "CustomersApi".into(),
                function: "get_customer".into(),
                parameters: vec![ParameterSurface {
                    name: "id".into(),
                    rust: "id".into(),
                    location: "path".into(),
                    ty: "&str".into(),
                    required: true,
                }],
                params: None,
                body: None,
                response: "crate::models::Customer".into(),
                error: "::serde_json::Value".into(),
            }],
            models: vec![
                ModelSurface {
                    name: "Customer".into(),
                    schema: "Customer".into(),
                    shape: Shape::Struct {
                        fields: vec![FieldSurface {
                            name: "id".into(),
                            rust: "id".into(),
                            ty: "String".into(),
                            required: true,
                        }],
                        additional: None,
                    },
                },
                ModelSurface {
                    name: "Status".into(),
                    schema: "Status".into(),
                    shape: Shape::Enum {
                        repr: "string".into(),
                        catch_all: "Unknown".into(),
                        values: Vec::new(),
                    },
                },
            ],
        }
    }

    #[test]
    fn layout_puts_items_on_lines() {
        let expected = r#"{
  "format": 1,
  "crate": "flexprice",
  "version": "0.1.0",
  "operations": [
    {
      "method": "GET",
      "path": "/customers/{id}",
      "api": "CustomersApi",
      "function": "get_customer",
      "parameters": [
        {"name":"id","rust":"id","in":"path","type":"&str","required":true}
      ],
      "response": "crate::models::Customer",
      "error": "::serde_json::Value"
    }
  ],
  "models": [
    {
      "name": "Customer",
      "schema": "Customer",
      "kind": "struct",
      "fields": [
        {"name":"id","rust":"id","type":"String","required":true}
      ]
    },
    {
      "name": "Status",
      "schema": "Status",
      "kind": "enum",
      "repr": "string",
      "catch_all": "Unknown",
      "values": []
    }
  ]
}
"#;
        assert_eq!(sample().to_json(), expected);
    }

    #[test]
    fn record_reads_back() {
        let surface = sample();
        assert_eq!(Surface::from_json(&surface.to_json()), Ok(surface));
    }

    #[test]
    fn other_format_is_rejected() {
        let text = sample().to_json().replace("\"format\": 1", "\"format\": 2");
        assert_eq!(
            Surface::from_json(&text),
            Err("record format 2 is not the supported format 1".into())
        );
    }
}
