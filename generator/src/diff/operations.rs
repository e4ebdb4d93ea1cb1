//! Compares operations and their parameters.

use std::collections::BTreeMap;

use super::{push, short, type_change, ApiDiff, Aspects, ChangeKind, Impact, Subject};
use crate::surface::{OperationSurface, ParameterSurface, Surface};

/// Keys operations by method and path template, so renaming a path parameter is a change
/// to the operation rather than a removal and an addition. OpenAPI forbids two paths that
/// differ only in parameter names. Should a spec have them anyway, they are keyed by the
/// path as written.
fn operation_keys(surface: &Surface) -> BTreeMap<(String, String), &OperationSurface> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for op in &surface.operations {
        *counts
            .entry((template(&op.path), op.method.clone()))
            .or_default() += 1;
    }
    surface
        .operations
        .iter()
        .map(|op| {
            let key = (template(&op.path), op.method.clone());
            let key = if counts[&key] > 1 {
                (op.path.clone(), op.method.clone())
            } else {
                key
            };
            (key, op)
        })
        .collect()
}

/// Blanks the parameter names of a path: `/customers/{id}` becomes `/customers/{}`.
fn template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_name = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_name = true;
                out.push_str("{}");
            }
            '}' => in_name = false,
            c if !in_name => out.push(c),
            _ => {}
        }
    }
    out
}

fn method_of(op: &OperationSurface) -> String {
    format!("{}::{}", op.api, op.function)
}

pub(super) fn diff_operations(old: &Surface, new: &Surface, out: &mut ApiDiff) {
    let old_ops = operation_keys(old);
    let new_ops = operation_keys(new);
    for (key, op) in &old_ops {
        if !new_ops.contains_key(key) {
            let subject = Subject::Operation {
                path: op.path.clone(),
                method: op.method.clone(),
            };
            let detail = format!("`{}`", method_of(op));
            push(out, subject, ChangeKind::Removed, detail, Impact::Breaking);
        }
    }
    for (key, op) in &new_ops {
        match old_ops.get(key) {
            None => {
                let subject = Subject::Operation {
                    path: op.path.clone(),
                    method: op.method.clone(),
                };
                let detail = format!("`{}`", method_of(op));
                push(out, subject, ChangeKind::Added, detail, Impact::Additive);
            }
            Some(before) => diff_operation(before, op, out),
        }
    }
}

fn diff_operation(old: &OperationSurface, new: &OperationSurface, out: &mut ApiDiff) {
    let mut aspects = Aspects::default();
    if old.path != new.path {
        aspects.push(format!("path was `{}`", old.path), Impact::Compatible);
    }
    if method_of(old) != method_of(new) {
        aspects.push(
            format!("Rust method was `{}`", method_of(old)),
            Impact::Breaking,
        );
    }
    match (&old.params, &new.params) {
        (None, Some(name)) => {
            aspects.push(format!("takes a new `{name}` argument"), Impact::Breaking)
        }
        (Some(name), None) => aspects.push(
            format!("no longer takes a `{name}` argument"),
            Impact::Breaking,
        ),
        (Some(before), Some(after)) if before != after => aspects.push(
            format!("parameters struct `{before}` → `{after}`"),
            Impact::Breaking,
        ),
        _ => {}
    }
    match (&old.body, &new.body) {
        (None, Some(body)) => aspects.push(
            format!("takes a new body argument `{}`", short(&body.ty)),
            Impact::Breaking,
        ),
        (Some(_), None) => aspects.push("no longer takes a body".into(), Impact::Breaking),
        (Some(before), Some(after)) => {
            if before.ty != after.ty {
                aspects.push(
                    type_change("body type", &before.ty, &after.ty),
                    Impact::Breaking,
                );
            }
            if before.required != after.required {
                let change = if after.required {
                    "body optional → required, so the argument is no longer an `Option`"
                } else {
                    "body required → optional, so the argument is now an `Option`"
                };
                aspects.push(change.into(), Impact::Breaking);
            }
        }
        (None, None) => {}
    }
    if old.response != new.response {
        aspects.push(
            type_change("response type", &old.response, &new.response),
            Impact::Breaking,
        );
    }
    if old.error != new.error {
        aspects.push(
            type_change("error type", &old.error, &new.error),
            Impact::Breaking,
        );
    }
    let subject = Subject::Operation {
        path: new.path.clone(),
        method: new.method.clone(),
    };
    let changed = aspects.into_change(subject, out);
    let parameters_changed = diff_parameters(old, new, out);
    if changed || parameters_changed {
        out.changed_operations
            .insert((new.path.clone(), new.method.clone()), method_of(new));
    }
}

