//! The `events_post_async` patch: adds `src/async_utils.rs`, declares it in `lib.rs`, adds
//! the crates it needs to `Cargo.toml`, and injects `EventsApi::events_post_async`, which
//! queues an event and returns at once, wrapping the method generated for `POST /events`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

use crate::anchor::{self, Location};
use crate::{Files, OperationRecord, PatchError};

/// The patch's name, as errors and injected docs give it.
pub const NAME: &str = "events_post_async";

/// The module copied into the SDK, a real Rust file compiled as part of it.
const PAYLOAD: &str = include_str!("../async_utils.rs");

const API_STRUCT: &str = "EventsApi";
const API_FILE: &str = "src/apis/events_api.rs";
const PAYLOAD_FILE: &str = "src/async_utils.rs";
const METHOD: &str = "events_post_async";

/// The doc line every injected item carries, so a reviewer can tell it from generated code.
const MARK: &str = " Injected by the `events_post_async` patch (patches/src/events_post_async.rs).";

/// Crates the payload uses, with the features it needs and whether a new entry turns off
/// the crate's default features, added to `[dependencies]`.
///
/// `fast-rng` makes uuid draw random bits from `rand`'s thread-local generator instead of a
/// `getrandom` system call per id: the call cost about 0.25 µs of each enqueue.
const DEPENDENCIES: &[(&str, &str, &[&str], bool)] = &[
    ("chrono", "0.4.38", &["std", "clock"], true),
    ("httpdate", "1.0.3", &[], false),
    ("log", "0.4.22", &[], false),
    ("tokio", "1.40", &["rt", "time", "sync", "macros"], false),
    ("uuid", "1.11", &["v4", "v7", "fast-rng"], false),
];

/// The largest batch `POST /events/bulk` takes: FlexPrice accepts 1 to 1000 events.
const MAX_BATCH_EVENTS: usize = 1000;

/// A generated method the patch wraps.
struct Method {
    name: syn::Ident,
    /// The type of its one argument besides `&self`.
    argument: syn::Type,
    /// `T` of its `Result<T, crate::apis::Error<E>>`.
    response: syn::Type,
    /// `E` of its `Result<T, crate::apis::Error<E>>`.
    error_body: syn::Type,
    /// Its body with `.json(&argument)` replaced by a send of the serialized bytes in a
    /// local `body`, so that the queue serializes each event once and every attempt sends
    /// them.
    raw_send: Vec<syn::Stmt>,
}

/// The bulk method and the JSON name of its request's list of events.
struct Bulk {
    method: Method,
    field: String,
}

/// The methods the patch wraps, found in the generated API file.
struct Anchors {
    /// The method for `POST /events`.
    single: Method,
    /// The method for `POST /events/bulk`, when the spec has one that fits.
    bulk: Option<Bulk>,
}

/// Applies the patch, returning the files it changed.
pub fn apply(files: &mut Files, operations: &[OperationRecord]) -> Result<Vec<String>, PatchError> {
    let mut changed = Vec::new();
    // NOTE: this error points at `events_api.rs:1:1`, a file the spec did not produce. It
    // should name the spec instead, and `xtask generate` has no `--no-patch` to skip it.
    let source = files
        .get(API_FILE)
        .cloned()
        .ok_or_else(|| PatchError::Anchor {
            patch: NAME,
            location: Location::start(API_FILE),
            message: format!(
            "file not found; expected the generated `{API_STRUCT}` struct there, which the spec \
             creates with operations tagged `Events`"
        ),
        })?;
    let patched = patch_api_file(files, &source, operations)?;
    if patched != source {
        files.insert(API_FILE.into(), patched);
        changed.push(API_FILE.to_owned());
    }

    let lib = files
        .get("src/lib.rs")
        .cloned()
        .ok_or_else(|| PatchError::Anchor {
            patch: NAME,
            location: Location::start("src/lib.rs"),
            message: "file not found; expected the crate root".into(),
        })?;
    let patched = patch_lib(&lib)?;
    if patched != lib {
        files.insert("src/lib.rs".into(), patched);
        changed.push("src/lib.rs".into());
    }

    let payload = format!(
        "// @generated: copied from patches/async_utils.rs by the `{NAME}` patch; edit that \
         file instead.\n\n{PAYLOAD}"
    );
    if files.get(PAYLOAD_FILE) != Some(&payload) {
        files.insert(PAYLOAD_FILE.into(), payload);
        changed.push(PAYLOAD_FILE.into());
    }

    let manifest = files
        .get("Cargo.toml")
        .cloned()
        .ok_or_else(|| PatchError::Anchor {
            patch: NAME,
            location: Location::start("Cargo.toml"),
            message: "file not found; expected the crate manifest".into(),
        })?;
    let patched = patch_manifest(&manifest)?;
    if patched != manifest {
        files.insert("Cargo.toml".into(), patched);
        changed.push("Cargo.toml".into());
    }
    changed.sort();
    Ok(changed)
}

