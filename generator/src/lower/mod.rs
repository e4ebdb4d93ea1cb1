//! Lowers an OpenAPI document into the intermediate model in [`crate::ir`].

mod object;
mod operation;
mod schema;
mod union;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};

use crate::docs;
use crate::error::Result;
use crate::ir::{Api, Group};
use crate::naming;

pub use schema::Schemas;

/// Lowers `doc` into an [`Api`].
pub fn lower(doc: &OpenAPI) -> Result<Api> {
    let mut schemas = Schemas::new(doc);
    schemas.lower_components()?;
    let operations = operation::lower_operations(doc, &mut schemas)?;

    let tag_docs: BTreeMap<&str, &str> = doc
        .tags
        .iter()
        .filter_map(|t| t.description.as_deref().map(|d| (t.name.as_str(), d)))
        .collect();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (tag, op) in operations {
        let name = format!("{}Api", naming::type_name(&tag));
        let group = groups.entry(name.clone()).or_insert_with(|| Group {
            module: naming::snake_ident(&name, "api"),
            feature: crate::features::feature_name(&naming::snake_ident(&name, "api")),
            docs: docs::paragraphs([tag_docs.get(tag.as_str()).copied()]),
            tag: tag.clone(),
            name,
            operations: Vec::new(),
        });
        group.operations.push(op);
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    for group in &mut groups {
        operation::dedupe_method_names(group);
    }

    let mut models = schemas.finish()?;
    mark_error_bodies(&mut groups, &mut models);
    let (default_base_url, default_base_path) = default_server(doc);
    Ok(Api {
        title: doc.info.title.clone(),
        spec_version: doc.info.version.clone(),
        docs: docs::paragraphs([doc.info.description.as_deref()]),
        default_base_url,
        default_base_path,
        api_key_header: api_key_header(doc),
        groups,
        models,
    })
}

/// Marks the models operations use as error bodies, which then implement `ErrorBody`. An
/// error type that is not a struct, enum or union (an alias to a list, say) is read as JSON
/// instead, so every error type has an `ErrorBody` impl without overlapping ones.
fn mark_error_bodies(groups: &mut [Group], models: &mut [crate::ir::Model]) {
    use crate::ir::{ModelKind, Ty};
    let index: BTreeMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.clone(), i))
        .collect();
    for op in groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        let name = match &op.error {
            Ty::Model(name) => name,
            Ty::Json | Ty::Local(_) => continue,
            _ => {
                op.error = Ty::Json;
                continue;
            }
        };
        let mut current = name.clone();
        let target = loop {
            match index.get(&current).map(|i| &models[*i].kind) {
                Some(ModelKind::Alias(Ty::Model(next))) => current = next.clone(),
                Some(ModelKind::Alias(_)) | None => break None,
                Some(_) => break Some(index[&current]),
            }
        };
        match target {
            Some(i) => models[i].error_body = true,
            None => op.error = Ty::Json,
        }
    }
}

/// Returns the first server's URL when absolute, and its path part, with server variables
/// replaced by their defaults.
fn default_server(doc: &OpenAPI) -> (Option<String>, String) {
    let Some(server) = doc.servers.first() else {
        return (None, String::new());
    };
    let mut url = server.url.clone();
    if let Some(variables) = &server.variables {
        for (name, variable) in variables {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
    }
    let url = url.trim_end_matches('/').to_owned();
    match url.split_once("://") {
        Some((_, rest)) => {
            let path = rest
                .find('/')
                .map_or(String::new(), |at| rest[at..].to_owned());
            (Some(url), path)
        }
        None => (None, url),
    }
}

/// Returns the header of the spec's API key scheme, preferring one named `ApiKeyAuth`.
fn api_key_header(doc: &OpenAPI) -> Option<String> {
    let schemes = &doc.components.as_ref()?.security_schemes;
    let mut headers: Vec<(&String, String)> = schemes
        .iter()
        .filter_map(|(key, scheme)| match scheme {
            ReferenceOr::Item(SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Header,
                name,
                ..
            }) => Some((key, name.clone())),
            ReferenceOr::Item(SecurityScheme::APIKey { .. }) => {
                log::warn!("security scheme {key}: API keys outside headers are not sent");
                None
            }
            _ => None,
        })
        .collect();
    headers.sort_by_key(|(key, _)| (key.as_str() != "ApiKeyAuth", (*key).clone()));
    headers.into_iter().next().map(|(_, header)| header)
}
