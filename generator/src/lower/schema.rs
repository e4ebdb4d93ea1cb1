//! Lowers component and inline schemas into models and Rust types.
//!
//! Component schemas are named first, in sorted order, so a reference can be turned into a
//! type name before its target is lowered and inline models never take a component's name.
//! After every schema is lowered, fields that close a `$ref` cycle are boxed and `Default`
//! is derived where every required field has a default.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::object::ObjectParts;
use crate::docs;
use crate::error::{escape_pointer_segment, Error, Result};
use crate::ir::{EnumModel, EnumRepr, Model, ModelKind, Ty, Variant};
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
                // NOTE: schemas whose names differ only in case (`Thing`, `thing`) become
                // `Thing` and `Thing2` without a warning or a doc line naming the schema.
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
        self.field_defaults();
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

    /// Reports whether the model `name` is a struct, following aliases.
    pub fn is_object(&self, name: &str) -> bool {
        let mut current = name;
        for _ in 0..=self.models.len() {
            match self.models.get(current).map(|m| &m.kind) {
                Some(ModelKind::Struct(_)) => return true,
                Some(ModelKind::Alias(Ty::Model(next))) => current = next,
                Some(ModelKind::Alias(Ty::Map(_) | Ty::Json)) => return true,
                _ => return false,
            }
        }
        false
    }

    /// Marks the struct `name`, or the struct an alias names, as sent as multipart form data.
    pub fn mark_multipart(&mut self, name: &str) {
        let mut current = name.to_owned();
        for _ in 0..=self.models.len() {
            match self.models.get_mut(&current) {
                Some(Model {
                    kind: ModelKind::Alias(Ty::Model(next)),
                    ..
                }) => current = next.clone(),
                Some(model) => {
                    model.multipart = true;
                    return;
                }
                None => return,
            }
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

    /// Follows a schema reference, and references it points at, to a schema and its pointer.
    pub(super) fn resolve_schema(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(&'a Schema, String)> {
        let unresolved = || Error::UnresolvedRef {
            pointer: pointer.to_owned(),
            reference: reference.to_owned(),
        };
        let schemas = &self.doc.components.as_ref().ok_or_else(unresolved)?.schemas;
        let mut current = reference;
        for _ in 0..=schemas.len() {
            let key = current.strip_prefix(SCHEMA_PREFIX).ok_or_else(unresolved)?;
            let key = key.replace("~1", "/").replace("~0", "~");
            match schemas.get(&key).ok_or_else(unresolved)? {
                ReferenceOr::Item(schema) => return Ok((schema, current.to_owned())),
                ReferenceOr::Reference { reference } => current = reference,
            }
        }
        Err(Error::Conflict {
            pointer: pointer.to_owned(),
            message: format!("$ref `{reference}` leads into a loop of references"),
        })
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
            error_body: false,
            multipart: false,
        };
        self.models.insert(name, model);
    }

    /// Decides the shape of a named model.
    fn model_kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<ModelKind> {
        warn_object_enum(schema, pointer);
        if let Some((keyword, members)) = union_members(schema) {
            if self.all_of_members(members) > 1 {
                let discriminator = schema.schema_data.discriminator.as_ref();
                let union = self.union_model(name, members, discriminator, pointer, keyword)?;
                return Ok(ModelKind::Union(union));
            }
        }
        if let Some(object) = self.object_parts(schema, pointer)? {
            if !object.properties.is_empty() {
                return self.struct_model(name, &object).map(ModelKind::Struct);
            }
        }
        if let Some(kind) = self.enum_model(schema, pointer)? {
            return Ok(ModelKind::Enum(kind));
        }
        Ok(ModelKind::Alias(self.plain_type(schema, pointer, name)?))
    }

    /// Lowers an inline schema, creating a model named `hint` for objects, enums and unions.
    fn lower_inline(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Ty> {
        let has_properties = self
            .object_parts(schema, pointer)?
            .is_some_and(|o| !o.properties.is_empty());
        let is_union = union_members(schema).is_some_and(|(_, m)| self.all_of_members(m) > 1);
        let is_enum = has_enum(schema) && !has_properties;
        if has_properties || is_enum || is_union {
            let name = self.types.claim(hint, "");
            let kind = self.model_kind(&name, schema, pointer)?;
            self.insert_model(name.clone(), pointer.to_owned(), schema_docs(schema), kind);
            return Ok(Ty::Model(name));
        }
        self.plain_type(schema, pointer, hint)
    }

    /// Lowers the one member of an `allOf`, `oneOf` or `anyOf` that says something, which
    /// wraps a `$ref` to add a description.
    fn lower_wrapper(
        &mut self,
        members: &[ReferenceOr<Schema>],
        keyword: &str,
        pointer: &str,
        hint: &str,
    ) -> Result<Ty> {
        let found = members.iter().enumerate().find(|(_, m)| match m {
            ReferenceOr::Reference { .. } => true,
            ReferenceOr::Item(schema) => !super::object::is_annotation_only(schema),
        });
        match found {
            Some((index, member)) => {
                self.lower(member, &format!("{pointer}/{keyword}/{index}"), hint)
            }
            None => Ok(Ty::Json),
        }
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
                match self.object_parts(schema, pointer)? {
                    Some(object) => self.map_type(&object, hint),
                    None => self.any_type(schema, pointer, hint),
                }
            }
            SchemaKind::AllOf { all_of } => match self.object_parts(schema, pointer)? {
                Some(object) if self.all_of_members(all_of) > 1 => self.map_type(&object, hint),
                _ => self.lower_wrapper(all_of, "allOf", pointer, hint),
            },
            SchemaKind::OneOf { one_of } => self.lower_wrapper(one_of, "oneOf", pointer, hint),
            SchemaKind::AnyOf { any_of } => self.lower_wrapper(any_of, "anyOf", pointer, hint),
            SchemaKind::Not { .. } => Err(unsupported(pointer, "not")),
        }
    }

    /// Lowers a schema without `type` that is not an object: a bare `{}` is free-form JSON.
    fn any_type(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Ty> {
        let SchemaKind::Any(any) = &schema.schema_kind else {
            return Ok(Ty::Json);
        };
        match any.typ.as_deref() {
            // swaggo writes a field that refers to an enum with its own `enum` list as
            // `allOf: [$ref]` beside that list, which `openapiv3` reads as an untyped schema.
            // The field's type is the referenced schema.
            None if any.all_of.len() == 1
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none() =>
            {
                self.lower(&any.all_of[0], &format!("{pointer}/allOf/0"), hint)
            }
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
    fn map_type(&mut self, object: &ObjectParts<'_>, hint: &str) -> Result<Ty> {
        match &object.additional {
            Some((value, value_pointer)) => match value.as_ref() {
                AdditionalProperties::Schema(value) => {
                    let inner = self.lower(value, value_pointer, &format!("{hint}Value"))?;
                    Ok(Ty::Map(Box::new(inner)))
                }
                AdditionalProperties::Any(true) => Ok(Ty::Map(Box::new(Ty::Json))),
                AdditionalProperties::Any(false) => Ok(Ty::Json),
            },
            None => Ok(Ty::Json),
        }
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
            let types: Vec<&Ty> = match &model.kind {
                ModelKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                ModelKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                _ => Vec::new(),
            };
            for (index, ty) in types.into_iter().enumerate() {
                if let Ty::Model(target) = ty.unwrapped() {
                    if reaches(target, &model.name) {
                        to_box.push((model.name.clone(), index));
                    }
                }
            }
        }
        for (name, index) in to_box {
            let ty = match self.models.get_mut(&name).map(|m| &mut m.kind) {
                Some(ModelKind::Struct(s)) => &mut s.fields[index].ty,
                Some(ModelKind::Union(u)) => &mut u.variants[index].ty,
                _ => continue,
            };
            *ty = box_innermost(std::mem::replace(ty, Ty::Unit));
        }
    }

    /// Turns each field's spec default into a Rust expression, now that every enum it may
    /// name is known.
    fn field_defaults(&mut self) {
        let mut computed = Vec::new();
        for model in self.models.values() {
            if let ModelKind::Struct(s) = &model.kind {
                for (index, field) in s.fields.iter().enumerate() {
                    let Some(value) = &field.default_value else {
                        continue;
                    };
                    let ty = if field.required {
                        &field.ty
                    } else {
                        field.ty.unwrapped()
                    };
                    match default_expr(&self.models, ty, value) {
                        Some(expr) => computed.push((model.name.clone(), index, expr)),
                        None => log::debug!(
                            "{}: default {value} of `{}` has no Rust form; it is not applied",
                            model.source,
                            field.wire
                        ),
                    }
                }
            }
        }
        for (name, index, expr) in computed {
            if let Some(ModelKind::Struct(s)) = self.models.get_mut(&name).map(|m| &mut m.kind) {
                let field = &mut s.fields[index];
                if !field.required {
                    field.ty = field.ty.unwrapped().clone();
                    field.skip_none = false;
                }
                field.default = Some(expr);
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

/// Warns about an object schema that also has an `enum`, as swaggo writes for Go types
/// with constants; the rule is to treat it as an object and ignore the enum.
fn warn_object_enum(schema: &Schema, pointer: &str) {
    if let SchemaKind::Any(any) = &schema.schema_kind {
        let object = any.typ.as_deref() == Some("object") || !any.properties.is_empty();
        if object && !any.enumeration.is_empty() {
            log::warn!(
                "{pointer}: object schema also has an `enum`; the enum is ignored and the schema \
                 is treated as an object"
            );
        }
    }
}

/// Returns the keyword and members of a `oneOf` or `anyOf` schema.
fn union_members(schema: &Schema) -> Option<(&'static str, &[ReferenceOr<Schema>])> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some(("oneOf", one_of)),
        SchemaKind::AnyOf { any_of } => Some(("anyOf", any_of)),
        _ => None,
    }
}

/// Wraps the model inside `Option`s in a `Box`, so `Option<Option<T>>` stays that shape.
fn box_innermost(ty: Ty) -> Ty {
    match ty {
        Ty::Option(inner) => Ty::Option(Box::new(box_innermost(*inner))),
        Ty::Boxed(inner) => Ty::Boxed(inner),
        other => Ty::Boxed(Box::new(other)),
    }
}

/// The Rust expression for a spec `default` of type `ty`, when there is a plain one.
fn default_expr(
    models: &BTreeMap<String, Model>,
    ty: &Ty,
    value: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (ty, value) {
        (Ty::String, Value::String(s)) => Some(format!("{s:?}.to_owned()")),
        (Ty::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Ty::I32, Value::Number(n)) => n
            .as_i64()
            .filter(|v| i32::try_from(*v).is_ok())
            .map(|v| v.to_string()),
        (Ty::I64, Value::Number(n)) => n.as_i64().map(|v| v.to_string()),
        (Ty::F32 | Ty::F64, Value::Number(n)) => n.as_f64().map(|v| format!("{v:?}")),
        (Ty::Vec(_), Value::Array(items)) if items.is_empty() => Some("Vec::new()".into()),
        (Ty::Model(name), value) => match &models.get(name)?.kind {
            ModelKind::Enum(e) => {
                let text = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let variant = e.variants.iter().find(|v| v.value == text)?;
                Some(format!("crate::models::{name}::{}", variant.ident))
            }
            ModelKind::Alias(inner) => default_expr(models, inner, value),
            _ => None,
        },
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
        ModelKind::Union(u) => u.variants.iter().for_each(|v| add(&v.ty)),
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
        Some(ModelKind::Union(_)) => false,
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