fn parse(file: &str, source: &str) -> Result<syn::File, PatchError> {
    syn::parse_file(source).map_err(|e| PatchError::Parse {
        patch: NAME,
        location: Location::at(file, e.span().start()),
        message: e.to_string(),
    })
}

/// Finds the one `impl EventsApi` block.
fn find_impl(file: &syn::File) -> Result<&syn::ItemImpl, PatchError> {
    let impls: Vec<&syn::ItemImpl> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() && is_path(&i.self_ty, API_STRUCT) => Some(i),
            _ => None,
        })
        .collect();
    match impls.as_slice() {
        [one] => Ok(one),
        [] => Err(PatchError::Anchor {
            patch: NAME,
            location: Location::start(API_FILE),
            message: format!("no `impl {API_STRUCT}` block found; expected exactly one"),
        }),
        [_, second, ..] => Err(PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, second.impl_token.span.start()),
            message: format!("a second `impl {API_STRUCT}` block; expected exactly one"),
        }),
    }
}

fn is_path(ty: &syn::Type, name: &str) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident(name))
}

/// Finds the method the generator recorded for `method path` and checks it takes exactly
/// one argument besides `&self`, returning its name and that argument's type.
fn find_method(
    block: &syn::ItemImpl,
    operations: &[OperationRecord],
    method: &str,
    path: &str,
) -> Result<Option<Method>, PatchError> {
    let Some(record) = operations
        .iter()
        .find(|op| op.method == method && op.path == path)
    else {
        return Ok(None);
    };
    if record.api != API_STRUCT || record.file != API_FILE {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, block.impl_token.span.start()),
            message: format!(
                "`{method} {path}` is generated as `{}::{}` in {}, expected a method of \
                 `{API_STRUCT}`; tag the operation `Events`",
                record.api, record.function, record.file
            ),
        });
    }
    let found: Vec<&syn::ImplItemFn> = block
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == record.function => Some(f),
            _ => None,
        })
        .collect();
    let Some(function) = found.first() else {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, block.impl_token.span.start()),
            message: format!(
                "`impl {API_STRUCT}` has no method `{}`, which the manifest records for \
                 `{method} {path}`",
                record.function
            ),
        });
    };
    let doc_mark = format!("`{method} {path}`");
    let documented = function.attrs.iter().any(|attr| {
        matches!(&attr.meta, syn::Meta::NameValue(nv)
            if nv.path.is_ident("doc") && quote!(#nv).to_string().contains(&doc_mark))
    });
    let inputs: Vec<&syn::FnArg> = function.sig.inputs.iter().collect();
    let argument = match inputs.as_slice() {
        [syn::FnArg::Receiver(receiver), syn::FnArg::Typed(argument)]
            if receiver.reference.is_some() && receiver.mutability.is_none() =>
        {
            match &*argument.pat {
                syn::Pat::Ident(pattern) => Some(((*argument.ty).clone(), pattern.ident.clone())),
                _ => None,
            }
        }
        _ => None,
    };
    let result = result_types(&function.sig.output);
    match (
        function.sig.asyncness.is_some() && documented,
        argument,
        result,
    ) {
        (true, Some((argument, ident)), Some((response, error_body))) => Ok(Some(Method {
            name: function.sig.ident.clone(),
            argument,
            response,
            error_body,
            raw_send: raw_send(function, &ident)?,
        })),
        _ => Err(PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, function.sig.fn_token.span.start()),
            message: format!(
                "unexpected signature for `{}`: expected `pub async fn {}(&self, body: T) -> \
                 Result<R, crate::apis::Error<E>>` documented as {doc_mark}",
                record.function, record.function
            ),
        }),
    }
}

