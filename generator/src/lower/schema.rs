//! Lowers component and inline schemas into models and Rust types.
//!
//! Component schemas are named first, in sorted order, so a reference can be turned into a
//! type name before its target is lowered and inline models never take a component's name.
//! After every schema is lowered, fields that close a `$ref` cycle are boxed and `Default`
//! is derived where every required field has a default.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ObjectType, OpenAPI, ReferenceOr, Schema,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::docs;
use crate::error::{escape_pointer_segment, Error, Result};
use crate::ir::{EnumModel, EnumRepr, Field, Model, ModelKind, StructModel, Ty, Variant};
use crate::naming::{self, Scope};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Lowers schemas and owns every model produced so far.
pub struct Schemas<'a> {
    doc: &'a OpenAPI,
    /// Component key to Rust type name.
    names: BTreeMap<String, String>,
    models: BTreeMap<String, Model>,
    types: Scope,
    modules: Scope,
}

impl<'a> Schemas<'a> {
    /// Names every component schema of `doc`.
    pub fn new(doc: &'a OpenAPI) -> Self {
        let mut types = Scope::default();
        let mut names = BTreeMap::new();
        if let Some(components) = &doc.components {
            let mut keys: Vec<&String> = components.schemas.keys().collect();
            keys.sort();
            for key in keys {
                let name = types.claim(&naming::type_name(key), "");
                names.insert(key.clone(), name);
            }
        }
        Self {
            doc,
            names,
            models: BTreeMap::new(),
            types,
            modules: Scope::with_reserved(&["mod"]),
        }
    }

