//! Object schemas: collecting their properties, merging `allOf` members, and building
//! structs with their defaults.

use std::borrow::Cow;
use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ObjectType, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{schema_docs, Schemas};
use crate::error::{escape_pointer_segment, Error, Result};
use crate::ir::{Field, StructModel, Ty};
use crate::naming::{self, Scope};

/// How deep `allOf` members may nest through references before the merge gives up.
const MAX_ALL_OF_DEPTH: usize = 32;

/// One property of an object schema, with the pointer it was declared at.
pub(super) struct Property<'s> {
    pub name: String,
    pub schema: Cow<'s, ReferenceOr<Box<Schema>>>,
    pub pointer: String,
}

/// The properties of an object schema, `allOf` members merged.
pub(super) struct ObjectParts<'s> {
    pub properties: Vec<Property<'s>>,
    pub required: BTreeSet<String>,
    /// The `additionalProperties` value and its pointer.
    pub additional: Option<(Cow<'s, AdditionalProperties>, String)>,
}

impl ObjectParts<'_> {
    fn empty() -> Self {
        Self {
            properties: Vec::new(),
            required: BTreeSet::new(),
            additional: None,
        }
    }
}

impl<'a> Schemas<'a> {
    /// Returns the object parts of `schema`, or `None` when it is not an object: an object
    /// has `type: object`, or properties without a type, or is an `allOf` of several
    /// schemas.
    pub(super) fn object_parts<'s>(
        &self,
        schema: &'s Schema,
        pointer: &str,
    ) -> Result<Option<ObjectParts<'s>>> {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if self.all_of_members(all_of) > 1 => {
                let mut parts = ObjectParts::empty();
                for (index, member) in all_of.iter().enumerate() {
                    let member_pointer = format!("{pointer}/allOf/{index}");
                    self.merge_member(&mut parts, member, &member_pointer, 0)?;
                }
                Ok(Some(parts))
            }
            _ => Ok(direct_parts(schema, pointer)),
        }
    }

    /// Counts the `allOf` members that say something about the value: a `$ref`, or a schema
    /// with a type or properties. A member that only adds a description does not count.
    pub(super) fn all_of_members(&self, members: &[ReferenceOr<Schema>]) -> usize {
        members
            .iter()
            .filter(|member| match member {
                ReferenceOr::Reference { .. } => true,
                ReferenceOr::Item(schema) => !is_annotation_only(schema),
            })
            .count()
    }

    /// Adds the properties of one `allOf` member to `parts`, following references and
    /// nested `allOf` lists. Merged parts are owned because members come from several places.
    fn merge_member(
        &self,
        parts: &mut ObjectParts<'static>,
        member: &ReferenceOr<Schema>,
        pointer: &str,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_ALL_OF_DEPTH {
            return Err(Error::Conflict {
                pointer: pointer.to_owned(),
                message: "allOf members refer to each other in a loop; break the loop".into(),
            });
        }
        let (schema, pointer): (&Schema, String) = match member {
            ReferenceOr::Item(schema) => (schema, pointer.to_owned()),
            ReferenceOr::Reference { reference } => self.resolve_schema(reference, pointer)?,
        };
        if is_annotation_only(schema) {
            return Ok(());
        }
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            for (index, inner) in all_of.iter().enumerate() {
                let inner_pointer = format!("{pointer}/allOf/{index}");
                self.merge_member(parts, inner, &inner_pointer, depth + 1)?;
            }
            return Ok(());
        }
        let Some(found) = direct_parts(schema, &pointer) else {
            return Err(Error::Unsupported {
                pointer,
                construct: "an allOf member that is not an object".into(),
            });
        };
        merge_parts(parts, into_owned(found))
    }

    /// Builds the struct for an object schema named `name`.
    pub(super) fn struct_model(
        &mut self,
        name: &str,
        object: &ObjectParts<'_>,
    ) -> Result<StructModel> {
        let mut idents = Scope::default();
        let additional = match &object.additional {
            Some((value, value_pointer)) => match value.as_ref() {
                AdditionalProperties::Schema(value) => {
                    Some(self.lower(value, value_pointer, &format!("{name}Value"))?)
                }
                AdditionalProperties::Any(true) => Some(Ty::Json),
                AdditionalProperties::Any(false) => None,
            },
            None => None,
        };
        if additional.is_some() {
            idents.claim("additional_properties", "_");
        }
        let mut properties: Vec<&Property<'_>> = object.properties.iter().collect();
        properties.sort_by(|a, b| a.name.cmp(&b.name));
        let mut fields = Vec::with_capacity(properties.len());
        for property in properties {
            let hint = format!("{name}{}", naming::type_name(&property.name));
            let inner = self.lower(&*property.schema, &property.pointer, &hint)?;
            let required = object.required.contains(&property.name);
            let nullable = self.is_nullable(&*property.schema);
            let default = match &*property.schema {
                ReferenceOr::Item(schema) => schema.schema_data.default.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            let (ty, tri_state) = match (required, nullable) {
                (true, false) => (inner, false),
                (true, true) => (Ty::Option(Box::new(inner)), false),
                (false, false) => (Ty::Option(Box::new(inner)), false),
                (false, true) => (Ty::Option(Box::new(Ty::Option(Box::new(inner)))), true),
            };
            let docs = match &*property.schema {
                ReferenceOr::Item(schema) => schema_docs(schema),
                ReferenceOr::Reference { .. } => Vec::new(),
            };
            fields.push(Field {
                wire: property.name.clone(),
                ident: idents.claim(&naming::snake_ident(&property.name, "field"), "_"),
                ty,
                required,
                skip_none: !required,
                tri_state,
                default_value: default.filter(|_| !tri_state),
                default: None,
                docs,
            });
        }
        Ok(StructModel {
            fields,
            additional,
            derive_default: false,
        })
    }
}