/// Returns the statements of `function` with its one `.json(&argument)` call replaced by a
/// JSON `Content-Type` header and `.body(body)`, for a `body` of serialized bytes, and its
/// final `send_json(request).await` replaced by a send that returns the 2xx body
/// undecoded. Returns an anchor error when the method uses its argument anywhere else, has
/// a local `body`, or ends in another expression.
fn raw_send(
    function: &syn::ImplItemFn,
    argument: &syn::Ident,
) -> Result<Vec<syn::Stmt>, PatchError> {
    let unexpected = |message: String| PatchError::Anchor {
        patch: NAME,
        location: Location::at(API_FILE, function.sig.fn_token.span.start()),
        message,
    };
    let mut statements = function.block.stmts.clone();
    let mut replaced = 0;
    for statement in &mut statements {
        let syn::Stmt::Local(syn::Local {
            init: Some(init), ..
        }) = statement
        else {
            continue;
        };
        let syn::Expr::MethodCall(call) = &*init.expr else {
            continue;
        };
        let sends_argument = call.method == "json"
            && matches!(call.args.iter().collect::<Vec<_>>().as_slice(),
                [syn::Expr::Reference(reference)]
                    if matches!(&*reference.expr, syn::Expr::Path(path) if path.path.is_ident(argument)));
        if sends_argument {
            let receiver = &call.receiver;
            *init.expr = syn::parse_quote! {
                #receiver
                    .header(
                        ::reqwest::header::CONTENT_TYPE,
                        ::reqwest::header::HeaderValue::from_static("application/json"),
                    )
                    .body(body)
            };
            replaced += 1;
        }
    }
    let name = &function.sig.ident;
    if replaced != 1 {
        return Err(unexpected(format!(
            "`{name}` calls `.json(&{argument})` {replaced} times; expected once, as the \
             generator writes a JSON body"
        )));
    }
    // The queue decodes a response only for an event with a callback, so the send returns
    // the body as bytes.
    let request = statements.last().and_then(sent_request).ok_or_else(|| {
        unexpected(format!(
            "`{name}` does not end in `crate::apis::client::send_json(request).await`, so \
             the queue cannot read its response undecoded"
        ))
    })?;
    let last = statements.len() - 1;
    statements[last] = syn::Stmt::Expr(
        syn::parse_quote! {
            crate::apis::client::send_checked(#request)
                .await
                .map(|(_status, bytes)| bytes)
        },
        None,
    );

    let original_statements = &function.block.stmts;
    let original = quote!(#(#original_statements)*);
    let body = format_ident!("body");
    if mentions(original.clone(), argument) != 1
        || (*argument != body && mentions(original, &body) != 0)
    {
        return Err(unexpected(format!(
            "`{name}` uses `{argument}` besides `.json(&{argument})`, or a local `body`, so its \
             request cannot be sent from serialized bytes"
        )));
    }
    Ok(statements)
}

/// Returns `request` when `statement` is the final `send_json(request).await` that the
/// generator writes, with the function's path in full or in part.
fn sent_request(statement: &syn::Stmt) -> Option<syn::Expr> {
    let syn::Stmt::Expr(syn::Expr::Await(awaited), None) = statement else {
        return None;
    };
    let syn::Expr::Call(call) = &*awaited.base else {
        return None;
    };
    let syn::Expr::Path(function) = &*call.func else {
        return None;
    };
    let is_send_json = function
        .path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "send_json" && segment.arguments.is_none());
    match call.args.iter().collect::<Vec<_>>().as_slice() {
        [request] if is_send_json => Some((*request).clone()),
        _ => None,
    }
}

/// Counts the occurrences of the identifier `ident` in `tokens`, at any depth.
fn mentions(tokens: TokenStream, ident: &syn::Ident) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Ident(found) => usize::from(found == *ident),
            proc_macro2::TokenTree::Group(group) => mentions(group.stream(), ident),
            _ => 0,
        })
        .sum()
}

/// Splits `Result<T, crate::apis::Error<E>>` into `T` and `E`.
fn result_types(output: &syn::ReturnType) -> Option<(syn::Type, syn::Type)> {
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let (result, [ok, error]) = generic_args(ty)?;
    if result != "Result" {
        return None;
    }
    let (name, [body]) = generic_args(error)?;
    (name == "Error").then(|| (ok.clone(), body.clone()))
}

/// Returns the last path segment's name and its type arguments.
fn generic_args<const N: usize>(ty: &syn::Type) -> Option<(String, [&syn::Type; N])> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    let types: Vec<&syn::Type> = args
        .args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    Some((segment.ident.to_string(), types.try_into().ok()?))
}