    /// Lowers every component schema into a model.
    pub fn lower_components(&mut self) -> Result<()> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        let mut entries: Vec<_> = components.schemas.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (key, schema) in entries {
            let name = self.names[key].clone();
            let pointer = format!("{SCHEMA_PREFIX}{}", escape_pointer_segment(key));
            let (docs, kind) = match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.resolve_name(reference, &pointer)?;
                    (Vec::new(), ModelKind::Alias(Ty::Model(target)))
                }
                ReferenceOr::Item(schema) => (
                    schema_docs(schema),
                    self.model_kind(&name, schema, &pointer)?,
                ),
            };
            self.insert_model(name, key.clone(), docs, kind);
        }
        Ok(())
    }

    /// Finishes lowering: boxes cycles, decides `Default`, and returns models sorted by name.
    pub fn finish(mut self) -> Result<Vec<Model>> {
        self.check_alias_cycles()?;
        self.box_cycles();
        self.derive_defaults();
        Ok(self.models.into_values().collect())
    }

    /// Lowers a schema or reference in property, parameter or body position. `hint` names an
    /// inline object or enum that needs a model of its own.
    pub fn lower<S: AsSchema>(
        &mut self,
        schema: &ReferenceOr<S>,
        pointer: &str,
        hint: &str,
    ) -> Result<Ty> {
        match schema {
            ReferenceOr::Reference { reference } => {
                Ok(Ty::Model(self.resolve_name(reference, pointer)?))
            }
            ReferenceOr::Item(schema) => self.lower_inline(schema.as_schema(), pointer, hint),
        }
    }

    /// Reports whether `schema` allows `null`.
    pub fn is_nullable<S: AsSchema>(&self, schema: &ReferenceOr<S>) -> bool {
        match schema {
            ReferenceOr::Reference { .. } => false,
            ReferenceOr::Item(schema) => {
                let data = &schema.as_schema().schema_data;
                data.nullable || data.extensions.get("x-nullable") == Some(&true.into())
            }
        }
    }

    fn resolve_name(&self, reference: &str, pointer: &str) -> Result<String> {
        let unresolved = || Error::UnresolvedRef {
            pointer: pointer.to_owned(),
            reference: reference.to_owned(),
        };
        let key = reference
            .strip_prefix(SCHEMA_PREFIX)
            .ok_or_else(unresolved)?;
        let key = key.replace("~1", "/").replace("~0", "~");
        self.names.get(&key).cloned().ok_or_else(unresolved)
    }

    fn insert_model(&mut self, name: String, source: String, docs: Vec<String>, kind: ModelKind) {
        let module = self
            .modules
            .claim(&naming::snake_ident(&name, "model"), "_");
        let model = Model {
            name: name.clone(),
            module,
            source,
            docs,
            kind,
        };
        self.models.insert(name, model);
    }

    /// Decides the shape of a named model.
    fn model_kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<ModelKind> {
        if let Some(object) = object_parts(schema, pointer) {
            if !object.properties.is_empty() {
                return self
                    .struct_model(name, &object, pointer)
                    .map(ModelKind::Struct);
            }
        }
        if let Some(kind) = self.enum_model(schema, pointer)? {
            return Ok(ModelKind::Enum(kind));
        }
        Ok(ModelKind::Alias(self.plain_type(schema, pointer, name)?))
    }

    /// Lowers an inline schema, creating a model named `hint` for objects and enums.
    fn lower_inline(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Ty> {
        let has_properties =
            object_parts(schema, pointer).is_some_and(|o| !o.properties.is_empty());
        let is_enum = has_enum(schema) && !has_properties;
        if has_properties || is_enum {
            let name = self.types.claim(hint, "");
            let kind = self.model_kind(&name, schema, pointer)?;
            self.insert_model(name.clone(), pointer.to_owned(), schema_docs(schema), kind);
            return Ok(Ty::Model(name));
        }
        self.plain_type(schema, pointer, hint)
    }

    /// Lowers a schema that needs no model of its own: primitives, arrays, maps, wrappers.
    fn plain_type(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Ty> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => Ok(match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Ty::Bytes,
                _ => Ty::String,
            }),
            SchemaKind::Type(Type::Integer(i)) => Ok(match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            }),
            SchemaKind::Type(Type::Number(n)) => Ok(match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Ok(Ty::Bool),
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item_pointer = format!("{pointer}/items");
                    let inner = self.lower(items, &item_pointer, &format!("{hint}Item"))?;
                    Ok(Ty::Vec(Box::new(inner)))
                }
                None => Ok(Ty::Vec(Box::new(Ty::Json))),
            },
            SchemaKind::Type(Type::Object(_)) | SchemaKind::Any(_) => {
                match object_parts(schema, pointer) {
                    Some(object) => self.map_type(&object, pointer, hint),
                    None => self.any_type(schema, pointer, hint),
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.lower(&all_of[0], &format!("{pointer}/allOf/0"), hint)
            }
            SchemaKind::AllOf { .. } => Err(unsupported(pointer, "allOf with several schemas")),
            SchemaKind::OneOf { .. } => Err(unsupported(pointer, "oneOf")),
            SchemaKind::AnyOf { .. } => Err(unsupported(pointer, "anyOf")),
            SchemaKind::Not { .. } => Err(unsupported(pointer, "not")),
        }
    }

    /// Lowers a schema without `type` that is not an object: a bare `{}` is free-form JSON.
    fn any_type(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Ty> {
        let SchemaKind::Any(any) = &schema.schema_kind else {
            return Ok(Ty::Json);
        };
        match any.typ.as_deref() {
            None if any.items.is_some() => {
                Err(unsupported(pointer, "`items` without `type: array`"))
            }
            None => Ok(Ty::Json),
            Some("string") => Ok(Ty::String),
            Some("integer") => Ok(Ty::I64),
            Some("number") => Ok(Ty::F64),
            Some("boolean") => Ok(Ty::Bool),
            Some("array") => match &any.items {
                Some(items) => Ok(Ty::Vec(Box::new(self.lower(
                    items,
                    &format!("{pointer}/items"),
                    &format!("{hint}Item"),
                )?))),
                None => Ok(Ty::Vec(Box::new(Ty::Json))),
            },
            Some(other) => Err(unsupported(pointer, &format!("schema type `{other}`"))),
        }
    }

    /// Lowers an object without properties: a map when `additionalProperties` has a schema.
    fn map_type(&mut self, object: &ObjectParts<'_>, pointer: &str, hint: &str) -> Result<Ty> {
        match object.additional {
            Some(AdditionalProperties::Schema(value)) => {
                let value_pointer = format!("{pointer}/additionalProperties");
                let inner = self.lower(value, &value_pointer, &format!("{hint}Value"))?;
                Ok(Ty::Map(Box::new(inner)))
            }
            Some(AdditionalProperties::Any(true)) => Ok(Ty::Map(Box::new(Ty::Json))),
            _ => Ok(Ty::Json),
        }
    }

    fn struct_model(
        &mut self,
        name: &str,
        object: &ObjectParts<'_>,
        pointer: &str,
    ) -> Result<StructModel> {
        let mut idents = Scope::default();
        let additional = match object.additional {
            Some(AdditionalProperties::Schema(value)) => {
                let value_pointer = format!("{pointer}/additionalProperties");
                Some(self.lower(value, &value_pointer, &format!("{name}Value"))?)
            }
            Some(AdditionalProperties::Any(true)) => Some(Ty::Json),
            _ => None,
        };
        if additional.is_some() {
            idents.claim("additional_properties", "_");
        }
        let mut properties: Vec<(&String, _)> = object.properties.iter().collect();
        properties.sort_by(|a, b| a.0.cmp(b.0));
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, property) in properties {
            let property_pointer = format!("{pointer}/properties/{}", escape_pointer_segment(wire));
            let hint = format!("{name}{}", naming::type_name(wire));
            let inner = self.lower(property, &property_pointer, &hint)?;
            let required = object.required.iter().any(|r| r == wire);
            let nullable = self.is_nullable(property);
            let ty = if required && !nullable {
                inner
            } else {
                Ty::Option(Box::new(inner))
            };
            let docs = match property {
                ReferenceOr::Item(schema) => schema_docs(schema),
                ReferenceOr::Reference { .. } => Vec::new(),
            };
            fields.push(Field {
                wire: wire.clone(),
                ident: idents.claim(&naming::snake_ident(wire, "field"), "_"),
                ty,
                required,
                skip_none: !required,
                docs,
            });
        }
        Ok(StructModel {
            fields,
            additional,
            derive_default: false,
        })
    }

    fn enum_model(&mut self, schema: &Schema, pointer: &str) -> Result<Option<EnumModel>> {
        let names = string_list(schema.schema_data.extensions.get("x-enum-varnames"));
        let (repr, values): (EnumRepr, Vec<(String, String)>) = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => (
                EnumRepr::Str,
                s.enumeration
                    .iter()
                    .flatten()
                    .map(|v| (v.clone(), format!("{v:?}")))
                    .collect(),
            ),
            SchemaKind::Type(Type::Integer(i)) if !i.enumeration.is_empty() => (
                EnumRepr::Int,
                i.enumeration
                    .iter()
                    .flatten()
                    .map(|v| (v.to_string(), v.to_string()))
                    .collect(),
            ),
            _ => return Ok(None),
        };
        let mut seen = BTreeSet::new();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, (value, literal)) in values.into_iter().enumerate() {
            if !seen.insert(value.clone()) {
                log::warn!("{pointer}: enum value {value:?} is listed twice; keeping the first");
                continue;
            }
            let base = match names.get(index) {
                Some(name) => naming::variant_name(name),
                None if repr == EnumRepr::Int => format!("Value{}", value.replace('-', "Minus")),
                None => naming::variant_name(&value),
            };
            variants.push(Variant {
                ident: scope.claim(&base, ""),
                literal,
                value,
            });
        }
        let catch_all = if scope.contains("Unknown") {
            "UnknownValue"
        } else {
            "Unknown"
        };
        let catch_all = scope.claim(catch_all, "");
        let default = schema.schema_data.default.as_ref().and_then(|d| {
            let text = match d {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            variants
                .iter()
                .find(|v| v.value == text)
                .map(|v| v.ident.clone())
        });
        Ok(Some(EnumModel {
            repr,
            variants,
            catch_all,
            default,
        }))
    }

    /// Fails when type aliases refer to each other in a loop, which Rust cannot express.
    fn check_alias_cycles(&self) -> Result<()> {
        for model in self.models.values() {
            let mut seen = BTreeSet::new();
            let mut current = model;
            while let ModelKind::Alias(Ty::Model(target)) = &current.kind {
                if !seen.insert(current.name.clone()) {
                    return Err(Error::Conflict {
                        pointer: model.source.clone(),
                        message: "schema is a $ref cycle with no object in it, so it has no \
                                  finite Rust type; break the cycle in the spec"
                            .into(),
                    });
                }
                match self.models.get(target) {
                    Some(next) => current = next,
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Boxes every field whose type leads back to the struct that holds it without passing
    /// through a `Vec` or a map, since such a struct would have infinite size.
    fn box_cycles(&mut self) {
        let edges: BTreeMap<String, BTreeSet<String>> = self
            .models
            .values()
            .map(|m| (m.name.clone(), direct_targets(&m.kind)))
            .collect();
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if node == to {
                    return true;
                }
                if seen.insert(node.clone()) {
                    stack.extend(edges.get(&node).into_iter().flatten().cloned());
                }
            }
            false
        };
        let mut to_box = Vec::new();
        for model in self.models.values() {
            if let ModelKind::Struct(s) = &model.kind {
                for (index, field) in s.fields.iter().enumerate() {
                    if let Ty::Model(target) = field.ty.unwrapped() {
                        if reaches(target, &model.name) {
                            to_box.push((model.name.clone(), index));
                        }
                    }
                }
            }
        }
        for (name, index) in to_box {
            if let Some(Model {
                kind: ModelKind::Struct(s),
                ..
            }) = self.models.get_mut(&name)
            {
                let field = &mut s.fields[index];
                field.ty = match std::mem::replace(&mut field.ty, Ty::Unit) {
                    Ty::Option(inner) => Ty::Option(Box::new(Ty::Boxed(inner))),
                    other => Ty::Boxed(Box::new(other)),
                };
            }
        }
    }

    fn derive_defaults(&mut self) {
        let names: Vec<String> = self.models.keys().cloned().collect();
        let mut memo = BTreeMap::new();
        for name in &names {
            let value = defaultable_model(&self.models, name, &mut memo, &mut BTreeSet::new());
            if let Some(Model {
                kind: ModelKind::Struct(s),
                ..
            }) = self.models.get_mut(name)
            {
                s.derive_default = value;
            }
        }
    }
}

/// Gives `lower` one signature for `Schema` and `Box<Schema>`.
pub trait AsSchema {
    /// Returns the schema.
    fn as_schema(&self) -> &Schema;
}

impl AsSchema for Schema {
    fn as_schema(&self) -> &Schema {
        self
    }
}

impl AsSchema for Box<Schema> {
    fn as_schema(&self) -> &Schema {
        self
    }
}

/// The object-related parts of a schema, whether it says `type: object` or only has
/// properties.
struct ObjectParts<'s> {
    properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
}

