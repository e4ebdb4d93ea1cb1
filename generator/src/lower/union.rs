//! `oneOf` and `anyOf` schemas, lowered into enums: internally tagged when the schema has a
//! `discriminator`, untagged otherwise. Either way a catch-all variant keeps values that
//! match no variant, so a new variant on the server does not break old clients.

use std::collections::BTreeMap;

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::schema::Schemas;
use crate::error::{Error, Result};
use crate::ir::{Ty, UnionModel, UnionVariant};
use crate::naming::{self, Scope};

impl Schemas<'_> {
    /// Builds the enum for a `oneOf` or `anyOf` schema named `name`.
    pub(super) fn union_model(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
        pointer: &str,
        keyword: &str,
    ) -> Result<UnionModel> {
        let mut scope = Scope::default();
        let mut variants = Vec::with_capacity(members.len());
        let tags_by_ref = discriminator.map(|d| {
            let mut tags: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (key, reference) in &d.mapping {
                tags.entry(reference.as_str())
                    .or_default()
                    .push(key.clone());
            }
            tags
        });
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{keyword}/{index}");
            let hint = format!("{name}Variant{}", index + 1);
            let ty = self.lower(member, &member_pointer, &hint)?;
            let tags = match (&tags_by_ref, member) {
                (None, _) => Vec::new(),
                (Some(mapped), ReferenceOr::Reference { reference }) => {
                    match mapped.get(reference.as_str()) {
                        Some(keys) => keys.clone(),
                        // Without a mapping entry the tag is the schema's name.
                        None => vec![reference.rsplit('/').next().unwrap_or_default().to_owned()],
                    }
                }
                (Some(_), ReferenceOr::Item(_)) => {
                    return Err(Error::Unsupported {
                        pointer: member_pointer,
                        construct: "an inline schema in a oneOf with a discriminator; use a $ref"
                            .into(),
                    })
                }
            };
            let base = match tags.first() {
                Some(tag) => naming::variant_name(tag),
                None => variant_base(&ty, member),
            };
            variants.push(UnionVariant {
                ident: scope.claim(&base, ""),
                ty,
                tags,
            });
        }
        let catch_all = if discriminator.is_some() {
            "Unknown"
        } else {
            "Other"
        };
        Ok(UnionModel {
            variants,
            tag: discriminator.map(|d| d.property_name.clone()),
            catch_all: scope.claim(catch_all, ""),
        })
    }
}

/// A readable variant name for an untagged member: the model's name, or the kind of value.
fn variant_base(ty: &Ty, member: &ReferenceOr<Schema>) -> String {
    if let ReferenceOr::Item(schema) = member {
        if let Some(title) = &schema.schema_data.title {
            return naming::type_name(title);
        }
    }
    match ty {
        Ty::Model(name) | Ty::Local(name) => name.clone(),
        Ty::String => "String".into(),
        Ty::Bool => "Boolean".into(),
        Ty::I32 | Ty::I64 => "Integer".into(),
        Ty::F32 | Ty::F64 => "Number".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Date => "Date".into(),
        Ty::Bytes => "Bytes".into(),
        Ty::Json => "Json".into(),
        Ty::Unit => "Empty".into(),
        Ty::Vec(inner) => format!("{}List", variant_base(inner, member)),
        Ty::Map(inner) => format!("{}Map", variant_base(inner, member)),
        Ty::Option(inner) | Ty::Boxed(inner) => variant_base(inner, member),
    }
}
