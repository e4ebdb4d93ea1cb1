//! The intermediate model the templates print. Lowering settles every name, Rust type, doc
//! line and encoding choice here, so templates only loop and print.

use std::collections::BTreeSet;

/// A Rust type used by a field, an argument or a return value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    DateTime,
    Date,
    Bytes,
    Json,
    Unit,
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Option(Box<Ty>),
    Boxed(Box<Ty>),
    /// A generated model, by its Rust name.
    Model(String),
    /// A type defined next to the operation in its API module, by its Rust name.
    Local(String),
}

impl Ty {
    /// Prints the type as Rust source.
    pub fn rust(&self) -> String {
        match self {
            Ty::String => "String".into(),
            Ty::Bool => "bool".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F32 => "f32".into(),
            Ty::F64 => "f64".into(),
            Ty::DateTime => "::chrono::DateTime<::chrono::Utc>".into(),
            Ty::Date => "::chrono::NaiveDate".into(),
            Ty::Bytes => "Vec<u8>".into(),
            Ty::Json => "::serde_json::Value".into(),
            Ty::Unit => "()".into(),
            Ty::Vec(inner) => format!("Vec<{}>", inner.rust()),
            Ty::Map(inner) => format!("::std::collections::HashMap<String, {}>", inner.rust()),
            Ty::Option(inner) => format!("Option<{}>", inner.rust()),
            Ty::Boxed(inner) => format!("Box<{}>", inner.rust()),
            Ty::Model(name) => format!("crate::models::{name}"),
            Ty::Local(name) => name.clone(),
        }
    }

    /// Adds the names of the models this type mentions to `out`.
    pub fn collect_models(&self, out: &mut BTreeSet<String>) {
        match self {
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
                inner.collect_models(out)
            }
            Ty::Model(name) => {
                out.insert(name.clone());
            }
            _ => {}
        }
    }

    /// Strips `Option` and `Box` wrappers.
    pub fn unwrapped(&self) -> &Ty {
        match self {
            Ty::Option(inner) | Ty::Boxed(inner) => inner.unwrapped(),
            other => other,
        }
    }
}

/// Documentation lines, already escaped for rustdoc. An empty line separates paragraphs.
pub type Docs = Vec<String>;

/// The whole API, ready to render.
#[derive(Debug)]
pub struct Api {
    pub title: String,
    pub spec_version: String,
    pub docs: Docs,
    /// Absolute URL of the spec's first server, when it has one.
    pub default_base_url: Option<String>,
    /// Path part of the first server (`/v1`), used when the caller sets only a host.
    pub default_base_path: String,
    /// The header carrying the API key, when the spec declares an `apiKey` scheme in a header.
    pub api_key_header: Option<String>,
    pub groups: Vec<Group>,
    pub models: Vec<Model>,
}

/// One API struct: the operations of one tag.
#[derive(Debug)]
pub struct Group {
    pub tag: String,
    /// The struct name, such as `EventsApi`.
    pub name: String,
    /// The module file name, such as `events_api`.
    pub module: String,
    /// The cargo feature that compiles this group, such as `events`.
    pub feature: String,
    pub docs: Docs,
    pub operations: Vec<Operation>,
}

/// One HTTP operation, rendered as one async method.
#[derive(Debug)]
pub struct Operation {
    /// Upper-case HTTP method, as `reqwest::Method` names its constants.
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
    pub fn_name: String,
    pub docs: Docs,
    pub deprecated: bool,
    pub path_args: Vec<PathArg>,
    /// The `format!` string for the path, with `{}` where each path argument goes.
    pub path_format: String,
    pub body: Option<Body>,
    pub params: Option<ParamsStruct>,
    pub ok: Ty,
    pub ok_kind: ResponseKind,
    pub error: Ty,
    /// Enums keyed by status this operation's responses need, defined in its API module.
    pub status_enums: Vec<StatusEnum>,
}

/// Responses of one operation that differ by status, as an enum.
#[derive(Debug)]
pub struct StatusEnum {
    pub name: String,
    /// Whether this enum holds success answers (2xx) or error bodies.
    pub success: bool,
    pub variants: Vec<StatusVariant>,
    /// For error enums: the type of bodies of other statuses (the spec's `default`, or JSON).
    pub fallback: Option<Ty>,
}