fn object_parts<'s>(schema: &'s Schema, pointer: &str) -> Option<ObjectParts<'s>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(ObjectType {
            properties,
            required,
            additional_properties,
            ..
        })) => Some(ObjectParts {
            properties,
            required,
            additional: additional_properties.as_ref(),
        }),
        SchemaKind::Any(any)
            if any.typ.as_deref() == Some("object")
                || (any.typ.is_none()
                    && (!any.properties.is_empty() || any.additional_properties.is_some())) =>
        {
            if !any.enumeration.is_empty() {
                log::warn!(
                    "{pointer}: object schema also has an `enum`; the enum is ignored and the \
                     schema is treated as an object"
                );
            }
            Some(ObjectParts {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            })
        }
        _ => None,
    }
}

fn has_enum(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => !i.enumeration.is_empty(),
        _ => false,
    }
}

fn string_list(value: Option<&serde_json::Value>) -> Vec<String> {
    value
        .and_then(|v| v.as_array())
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Doc lines for a schema: its title, then its description.
pub fn schema_docs(schema: &Schema) -> Vec<String> {
    let data = &schema.schema_data;
    docs::paragraphs([data.title.as_deref(), data.description.as_deref()])
}

fn unsupported(pointer: &str, construct: &str) -> Error {
    Error::Unsupported {
        pointer: pointer.to_owned(),
        construct: construct.to_owned(),
    }
}

/// Models a value of this kind holds inline, not behind a `Vec`, map or `Box`.
fn direct_targets(kind: &ModelKind) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |ty: &Ty| {
        if let Ty::Model(name) = strip_option(ty) {
            out.insert(name.clone());
        }
    };
    match kind {
        ModelKind::Struct(s) => s.fields.iter().for_each(|f| add(&f.ty)),
        ModelKind::Alias(ty) => add(ty),
        ModelKind::Enum(_) => {}
    }
    out
}