/// Finds the model file that defines the struct named by the last segment of `ty`.
fn find_model<'a>(files: &'a Files, ty: &syn::Type) -> Option<(&'a str, syn::File, String)> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let name = path.path.segments.last()?.ident.to_string();
    let needle = format!("pub struct {name} ");
    files.iter().find_map(|(file, source)| {
        if !file.starts_with("src/models/") || !source.contains(&needle) {
            return None;
        }
        Some((file.as_str(), syn::parse_file(source).ok()?, name.clone()))
    })
}

/// Checks the event model has `event_id` and `timestamp` fields of type `Option<String>`,
/// which the queue fills in before the first attempt.
fn check_event_model(files: &Files, event: &syn::Type) -> Result<(), PatchError> {
    let Some((file, parsed, name)) = find_model(files, event) else {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::start("src/models/mod.rs"),
            message: format!("no model file defines the event type `{}`", quote!(#event)),
        });
    };
    let Some(model) = parsed.items.iter().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == name => Some(s),
        _ => None,
    }) else {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::start(file),
            message: format!("expected `pub struct {name}`"),
        });
    };
    for field in ["event_id", "timestamp"] {
        let found = model
            .fields
            .iter()
            .find(|f| f.ident.as_ref().is_some_and(|i| i == field));
        let fits = found.is_some_and(|f| {
            let ty = &f.ty;
            quote!(#ty).to_string() == "Option < String >"
        });
        if !fits {
            return Err(PatchError::Anchor {
                patch: NAME,
                location: Location::at(file, model.ident.span().start()),
                message: format!(
                    "`{name}` needs a field `{field}: Option<String>`, which the queue fills in \
                     before the first attempt so retries are deduplicated"
                ),
            });
        }
    }
    Ok(())
}

/// Returns the JSON name of the bulk request's list of events when its constructor takes
/// exactly `Vec<event>`, so that `new(events)` serializes as that one field.
fn bulk_field(files: &Files, bulk: &Method, single: &Method) -> Option<String> {
    let same = |a: &syn::Type, b: &syn::Type| quote!(#a).to_string() == quote!(#b).to_string();
    if !same(&bulk.response, &single.response) || !same(&bulk.error_body, &single.error_body) {
        log::warn!("`POST /events/bulk` returns other types than `POST /events`; batching is off");
        return None;
    }
    let (_, parsed, name) = find_model(files, &bulk.argument)?;
    let event = &single.argument;
    let expected = quote!(Vec<#event>).to_string();
    let fits = parsed.items.iter().any(|item| match item {
        syn::Item::Impl(block) if is_path(&block.self_ty, &name) => {
            block.items.iter().any(|item| {
                matches!(item, syn::ImplItem::Fn(f) if f.sig.ident == "new"
                && f.sig.inputs.len() == 1
                && matches!(f.sig.inputs.first(), Some(syn::FnArg::Typed(arg)) if {
                    let ty = &arg.ty;
                    quote!(#ty).to_string() == expected
                }))
            })
        }
        _ => false,
    });
    if !fits {
        log::warn!("`{name}::new` does not take `{expected}` alone; batching is off");
        return None;
    }
    let field = parsed.items.iter().find_map(|item| match item {
        syn::Item::Struct(model) if model.ident == name => model.fields.iter().find(|field| {
            let ty = &field.ty;
            quote!(#ty).to_string() == expected
        }),
        _ => None,
    })?;
    Some(json_name(field))
}

/// Returns the name a field has in JSON: its serde `rename`, or else its identifier.
fn json_name(field: &syn::Field) -> String {
    let mut renamed = None;
    for attr in field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("serde"))
    {
        // Other serde options are skipped; only `rename` changes the name.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let name: syn::LitStr = meta.value()?.parse()?;
                renamed = Some(name.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    renamed.unwrap_or_else(|| {
        let ident = field
            .ident
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        ident.strip_prefix("r#").map(str::to_owned).unwrap_or(ident)
    })
}

fn patch_api_file(
    files: &Files,
    source: &str,
    operations: &[OperationRecord],
) -> Result<String, PatchError> {
    let file = parse(API_FILE, source)?;
    let block = find_impl(&file)?;
    let single =
        find_method(block, operations, "POST", "/events")?.ok_or_else(|| PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, block.impl_token.span.start()),
            message: "no method for `POST /events` in the manifest; the spec must define the \
                      single-event ingest operation"
                .into(),
        })?;
    check_event_model(files, &single.argument)?;
    let bulk = find_method(block, operations, "POST", "/events/bulk")?.and_then(|method| {
        let field = bulk_field(files, &method, &single)?;
        Some(Bulk { method, field })
    });
    let anchors = Anchors { single, bulk };
    let (method, items) = injected(&anchors);

    let existing = block.items.iter().find_map(|item| match item {
        syn::ImplItem::Fn(f) if f.sig.ident == METHOD => Some(f),
        _ => None,
    });
    if let Some(existing) = existing {
        let expected: syn::ImplItemFn =
            syn::parse2(method.clone()).map_err(|e| PatchError::Parse {
                patch: NAME,
                location: Location::start(API_FILE),
                message: e.to_string(),
            })?;
        if quote!(#existing).to_string() == quote!(#expected).to_string() {
            return Ok(source.to_owned());
        }
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::at(API_FILE, existing.sig.fn_token.span.start()),
            message: format!(
                "`{API_STRUCT}` already has a `{METHOD}` that differs from the one this patch \
                 injects; regenerate from the spec instead of patching edited output"
            ),
        });
    }

    let method: syn::ImplItem = syn::parse2(method).expect("the injected method parses");
    let method_text = anchor::format_impl_items(&format_ident!("{API_STRUCT}"), &[method]);
    let close = anchor::byte_offset(source, block.brace_token.span.close().start());
    let at = anchor::line_start(source, close);
    let items_file: syn::File = syn::parse2(items).expect("the injected items parse");
    let items_text = crate::format::unparse(&items_file);

    let mut out = String::with_capacity(source.len() + method_text.len() + items_text.len() + 4);
    out.push_str(&source[..at]);
    out.push('\n');
    out.push_str(&method_text);
    out.push_str(&source[at..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&items_text);
    Ok(out)
}

/// Adds `pub mod async_utils;` after the crate root's last `pub mod` declaration.
fn patch_lib(source: &str) -> Result<String, PatchError> {
    let file = parse("src/lib.rs", source)?;
    let modules: Vec<&syn::ItemMod> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.content.is_none() => Some(m),
            _ => None,
        })
        .collect();
    if modules.iter().any(|m| m.ident == "async_utils") {
        return Ok(source.to_owned());
    }
    let Some(last) = modules
        .iter()
        .rev()
        .find(|m| matches!(m.vis, syn::Visibility::Public(_)))
    else {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::start("src/lib.rs"),
            message: "no `pub mod` declaration found; expected `pub mod models;`".into(),
        });
    };
    let end = anchor::byte_offset(source, last.span().end());
    let at = anchor::line_end(source, end);
    // A plain comment, not a doc line: outer docs on a module declaration make rustdoc
    // resolve the module's own intra-doc links from the crate root.
    let declaration = format!("\n//{MARK}\npub mod async_utils;\n");
    Ok(format!("{}{declaration}{}", &source[..at], &source[at..]))
}