/// One status, or range of statuses, of a [`StatusEnum`].
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    /// `Status200` or `Status4xx`.
    pub ident: String,
    /// The match pattern on the status code, such as `200` or `400..=499`.
    pub pattern: String,
    /// The body and how it is read, or `None` for no content.
    pub body: Option<(Ty, ResponseKind)>,
}

impl StatusVariant {
    /// Creates the variant for status `code` (`200`, `2XX`).
    pub fn new(code: &str, pattern: String, body: Option<(Ty, ResponseKind)>) -> Self {
        Self {
            ident: format!("Status{}", code.to_ascii_lowercase()),
            pattern,
            body,
        }
    }

    /// The variant's payload type, or `None` for a unit variant.
    pub fn payload(&self) -> Option<String> {
        self.body.as_ref().map(|(ty, _)| ty.rust())
    }

    /// The expression that reads the payload from `body`, a byte slice.
    pub fn read(&self) -> String {
        match &self.body {
            Some((_, ResponseKind::Text)) => "String::from_utf8_lossy(body).into_owned()".into(),
            Some((_, ResponseKind::Bytes)) => "body.to_vec()".into(),
            _ => "::serde_json::from_slice(body)?".into(),
        }
    }
}

impl Operation {
    /// The Rust string literal of the `format!` pattern for the path.
    pub fn path_literal(&self) -> String {
        format!("{:?}", self.path_format)
    }
}

/// A path parameter, passed as a positional argument.
#[derive(Debug)]
pub struct PathArg {
    pub wire: String,
    pub ident: String,
    /// The argument's type as written in the signature (`&str` for strings).
    pub arg_ty: String,
    /// The expression that turns the argument into a percent-encoded path segment.
    pub encoded: String,
}

/// How the success body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    Json,
    Empty,
    Text,
    Bytes,
    /// An enum keyed by status.
    ByStatus,
}

impl ResponseKind {
    /// The runtime helper that reads this kind of response.
    pub fn helper(&self) -> &'static str {
        match self {
            ResponseKind::Json => "send_json",
            ResponseKind::Empty => "send_empty",
            ResponseKind::Text => "send_text",
            ResponseKind::Bytes => "send_bytes",
            ResponseKind::ByStatus => "send_by_status",
        }
    }
}

/// A request body argument.
#[derive(Debug)]
pub struct Body {
    pub ident: String,
    /// The argument's type: the one choice's type, or the `<Method>Body` enum.
    pub ty: Ty,
    pub required: bool,
    /// The media types the body can be sent as, one per encoding.
    pub choices: Vec<BodyChoice>,
}

/// One media type a request body can be sent as.
#[derive(Debug)]
pub struct BodyChoice {
    /// The variant of the `<Method>Body` enum, such as `Json`.
    pub variant: String,
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: Ty,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON, with `Content-Type: application/json`.
    Json,
    /// `application/x-www-form-urlencoded`, from the body's fields.
    Form,
    /// `multipart/form-data`, one part per field.
    Multipart,
    /// Text, with the spec's media type.
    Text,
    /// Raw bytes, with the spec's media type.
    Bytes,
}

impl BodyEncoding {
    /// The variant name of this encoding in a `<Method>Body` enum.
    pub fn variant(&self) -> &'static str {
        match self {
            BodyEncoding::Json => "Json",
            BodyEncoding::Form => "Form",
            BodyEncoding::Multipart => "Multipart",
            BodyEncoding::Text => "Text",
            BodyEncoding::Bytes => "Bytes",
        }
    }
}

impl Body {
    /// Reports whether the caller picks the media type through a `<Method>Body` enum.
    pub fn has_choice(&self) -> bool {
        self.choices.len() > 1
    }

    /// The builder call that attaches the body argument itself.
    pub fn attach_owned(&self) -> String {
        self.attach(&self.ident)
    }

    /// The builder call that attaches an optional body, unwrapped as `value`.
    pub fn attach_borrowed(&self) -> String {
        self.attach("value")
    }

