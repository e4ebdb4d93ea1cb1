//! Cargo features of the generated crate: one per tag, so a caller that needs only events
//! compiles only the events API and the models it uses.
//!
//! Every API module, every model and every runtime helper the operations call gets a
//! `#[cfg(...)]` naming the tags that need it. A model no operation uses is compiled only
//! with the `full` feature, which turns on every tag and is on by default.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, ModelKind, Operation, Ty};

/// The feature that turns on every tag.
pub const FULL: &str = "full";

/// Feature names a tag must not take.
const RESERVED: &[&str] = &[FULL, "default", "rustls-tls", "native-tls"];

/// The features of one generated crate and the `cfg` attribute of each gated item.
#[derive(Debug, Default)]
pub struct Features {
    /// Per API group, in group order: its feature name.
    pub groups: Vec<String>,
    /// Per model name: the attribute that gates it.
    pub models: BTreeMap<String, String>,
    /// Per runtime helper (`send_json`, `encode_path`, ...): the attribute that gates it.
    pub helpers: BTreeMap<&'static str, String>,
}

impl Features {
    /// Works out which tags need which models and helpers.
    pub fn of(api: &Api) -> Self {
        let groups: Vec<String> = api.groups.iter().map(|g| g.feature.clone()).collect();
        let mut model_users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut helper_users: BTreeMap<&'static str, BTreeSet<&str>> = BTreeMap::new();
        let references = model_references(api);
        for (group, feature) in api.groups.iter().zip(&groups) {
            let mut roots = BTreeSet::new();
            for op in &group.operations {
                operation_models(op, &mut roots);
                for helper in helpers_of(op) {
                    helper_users.entry(helper).or_default().insert(feature);
                }
            }
            for model in reachable(&references, roots) {
                model_users.entry(model).or_default().insert(feature);
            }
        }
        let models = api
            .models
            .iter()
            .map(|model| {
                let users = model_users.get(model.name.as_str());
                let attribute = match users {
                    Some(users) => cfg_any(users.iter().copied()),
                    None => format!("#[cfg(feature = {FULL:?})]"),
                };
                (model.name.clone(), attribute)
            })
            .collect();
        let mut helpers: BTreeMap<&'static str, String> = helper_users
            .iter()
            .map(|(helper, users)| (*helper, cfg_any(users.iter().copied())))
            .collect();
        let any_sender: BTreeSet<&str> = helper_users
            .iter()
            .filter(|(helper, _)| helper.starts_with("send_"))
            .flat_map(|(_, users)| users.iter().copied())
            .collect();
        helpers.insert("send_checked", cfg_any(any_sender.into_iter()));
        Self {
            groups,
            models,
            helpers,
        }
    }

    /// The attribute that gates helper `name`, or an empty string when no operation uses it.
    pub fn helper(&self, name: &str) -> &str {
        self.helpers.get(name).map_or("", String::as_str)
    }

    /// The attribute that gates model `name`.
    pub fn model(&self, name: &str) -> &str {
        self.models.get(name).map_or("", String::as_str)
    }
}

/// The serde traits a struct model derives without the `serde-both` feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SerdeTraits {
    /// Whether it derives `Serialize`.
    pub serialize: bool,
    /// Whether it derives `Deserialize`.
    pub deserialize: bool,
}

/// Works out which serde traits each model needs. Requests need `Serialize` and responses
/// `Deserialize`. A model that neither carries, or that a union's variant reaches, gets
/// both, because union impls go through `serde_json::Value` in both directions.
///
/// Deriving only what the API uses cut a first `cargo check` of the 2026 FlexPrice crate by
/// about a third on a 2-core machine, because serde's `Deserialize` derive is most of a
/// model's code.
pub fn serde_traits(api: &Api) -> BTreeMap<String, SerdeTraits> {
    let references = model_references(api);
    let mut sent = BTreeSet::new();
    let mut received = BTreeSet::new();
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        request_models(op, &mut sent);
        response_models(op, &mut received);
    }
    let sent = reachable(&references, sent);
    let received = reachable(&references, received);
    let mut union_parts = BTreeSet::new();
    for model in &api.models {
        if let ModelKind::Union(u) = &model.kind {
            u.variants
                .iter()
                .for_each(|v| model_names_in(&v.ty, &mut union_parts));
        }
    }
    let both = reachable(&references, union_parts);
    api.models
        .iter()
        .map(|model| {
            let name = model.name.as_str();
            let either = both.contains(name) || sent.contains(name) == received.contains(name);
            let traits = SerdeTraits {
                serialize: either || sent.contains(name),
                deserialize: either || received.contains(name),
            };
            (model.name.clone(), traits)
        })
        .collect()
}