/// Adds the payload's crates to `[dependencies]`, merging features into existing entries.
fn patch_manifest(source: &str) -> Result<String, PatchError> {
    let mut document: toml_edit::DocumentMut =
        source.parse().map_err(|e: toml_edit::TomlError| {
            let (line, column) = e
                .span()
                .map(|span| {
                    let before = &source[..span.start];
                    (
                        before.matches('\n').count() + 1,
                        span.start - before.rfind('\n').map_or(0, |at| at + 1) + 1,
                    )
                })
                .unwrap_or((1, 1));
            PatchError::Parse {
                patch: NAME,
                location: Location {
                    file: "Cargo.toml".into(),
                    line,
                    column,
                },
                message: e.message().to_owned(),
            }
        })?;
    let Some(dependencies) = document
        .get_mut("dependencies")
        .and_then(toml_edit::Item::as_table_like_mut)
    else {
        return Err(PatchError::Anchor {
            patch: NAME,
            location: Location::start("Cargo.toml"),
            message: "no [dependencies] table found".into(),
        });
    };
    // Sorting keeps the generator's lines in their order and slots the new ones among them.
    for (name, version, features, no_defaults) in DEPENDENCIES {
        match dependencies.get_mut(name) {
            None => {
                let mut table = toml_edit::InlineTable::new();
                table.insert("version", (*version).into());
                if *no_defaults {
                    table.insert("default-features", false.into());
                }
                if !features.is_empty() {
                    let list: toml_edit::Array = features.iter().copied().collect();
                    table.insert("features", list.into());
                }
                if features.is_empty() {
                    dependencies.insert(name, toml_edit::value(*version));
                } else {
                    dependencies.insert(name, toml_edit::value(table));
                }
            }
            Some(_) if features.is_empty() => {}
            Some(entry) => {
                if let Some(version) = entry.as_str().map(str::to_owned) {
                    let mut table = toml_edit::InlineTable::new();
                    table.insert("version", version.into());
                    *entry = toml_edit::value(table);
                }
                let Some(table) = entry.as_inline_table_mut() else {
                    return Err(PatchError::Anchor {
                        patch: NAME,
                        location: Location::start("Cargo.toml"),
                        message: format!(
                            "dependency `{name}` is neither a version string nor an inline table, \
                             so its features cannot be merged"
                        ),
                    });
                };
                let list = table
                    .entry("features")
                    .or_insert_with(|| toml_edit::Array::new().into());
                let Some(list) = list.as_array_mut() else {
                    continue;
                };
                for feature in *features {
                    if !list.iter().any(|v| v.as_str() == Some(feature)) {
                        list.push(*feature);
                    }
                }
            }
        }
    }
    dependencies.sort_values();
    Ok(document.to_string())
}