    fn attach(&self, value: &str) -> String {
        match self.choices.as_slice() {
            [one] => one.attach(value),
            choices => {
                let arms: Vec<String> = choices
                    .iter()
                    .map(|c| {
                        format!(
                            "{}::{}(value) => {},",
                            self.ty.rust(),
                            c.variant,
                            c.attach("value")
                        )
                    })
                    .collect();
                format!("match {value} {{ {} }}", arms.join(" "))
            }
        }
    }
}

impl BodyChoice {
    /// The builder call that sends `value`, an owned value of this choice's type.
    pub fn attach(&self, value: &str) -> String {
        let media = format!("{:?}", self.media_type);
        match self.encoding {
            BodyEncoding::Json => format!("builder.json(&{value})"),
            BodyEncoding::Form => format!("builder.form(&{value})"),
            BodyEncoding::Multipart => format!("builder.multipart({value}.to_multipart())"),
            BodyEncoding::Text | BodyEncoding::Bytes => {
                format!("builder.header(reqwest::header::CONTENT_TYPE, {media}).body({value})")
            }
        }
    }
}

/// The `<Method>Params` struct holding an operation's query and header parameters.
#[derive(Debug)]
pub struct ParamsStruct {
    pub name: String,
    pub fields: Vec<ParamField>,
}

/// One query or header parameter.
#[derive(Debug)]
pub struct ParamField {
    pub wire: String,
    pub ident: String,
    /// The field's type; `Option` unless the parameter is required.
    pub ty: Ty,
    pub required: bool,
    pub docs: Docs,
    pub location: ParamLocation,
    pub encoding: ParamEncoding,
}

impl ParamField {
    /// The Rust string literal of the parameter's wire name.
    pub fn wire_literal(&self) -> String {
        format!("{:?}", self.wire)
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Query,
    Header,
}

/// How a parameter value becomes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamEncoding {
    /// One value.
    Single,
    /// An array joined with commas (`style: form`, `explode: false`).
    Comma,
    /// An array sent as the key repeated once per item (`style: form`, `explode: true`).
    Repeat,
    /// An array joined with spaces (`style: spaceDelimited`).
    Space,
    /// An array joined with `|` (`style: pipeDelimited`).
    Pipe,
    /// An object sent as `name[key]=value` pairs (`style: deepObject`).
    DeepObject,
    /// An object sent as one `key=value` pair per property (`style: form`, `explode: true`).
    FormObject,
}

impl ParamEncoding {
    /// The separator that joins array items, for the joined styles.
    pub fn separator(&self) -> &'static str {
        match self {
            ParamEncoding::Space => " ",
            ParamEncoding::Pipe => "|",
            _ => ",",
        }
    }

    /// Reports whether the value is an object encoded by `push_object`.
    pub fn is_object(&self) -> bool {
        matches!(self, ParamEncoding::DeepObject | ParamEncoding::FormObject)
    }
}

/// A generated model file.
#[derive(Debug)]
pub struct Model {
    pub name: String,
    pub module: String,
    /// The schema's key under `components/schemas`, or the pointer of an inline schema.
    pub source: String,
    pub docs: Docs,
    pub kind: ModelKind,
    /// Whether an operation uses this model as its error body, so it implements
    /// `ErrorBody`.
    pub error_body: bool,
    /// Whether an operation sends this model as `multipart/form-data`.
    pub multipart: bool,
}

/// The shape of a model.
#[derive(Debug)]
pub enum ModelKind {
    Struct(StructModel),
    Enum(EnumModel),
    Union(UnionModel),
    Alias(Ty),
}

/// A `oneOf` or `anyOf` schema.
#[derive(Debug)]
pub struct UnionModel {
    pub variants: Vec<UnionVariant>,
    /// The discriminator property, when the schema has one.
    pub tag: Option<String>,
    /// The variant that keeps values matching no other variant.
    pub catch_all: String,
}

impl UnionModel {
    /// The discriminator property as a Rust string literal.
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tag.as_deref().unwrap_or(""))
    }
}

/// One member of a union.
#[derive(Debug)]
pub struct UnionVariant {
    pub ident: String,
    pub ty: Ty,
    /// The discriminator values that select this variant, exactly as the spec writes them;
    /// the first is sent when serializing.
    pub tags: Vec<String>,
}

impl UnionVariant {
    /// The tag values as a match pattern of Rust string literals.
    pub fn tag_pattern(&self) -> String {
        let literals: Vec<String> = self.tags.iter().map(|t| format!("{t:?}")).collect();
        literals.join(" | ")
    }

