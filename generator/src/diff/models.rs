//! Compares models, their fields and their enum values, and works out where operations use
//! each model.

use std::collections::{BTreeMap, BTreeSet};

use super::{push, short, type_change, ApiDiff, Aspects, ChangeKind, Impact, Subject};
use crate::surface::{EnumValueSurface, FieldSurface, ModelSurface, Shape, Surface};

/// The sides of the operations that use a model. A model is in requests when a body or
/// parameter type leads to it, and in responses when a response or error type does, through
/// fields, map values and aliases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub request: bool,
    pub response: bool,
}

impl Usage {
    /// Describes the usage as the report prints it.
    pub fn describe(self) -> &'static str {
        match (self.request, self.response) {
            (true, true) => "in requests and responses",
            (true, false) => "in requests",
            (false, true) => "in responses",
            (false, false) => "not used by any operation",
        }
    }

    fn union(self, other: Usage) -> Usage {
        Usage {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

/// Works out the [`Usage`] of every model of `surface`.
pub fn usage(surface: &Surface) -> BTreeMap<String, Usage> {
    let models: BTreeMap<&str, &ModelSurface> = surface
        .models
        .iter()
        .map(|m| (m.name.as_str(), m))
        .collect();
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &surface.operations {
        request_roots.extend(op.parameters.iter().map(|p| p.ty.as_str()));
        request_roots.extend(op.body.iter().map(|b| b.ty.as_str()));
        response_roots.push(op.response.as_str());
        response_roots.push(op.error.as_str());
    }
    let request = reachable(&models, &request_roots);
    let response = reachable(&models, &response_roots);
    surface
        .models
        .iter()
        .map(|m| {
            let name = m.name.as_str();
            let usage = Usage {
                request: request.contains(name),
                response: response.contains(name),
            };
            (m.name.clone(), usage)
        })
        .collect()
}

/// Names every model that the types in `roots` lead to.
fn reachable<'a>(
    models: &BTreeMap<&'a str, &'a ModelSurface>,
    roots: &[&'a str],
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&str> = roots.iter().flat_map(|ty| model_names(ty)).collect();
    while let Some(name) = pending.pop() {
        let Some(model) = models.get(name) else {
            continue;
        };
        if !seen.insert(model.name.as_str()) {
            continue;
        }
        match &model.shape {
            Shape::Struct { fields, additional } => {
                pending.extend(fields.iter().flat_map(|f| model_names(&f.ty)));
                pending.extend(additional.iter().flat_map(|ty| model_names(ty)));
            }
            Shape::Alias { target } => pending.extend(model_names(target)),
            Shape::Union { variants, .. } => {
                pending.extend(variants.iter().flat_map(|v| model_names(&v.ty)));
            }
            Shape::Enum { .. } => {}
        }
    }
    seen
}

/// Names the models a Rust type mentions, which it spells as `crate::models::Name`.
fn model_names(ty: &str) -> Vec<&str> {
    const PREFIX: &str = "crate::models::";
    let mut names = Vec::new();
    let mut rest = ty;
    while let Some(at) = rest.find(PREFIX) {
        rest = &rest[at + PREFIX.len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        names.push(&rest[..end]);
        rest = &rest[end..];
    }
    names
}

pub(super) fn diff_models(old: &Surface, new: &Surface, out: &mut ApiDiff) {
    let old_usage = usage(old);
    let new_usage = usage(new);
    let old_models: BTreeMap<&str, &ModelSurface> =
        old.models.iter().map(|m| (m.name.as_str(), m)).collect();
    let new_models: BTreeMap<&str, &ModelSurface> =
        new.models.iter().map(|m| (m.name.as_str(), m)).collect();
    for (name, model) in &old_models {
        if !new_models.contains_key(name) {
            let detail = model_detail(model, old_usage[*name]);
            let subject = Subject::Model(model.name.clone());
            push(out, subject, ChangeKind::Removed, detail, Impact::Breaking);
        }
    }
    for (name, model) in &new_models {
        let Some(before) = old_models.get(name) else {
            let detail = model_detail(model, new_usage[*name]);
            let subject = Subject::Model(model.name.clone());
            push(out, subject, ChangeKind::Added, detail, Impact::Additive);
            continue;
        };
        let usage = old_usage[*name].union(new_usage[*name]);
        let changes_before = out.changes.len();
        diff_model(before, model, usage, out);
        if out.changes.len() > changes_before {
            out.changed_models
                .insert(model.name.clone(), (model.shape.kind().to_owned(), usage));
        }
    }
}

/// Describes an added or removed model: its kind, its usage, and the pointer of an inline
/// schema, whose model the spec does not name.
fn model_detail(model: &ModelSurface, usage: Usage) -> String {
    let mut detail = format!("{}, {}", model.shape.kind(), usage.describe());
    if model.schema.starts_with('#') {
        detail.push_str(&format!(", inline schema `{}`", model.schema));
    }
    detail
}

fn diff_model(old: &ModelSurface, new: &ModelSurface, usage: Usage, out: &mut ApiDiff) {
    let mut aspects = Aspects::default();
    let subject = Subject::Model(new.name.clone());
    match (&old.shape, &new.shape) {
        (
            Shape::Struct {
                fields: old_fields,
                additional: old_additional,
            },
            Shape::Struct {
                fields: new_fields,
                additional: new_additional,
            },
        ) => {
            diff_additional(old_additional, new_additional, &mut aspects);
            aspects.into_change(subject, out);
            diff_fields(&new.name, old_fields, new_fields, usage, out);
        }
        (
            Shape::Enum {
                repr: old_repr,
                catch_all: old_catch_all,
                values: old_values,
            },
            Shape::Enum {
                repr: new_repr,
                catch_all: new_catch_all,
                values: new_values,
            },
        ) => {
            if old_repr != new_repr {
                aspects.push(
                    format!("wire type {old_repr} → {new_repr}"),
                    Impact::Breaking,
                );
            }
            if old_catch_all != new_catch_all {
                aspects.push(
                    format!("catch-all variant `{old_catch_all}` → `{new_catch_all}`"),
                    Impact::Breaking,
                );
            }
            aspects.into_change(subject, out);
            diff_values(&new.name, old_values, new_values, out);
        }
        (
            Shape::Union {
                tag: old_tag,
                variants: old_variants,
            },
            Shape::Union {
                tag: new_tag,
                variants: new_variants,
            },
        ) => {
            if old_tag != new_tag {
                let show = |tag: &Option<String>| tag.clone().unwrap_or_else(|| "none".into());
                let detail = format!("discriminator {} → {}", show(old_tag), show(new_tag));
                aspects.push(detail, Impact::Breaking);
            }
            for before in old_variants {
                match new_variants.iter().find(|v| v.variant == before.variant) {
                    None => aspects.push(
                        format!("variant `{}` removed", before.variant),
                        Impact::Breaking,
                    ),
                    Some(after) if after.ty != before.ty || after.tags != before.tags => aspects
                        .push(
                            format!("variant `{}` changed", before.variant),
                            Impact::Breaking,
                        ),
                    Some(_) => {}
                }
            }
            for after in new_variants {
                if !old_variants.iter().any(|v| v.variant == after.variant) {
                    aspects.push(
                        format!("variant `{}` added", after.variant),
                        Impact::Additive,
                    );
                }
            }
            aspects.into_change(subject, out);
        }
        (Shape::Alias { target: before }, Shape::Alias { target: after }) => {
            if before != after {
                aspects.push(type_change("type", before, after), Impact::Breaking);
            }
            aspects.into_change(subject, out);
        }
        (before, after) => {
            // A model that changes kind is one breaking change, so its fields or values
            // are not listed one by one.
            aspects.push(
                format!("kind {} → {}", before.kind(), after.kind()),
                Impact::Breaking,
            );
            aspects.into_change(subject, out);
        }
    }
}

fn diff_additional(old: &Option<String>, new: &Option<String>, aspects: &mut Aspects) {
    match (old, new) {
        (None, Some(ty)) => aspects.push(
            format!(
                "keeps undeclared properties in `additional_properties: HashMap<String, {}>`",
                short(ty)
            ),
            Impact::Additive,
        ),
        (Some(_), None) => aspects.push(
            "no longer has `additional_properties`".into(),
            Impact::Breaking,
        ),
        (Some(before), Some(after)) if before != after => aspects.push(
            type_change("`additional_properties` value type", before, after),
            Impact::Breaking,
        ),
        _ => {}
    }
}

fn diff_fields(
    model: &str,
    old: &[FieldSurface],
    new: &[FieldSurface],
    usage: Usage,
    out: &mut ApiDiff,
) {
    let subject = |field: &FieldSurface| Subject::Field {
        model: model.to_owned(),
        field: field.name.clone(),
    };
    let old_fields: BTreeMap<&str, &FieldSurface> =
        old.iter().map(|f| (f.name.as_str(), f)).collect();
    let new_fields: BTreeMap<&str, &FieldSurface> =
        new.iter().map(|f| (f.name.as_str(), f)).collect();
    for (name, field) in &old_fields {
        if !new_fields.contains_key(name) {
            let detail = format!("`{}`", short(&field.ty));
            push(
                out,
                subject(field),
                ChangeKind::Removed,
                detail,
                Impact::Breaking,
            );
        }
    }
    for (name, field) in &new_fields {
        let Some(before) = old_fields.get(name) else {
            let (detail, impact) = added_field(field, usage);
            push(out, subject(field), ChangeKind::Added, detail, impact);
            continue;
        };
        let mut aspects = Aspects::default();
        if before.rust != field.rust {
            aspects.push(
                format!("Rust name `{}` → `{}`", before.rust, field.rust),
                Impact::Breaking,
            );
        }
        if before.required != field.required {
            aspects.push(
                required_change(field.required, usage),
                impact_of_required(usage),
            );
        }
        if before.ty != field.ty {
            aspects.push(type_change("type", &before.ty, &field.ty), Impact::Breaking);
        }
        aspects.into_change(subject(field), out);
    }
}

/// Describes a field added to a struct. A required field added to a model that requests
/// send breaks callers: `new` takes one more argument and the server expects the value.
fn added_field(field: &FieldSurface, usage: Usage) -> (String, Impact) {
    let ty = short(&field.ty);
    match (field.required, usage.request) {
        (true, true) => (
            format!("`{ty}`, required in a request, so `new` takes it"),
            Impact::Breaking,
        ),
        (true, false) => (format!("`{ty}`, required"), Impact::Additive),
        (false, _) => (format!("`{ty}`, optional"), Impact::Additive),
    }
}

fn required_change(now_required: bool, usage: Usage) -> String {
    match (now_required, usage.request) {
        (true, true) => "optional → required in a request, so `new` takes it".into(),
        (false, true) => "required → optional in a request, so `new` no longer takes it".into(),
        (true, false) => "optional → required".into(),
        (false, false) => "required → optional".into(),
    }
}

/// Rates a flipped required flag. In a request model it changes `new`'s arguments. In a
/// response model it breaks readers only through a Rust type change, reported on its own.
fn impact_of_required(usage: Usage) -> Impact {
    if usage.request {
        Impact::Breaking
    } else {
        Impact::Compatible
    }
}

fn diff_values(model: &str, old: &[EnumValueSurface], new: &[EnumValueSurface], out: &mut ApiDiff) {
    let subject = |value: &EnumValueSurface| Subject::EnumValue {
        model: model.to_owned(),
        value: value.value.clone(),
    };
    let old_values: BTreeMap<&str, &EnumValueSurface> =
        old.iter().map(|v| (v.value.as_str(), v)).collect();
    let new_values: BTreeMap<&str, &EnumValueSurface> =
        new.iter().map(|v| (v.value.as_str(), v)).collect();
    for (value, entry) in &old_values {
        if !new_values.contains_key(value) {
            let detail = format!("variant `{}`", entry.variant);
            push(
                out,
                subject(entry),
                ChangeKind::Removed,
                detail,
                Impact::Breaking,
            );
        }
    }
    for (value, entry) in &new_values {
        match old_values.get(value) {
            None => {
                let detail = format!("variant `{}`", entry.variant);
                push(
                    out,
                    subject(entry),
                    ChangeKind::Added,
                    detail,
                    Impact::Additive,
                );
            }
            Some(before) if before.variant != entry.variant => {
                let detail = format!("variant `{}` → `{}`", before.variant, entry.variant);
                push(
                    out,
                    subject(entry),
                    ChangeKind::Changed,
                    detail,
                    Impact::Breaking,
                );
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_finds_every_model() {
        assert_eq!(
            model_names("Option<::std::collections::HashMap<String, Vec<crate::models::Price_2>>>"),
            ["Price_2"]
        );
        assert_eq!(model_names("&crate::models::A"), ["A"]);
        assert!(model_names("::serde_json::Value").is_empty());
    }
}