/// The method injected into `impl EventsApi` and the items appended to the file.
fn injected(anchors: &Anchors) -> (TokenStream, TokenStream) {
    let Method {
        name: single,
        argument: event_ty,
        response,
        error_body,
        raw_send: single_send,
    } = &anchors.single;
    let mark = MARK;
    let wrapped = format!(
        " Worker threads send the event as [`Self::{single}`] does, retry temporary failures"
    );
    let method = quote! {
        #[doc = " Queues `event` for sending in the background and returns its `event_id` at once."]
        #[doc = ""]
        #[doc = " Fills in an empty `event_id` (UUID v7) and `timestamp` (now, RFC 3339 UTC)."]
        #[doc = #wrapped]
        #[doc = " and call `callback` once with the outcome. The first call starts a queue with default"]
        #[doc = " settings in this client; see [`crate::async_utils`] to configure, flush or shut it down."]
        #[doc = ""]
        #[doc = " # Errors"]
        #[doc = ""]
        #[doc = " Returns the event with the reason when the queue is full, shut down, or cannot start."]
        #[doc = ""]
        #[doc = #mark]
        pub fn events_post_async(
            &self,
            event: #event_ty,
            callback: ::std::option::Option<crate::async_utils::Callback<Self>>,
        ) -> ::std::result::Result<
            crate::async_utils::EventId,
            crate::async_utils::EnqueueError<#event_ty>,
        > {
            crate::async_utils::enqueue(self, event, callback)
        }
    };
    let bulk = match &anchors.bulk {
        Some(Bulk { method, field }) => {
            let statements = &method.raw_send;
            let max = proc_macro2::Literal::usize_unsuffixed(MAX_BATCH_EVENTS);
            quote! {
                const MAX_BATCH_EVENTS: usize = #max;

                const BATCH_FIELD: &'static str = #field;

                async fn send_batch(
                    &self,
                    body: ::std::vec::Vec<u8>,
                ) -> ::std::result::Result<::std::vec::Vec<u8>, crate::apis::Error<Self::ErrorBody>> {
                    #(#statements)*
                }
            }
        }
        None => TokenStream::new(),
    };
    let items = quote! {
        #[doc = " Connects the queue in [`crate::async_utils`] to the generated methods."]
        #[doc = ""]
        #[doc = #mark]
        impl crate::async_utils::EventEndpoint for EventsApi {
            type Event = #event_ty;
            type Response = #response;
            type ErrorBody = #error_body;

            fn from_configuration(
                configuration: crate::apis::Configuration,
            ) -> ::std::result::Result<Self, crate::apis::Error> {
                crate::apis::ApiClient::new(configuration).map(EventsApi::new)
            }

            fn api_client(&self) -> &crate::apis::ApiClient {
                EventsApi::client(self)
            }

            fn event_id(event: &Self::Event) -> ::std::option::Option<&str> {
                event.event_id.as_deref()
            }

            fn set_event_id(event: &mut Self::Event, event_id: ::std::string::String) {
                event.event_id = ::std::option::Option::Some(event_id);
            }

            fn timestamp(event: &Self::Event) -> ::std::option::Option<&str> {
                event.timestamp.as_deref()
            }

            fn set_timestamp(event: &mut Self::Event, timestamp: ::std::string::String) {
                event.timestamp = ::std::option::Option::Some(timestamp);
            }

            async fn send(
                &self,
                body: ::std::vec::Vec<u8>,
            ) -> ::std::result::Result<::std::vec::Vec<u8>, crate::apis::Error<Self::ErrorBody>> {
                #(#single_send)*
            }

            #bulk
        }
    };
    (method, items)
}