    /// The first tag value as a Rust string literal.
    pub fn tag_literal(&self) -> String {
        format!("{:?}", self.tags.first().map_or("", String::as_str))
    }
}

/// An object schema.
#[derive(Debug)]
pub struct StructModel {
    pub fields: Vec<Field>,
    /// The value type of `additionalProperties` next to declared properties.
    pub additional: Option<Ty>,
    pub derive_default: bool,
}

impl StructModel {
    /// Fields the constructor takes.
    pub fn required_fields(&self) -> Vec<&Field> {
        self.fields.iter().filter(|f| f.required).collect()
    }

    /// Reports whether any field has a default from the spec.
    pub fn has_field_defaults(&self) -> bool {
        self.fields.iter().any(|f| f.default.is_some())
    }
}

impl Field {
    /// The statement that adds this field to the multipart form `form`: a file part for
    /// bytes, a text part otherwise, JSON text for structured values.
    pub fn multipart_part(&self) -> String {
        let wire = format!("{:?}", self.wire);
        let (inner, optional) = match &self.ty {
            Ty::Option(inner) => (inner.unwrapped(), true),
            other => (other.unwrapped(), false),
        };
        let add = match inner {
            Ty::Bytes => format!(
                "form = form.part({wire}, reqwest::multipart::Part::bytes(value.clone()).file_name({wire}));"
            ),
            Ty::String => format!("form = form.text({wire}, value.clone());"),
            Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::DateTime | Ty::Date => {
                format!("form = form.text({wire}, crate::apis::ToParam::to_param(value));")
            }
            _ => format!(
                "form = form.text({wire}, ::serde_json::to_string(value).unwrap_or_default());"
            ),
        };
        if optional {
            format!("if let Some(value) = &self.{} {{ {add} }}", self.ident)
        } else {
            format!("{{ let value = &self.{}; {add} }}", self.ident)
        }
    }

    /// The expression a constructor or `Default` uses for this field when it is not given.
    pub fn unset_value(&self) -> String {
        match &self.default {
            Some(_) => format!("default_{}()", self.ident),
            None => "None".into(),
        }
    }
}

/// One property of an object schema.
#[derive(Debug)]
pub struct Field {
    pub wire: String,
    pub ident: String,
    /// The field's full type, `Option` included.
    pub ty: Ty,
    pub required: bool,
    /// Whether an unset value is left out when serializing.
    pub skip_none: bool,
    /// Whether the field is optional and nullable, typed `Option<Option<T>>` so absent,
    /// `null` and a value stay distinct.
    pub tri_state: bool,
    /// The schema's `default`, as written in the spec.
    pub default_value: Option<serde_json::Value>,
    /// The Rust expression for the default, when the default has a Rust form.
    pub default: Option<String>,
    pub docs: Docs,
}

impl Field {
    /// The serde attribute for this field, or an empty string when none is needed.
    pub fn serde_attr(&self) -> String {
        let mut parts = Vec::new();
        if self.ident != self.wire {
            parts.push(format!("rename = {:?}", self.wire));
        }
        if self.tri_state {
            parts.push("default".into());
            parts.push("skip_serializing_if = \"Option::is_none\"".into());
            parts.push("with = \"crate::models::double_option\"".into());
        } else if self.default.is_some() {
            parts.push(format!("default = \"default_{}\"", self.ident));
        } else if self.skip_none {
            parts.push("default".into());
            parts.push("skip_serializing_if = \"Option::is_none\"".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("#[serde({})]", parts.join(", "))
        }
    }
}

/// A string or integer enum.
#[derive(Debug)]
pub struct EnumModel {
    pub repr: EnumRepr,
    pub variants: Vec<Variant>,
    /// The name of the variant that keeps values this SDK does not know.
    pub catch_all: String,
    /// The variant named by the schema's `default`.
    pub default: Option<String>,
}

/// The wire type of an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Str,
    Int,
}

/// One enum variant.
#[derive(Debug)]
pub struct Variant {
    pub ident: String,
    /// The wire value as a Rust literal (`"active"` or `3`).
    pub literal: String,
    /// The wire value as shown in docs.
    pub value: String,
}