fn strip_option(ty: &Ty) -> &Ty {
    match ty {
        Ty::Option(inner) => strip_option(inner),
        other => other,
    }
}

fn defaultable_model(
    models: &BTreeMap<String, Model>,
    name: &str,
    memo: &mut BTreeMap<String, bool>,
    visiting: &mut BTreeSet<String>,
) -> bool {
    if let Some(value) = memo.get(name) {
        return *value;
    }
    if !visiting.insert(name.to_owned()) {
        return true;
    }
    let value = match models.get(name).map(|m| &m.kind) {
        Some(ModelKind::Struct(s)) => s
            .fields
            .iter()
            .filter(|f| f.required)
            .all(|f| defaultable_type(models, &f.ty, memo, visiting)),
        Some(ModelKind::Enum(e)) => e.default.is_some(),
        Some(ModelKind::Alias(ty)) => defaultable_type(models, ty, memo, visiting),
        None => false,
    };
    visiting.remove(name);
    memo.insert(name.to_owned(), value);
    value
}

fn defaultable_type(
    models: &BTreeMap<String, Model>,
    ty: &Ty,
    memo: &mut BTreeMap<String, bool>,
    visiting: &mut BTreeSet<String>,
) -> bool {
    match ty {
        Ty::Boxed(inner) => defaultable_type(models, inner, memo, visiting),
        Ty::Model(name) => defaultable_model(models, name, memo, visiting),
        _ => true,
    }
}