/// Compares an operation's parameters, returning whether any changed. Path parameters are
/// matched by position, the others by Rust field name, because that is what callers write.
fn diff_parameters(old: &OperationSurface, new: &OperationSurface, out: &mut ApiDiff) -> bool {
    let before = out.changes.len();
    let subject = |p: &ParameterSurface| Subject::Parameter {
        path: new.path.clone(),
        method: new.method.clone(),
        location: p.location.clone(),
        name: p.name.clone(),
    };

    let old_path = old.parameters.iter().filter(|p| p.location == "path");
    let new_path = new.parameters.iter().filter(|p| p.location == "path");
    for (before, after) in old_path.zip(new_path) {
        let mut aspects = Aspects::default();
        if before.name != after.name {
            aspects.push(
                format!(
                    "renamed from `{}`; callers pass it by position, so they are unaffected",
                    before.name
                ),
                Impact::Compatible,
            );
        }
        if before.ty != after.ty {
            aspects.push(type_change("type", &before.ty, &after.ty), Impact::Breaking);
        }
        aspects.into_change(subject(after), out);
    }

    let fields = |op: &'_ OperationSurface| -> BTreeMap<String, ParameterSurface> {
        op.parameters
            .iter()
            .filter(|p| p.location != "path")
            .map(|p| (p.rust.clone(), p.clone()))
            .collect()
    };
    let old_fields = fields(old);
    let new_fields = fields(new);
    let mut removed: Vec<&ParameterSurface> = old_fields
        .iter()
        .filter(|(rust, _)| !new_fields.contains_key(*rust))
        .map(|(_, p)| p)
        .collect();
    let mut added: Vec<&ParameterSurface> = new_fields
        .iter()
        .filter(|(rust, _)| !old_fields.contains_key(*rust))
        .map(|(_, p)| p)
        .collect();

    // A rename in the spec shows up as one parameter removed and one of the same type added,
    // so that pair is reported as a rename. Any other mix is listed as removals and additions.
    if let ([gone], [new_one]) = (removed.as_slice(), added.as_slice()) {
        if gone.ty == new_one.ty {
            let mut detail = format!("renamed from `{}`", gone.name);
            if gone.rust != new_one.rust {
                detail.push_str(&format!(
                    ", so the Rust field `{}` is now `{}`",
                    gone.rust, new_one.rust
                ));
            }
            push(
                out,
                subject(new_one),
                ChangeKind::Changed,
                detail,
                Impact::Breaking,
            );
            removed.clear();
            added.clear();
        }
    }
    for parameter in removed {
        let detail = format!("`{}`", short(&parameter.ty));
        push(
            out,
            subject(parameter),
            ChangeKind::Removed,
            detail,
            Impact::Breaking,
        );
    }
    for parameter in added {
        let (detail, impact) = if parameter.required {
            (
                format!("`{}`, required", short(&parameter.ty)),
                Impact::Breaking,
            )
        } else {
            (
                format!("`{}`, optional", short(&parameter.ty)),
                Impact::Additive,
            )
        };
        push(out, subject(parameter), ChangeKind::Added, detail, impact);
    }
    for (rust, after) in &new_fields {
        let Some(before) = old_fields.get(rust) else {
            continue;
        };
        let mut aspects = Aspects::default();
        if before.name != after.name {
            aspects.push(
                format!("wire name was `{}`", before.name),
                Impact::Compatible,
            );
        }
        if before.location != after.location {
            aspects.push(
                format!("moved from {} to {}", before.location, after.location),
                Impact::Compatible,
            );
        }
        if before.required != after.required {
            let (change, impact) = if after.required {
                ("optional → required", Impact::Breaking)
            } else {
                ("required → optional", Impact::Compatible)
            };
            aspects.push(change.into(), impact);
        }
        if before.ty != after.ty {
            aspects.push(type_change("type", &before.ty, &after.ty), Impact::Breaking);
        }
        aspects.into_change(subject(after), out);
    }
    out.changes.len() > before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_blanks_names() {
        assert_eq!(
            template("/customers/{id}/items/{item_id}"),
            "/customers/{}/items/{}"
        );
        assert_eq!(template("/events"), "/events");
    }
}