/// Reports whether a schema only annotates (description, title, nullable, example) and
/// constrains nothing.
pub(super) fn is_annotation_only(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.required.is_empty()
                && any.format.is_none()
        }
        _ => false,
    }
}

/// The object parts a schema declares itself, without `allOf`.
fn direct_parts<'s>(schema: &'s Schema, pointer: &str) -> Option<ObjectParts<'s>> {
    let (properties, required, additional) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(ObjectType {
            properties,
            required,
            additional_properties,
            ..
        })) => (properties, required, additional_properties),
        SchemaKind::Any(any)
            if any.typ.as_deref() == Some("object")
                || (any.typ.is_none()
                    && (!any.properties.is_empty() || any.additional_properties.is_some())) =>
        {
            (&any.properties, &any.required, &any.additional_properties)
        }
        _ => return None,
    };
    let properties = properties
        .iter()
        .map(|(name, schema)| Property {
            name: name.clone(),
            schema: Cow::Borrowed(schema),
            pointer: format!("{pointer}/properties/{}", escape_pointer_segment(name)),
        })
        .collect();
    Some(ObjectParts {
        properties,
        required: required.iter().cloned().collect(),
        additional: additional
            .as_ref()
            .map(|a| (Cow::Borrowed(a), format!("{pointer}/additionalProperties"))),
    })
}

fn into_owned(parts: ObjectParts<'_>) -> ObjectParts<'static> {
    ObjectParts {
        properties: parts
            .properties
            .into_iter()
            .map(|p| Property {
                name: p.name,
                schema: Cow::Owned(p.schema.into_owned()),
                pointer: p.pointer,
            })
            .collect(),
        required: parts.required,
        additional: parts
            .additional
            .map(|(a, pointer)| (Cow::Owned(a.into_owned()), pointer)),
    }
}

/// Adds `more` to `parts`, failing when a property is declared twice with different types.
fn merge_parts<'s>(parts: &mut ObjectParts<'s>, more: ObjectParts<'s>) -> Result<()> {
    for property in more.properties {
        match parts.properties.iter().find(|p| p.name == property.name) {
            Some(existing) if shape(&existing.schema) != shape(&property.schema) => {
                return Err(Error::Conflict {
                    pointer: property.pointer.clone(),
                    message: format!(
                        "property `{}` has a different type here than at {}; make the allOf \
                         members agree on it",
                        property.name, existing.pointer
                    ),
                })
            }
            Some(_) => {}
            None => parts.properties.push(property),
        }
    }
    parts.required.extend(more.required);
    if more.additional.is_some() {
        parts.additional = more.additional;
    }
    Ok(())
}

/// A property's schema without its annotations, for comparing declarations.
fn shape(schema: &ReferenceOr<Box<Schema>>) -> serde_json::Value {
    let mut value = serde_json::to_value(schema).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        for key in [
            "description",
            "title",
            "example",
            "examples",
            "default",
            "externalDocs",
        ] {
            map.remove(key);
        }
    }
    value
}