/// Names the feature of an API module: `credit_grants_api` is `credit-grants`.
pub fn feature_name(module: &str) -> String {
    let base = module
        .strip_suffix("_api")
        .unwrap_or(module)
        .replace('_', "-");
    if RESERVED.contains(&base.as_str()) {
        format!("{base}-api")
    } else {
        base
    }
}

fn cfg_any<'a>(features: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<String> = features.map(|f| format!("feature = {f:?}")).collect();
    match list.as_slice() {
        [] => "#[cfg(any())]".into(),
        [one] => format!("#[cfg({one})]"),
        _ => format!("#[cfg(any({}))]", list.join(", ")),
    }
}

/// The runtime helpers an operation's method calls.
fn helpers_of(op: &Operation) -> Vec<&'static str> {
    // For responses keyed by status this is `send_by_status`.
    let mut helpers = vec![op.ok_kind.helper()];
    if !op.path_args.is_empty() {
        helpers.push("encode_path");
    }
    if op.params.as_ref().is_some_and(|p| p.has_headers()) {
        helpers.push("header_value");
    }
    if op
        .params
        .as_ref()
        .is_some_and(|p| p.fields.iter().any(|f| f.encoding.is_object()))
    {
        helpers.push("push_object");
    }
    helpers
}

/// Adds the models an operation's signature mentions to `out`.
fn operation_models<'a>(op: &'a Operation, out: &mut BTreeSet<&'a str>) {
    request_models(op, out);
    response_models(op, out);
}

/// Adds the models an operation sends, in its body, parameters and path, to `out`.
fn request_models<'a>(op: &'a Operation, out: &mut BTreeSet<&'a str>) {
    let mut types: Vec<&Ty> = Vec::new();
    if let Some(body) = &op.body {
        types.extend(body.choices.iter().map(|c| &c.ty));
    }
    if let Some(params) = &op.params {
        types.extend(params.fields.iter().map(|f| &f.ty));
    }
    for ty in types {
        model_names_in(ty, out);
    }
    for arg in &op.path_args {
        if let Some(name) = arg.arg_ty.strip_prefix("&crate::models::") {
            out.insert(name);
        }
    }
}

/// Adds the models an operation receives, as success or error bodies, to `out`.
fn response_models<'a>(op: &'a Operation, out: &mut BTreeSet<&'a str>) {
    let mut types: Vec<&Ty> = vec![&op.ok, &op.error];
    for status_enum in &op.status_enums {
        types.extend(
            status_enum
                .variants
                .iter()
                .filter_map(|v| v.body.as_ref().map(|b| &b.0)),
        );
        types.extend(status_enum.fallback.iter());
    }
    for ty in types {
        model_names_in(ty, out);
    }
}

fn model_names_in<'a>(ty: &'a Ty, out: &mut BTreeSet<&'a str>) {
    match ty {
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
            model_names_in(inner, out)
        }
        Ty::Model(name) => {
            out.insert(name);
        }
        _ => {}
    }
}

/// Per model, the models its fields, variants or target mention.
fn model_references(api: &Api) -> BTreeMap<&str, BTreeSet<&str>> {
    api.models
        .iter()
        .map(|model| {
            let mut out = BTreeSet::new();
            match &model.kind {
                ModelKind::Struct(s) => {
                    s.fields
                        .iter()
                        .for_each(|f| model_names_in(&f.ty, &mut out));
                    s.additional
                        .iter()
                        .for_each(|ty| model_names_in(ty, &mut out));
                }
                ModelKind::Union(u) => u
                    .variants
                    .iter()
                    .for_each(|v| model_names_in(&v.ty, &mut out)),
                ModelKind::Alias(ty) => model_names_in(ty, &mut out),
                ModelKind::Enum(_) => {}
            }
            (model.name.as_str(), out)
        })
        .collect()
}

fn reachable<'a>(
    references: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    roots: BTreeSet<&'a str>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&str> = roots.into_iter().collect();
    while let Some(name) = pending.pop() {
        if seen.insert(name) {
            pending.extend(references.get(name).into_iter().flatten().copied());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names() {
        assert_eq!(feature_name("credit_grants_api"), "credit-grants");
        assert_eq!(feature_name("events_api"), "events");
        assert_eq!(feature_name("full_api"), "full-api");
        assert_eq!(feature_name("default_api"), "default-api");
    }

    #[test]
    fn cfg_attributes() {
        assert_eq!(
            cfg_any(["events"].into_iter()),
            "#[cfg(feature = \"events\")]"
        );
        assert_eq!(
            cfg_any(["a", "b"].into_iter()),
            "#[cfg(any(feature = \"a\", feature = \"b\"))]"
        );
    }
}
