//! Renders the intermediate model through the askama templates, then parses each Rust file
//! with syn and prints it with prettyplease, so every file is valid and formatted alike.

use std::collections::BTreeMap;

use askama::Template;

use crate::error::{Error, Result};
use crate::features::{Features, SerdeTraits};
use crate::ir::{
    Api, Body, EnumModel, EnumRepr, Group, Model, ModelKind, Operation, ParamField, ParamLocation,
    ParamsStruct, ResponseKind, StructModel, Ty, UnionModel,
};

/// Settings that do not come from the spec.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The package name of the generated crate.
    pub crate_name: String,
    /// The package version of the generated crate.
    pub crate_version: String,
    /// The first line of every generated file, without the comment marker.
    pub header: String,
}

/// Generated files by path relative to the crate root, in sorted order.
pub type Files = BTreeMap<String, String>;

/// Which runtime helpers the operations use, so the client emits only those.
#[derive(Debug, Default, Clone, Copy)]
pub struct Flags {
    pub chrono: bool,
    pub path_params: bool,
    pub headers: bool,
    pub json: bool,
    pub empty: bool,
    pub text: bool,
    pub bytes: bool,
    pub by_status: bool,
    pub tri_state: bool,
    pub objects: bool,
    pub multipart: bool,
}

impl Flags {
    fn of(api: &Api) -> Self {
        let mut flags = Flags::default();
        for model in &api.models {
            flags.chrono |= match &model.kind {
                ModelKind::Struct(s) => {
                    s.fields.iter().any(|f| uses_chrono(&f.ty))
                        || s.additional.as_ref().is_some_and(uses_chrono)
                }
                ModelKind::Union(u) => u.variants.iter().any(|v| uses_chrono(&v.ty)),
                ModelKind::Alias(ty) => uses_chrono(ty),
                ModelKind::Enum(_) => false,
            };
            if let ModelKind::Struct(s) = &model.kind {
                flags.tri_state |= s.fields.iter().any(|f| f.tri_state);
            }
            flags.multipart |= model.multipart;
        }
        for op in api.groups.iter().flat_map(|g| &g.operations) {
            flags.path_params |= !op.path_args.is_empty();
            if let Some(params) = &op.params {
                flags.headers |= params.has_headers();
                flags.objects |= params.fields.iter().any(|f| f.encoding.is_object());
                flags.chrono |= params.fields.iter().any(|f| uses_chrono(&f.ty));
            }
            flags.chrono |= op.path_args.iter().any(|a| a.arg_ty.contains("chrono"));
            flags.chrono |= uses_chrono(&op.ok) || uses_chrono(&op.error);
            flags.chrono |= op
                .body
                .iter()
                .flat_map(|b| &b.choices)
                .any(|c| uses_chrono(&c.ty));
            match op.ok_kind {
                ResponseKind::Json => flags.json = true,
                ResponseKind::Empty => flags.empty = true,
                ResponseKind::Text => flags.text = true,
                ResponseKind::Bytes => flags.bytes = true,
                ResponseKind::ByStatus => flags.by_status = true,
            }
        }
        flags
    }
}

fn uses_chrono(ty: &Ty) -> bool {
    match ty {
        Ty::DateTime | Ty::Date => true,
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
            uses_chrono(inner)
        }
        _ => false,
    }
}

#[derive(Template)]
#[template(path = "lib.rs")]
struct LibTemplate<'a> {
    api: &'a Api,
    title_doc: String,
    crate_ident: String,
    example_group: Option<&'a str>,
    example_base_url: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "apis_mod.rs")]
struct ApisModTemplate<'a> {
    api: &'a Api,
    flags: Flags,
    features: &'a Features,
}

#[derive(Template)]
#[template(path = "client.rs")]
struct ClientTemplate<'a> {
    base_url: Option<String>,
    base_path: String,
    api_key_header: Option<String>,
    api_key_header_name: String,
    crate_ident: String,
    flags: Flags,
    features: &'a Features,
}

#[derive(Template)]
#[template(path = "api.rs")]
struct ApiTemplate<'a> {
    group: &'a Group,
}

#[derive(Template)]
#[template(path = "model_struct.rs")]
struct StructTemplate<'a> {
    model: &'a Model,
    s: &'a StructModel,
    traits: SerdeTraits,
}

#[derive(Template)]
#[template(path = "model_enum.rs")]
struct EnumTemplate<'a> {
    model: &'a Model,
    e: &'a EnumModel,
}

#[derive(Template)]
#[template(path = "model_union.rs")]
struct UnionTemplate<'a> {
    model: &'a Model,
    u: &'a UnionModel,
}

#[derive(Template)]
#[template(path = "model_alias.rs")]
struct AliasTemplate<'a> {
    model: &'a Model,
    ty: &'a Ty,
}

#[derive(Template)]
#[template(path = "models_mod.rs")]
struct ModelsModTemplate<'a> {
    models: &'a [Model],
    tri_state: bool,
    features: &'a Features,
}

#[derive(Template)]
#[template(path = "Cargo.toml")]
struct CargoTemplate<'a> {
    features: &'a Features,
    crate_name: &'a str,
    crate_version: &'a str,
    description: String,
    flags: Flags,
}

/// Renders every file of the crate.
pub fn render(api: &Api, options: &RenderOptions) -> Result<Files> {
    let flags = Flags::of(api);
    let features = Features::of(api);
    let features = &features;
    let crate_ident = options.crate_name.replace('-', "_");
    let mut files = Files::new();

    let cargo = CargoTemplate {
        features,
        crate_name: &options.crate_name,
        crate_version: &options.crate_version,
        description: toml_string(&format!("Rust client for the {}", api.title)),
        flags,
    };
    let text = render_text(&cargo, "Cargo.toml", "the crate manifest")?;
    files.insert(
        "Cargo.toml".into(),
        format!("# {}\n\n{}", options.header, text.trim_start()),
    );

    let lib = LibTemplate {
        api,
        title_doc: crate::docs::doc_lines(&api.title).join(" "),
        crate_ident: crate_ident.clone(),
        example_group: api
            .groups
            .iter()
            .find(|g| g.name == "EventsApi")
            .or(api.groups.first())
            .map(|g| g.name.as_str()),
        example_base_url: api
            .default_base_url
            .is_none()
            .then_some("\"https://api.example.com/v1\""),
    };
    rust_file(
        &mut files,
        "src/lib.rs",
        &lib,
        "lib.rs",
        "the crate root",
        options,
    )?;
    let apis_mod = ApisModTemplate {
        api,
        flags,
        features,
    };
    rust_file(
        &mut files,
        "src/apis/mod.rs",
        &apis_mod,
        "apis_mod.rs",
        "the apis module",
        options,
    )?;
    let client = ClientTemplate {
        base_url: api.default_base_url.as_deref().map(literal),
        base_path: literal(&api.default_base_path),
        api_key_header: api.api_key_header.as_deref().map(literal),
        api_key_header_name: api.api_key_header.clone().unwrap_or_default(),
        crate_ident,
        flags,
        features,
    };
    rust_file(
        &mut files,
        "src/apis/client.rs",
        &client,
        "client.rs",
        "the client",
        options,
    )?;

    let models_mod = ModelsModTemplate {
        models: &api.models,
        tri_state: flags.tri_state,
        features,
    };
    rust_file(
        &mut files,
        "src/models/mod.rs",
        &models_mod,
        "models_mod.rs",
        "the models module",
        options,
    )?;

    let jobs: Vec<Job<'_>> = api
        .groups
        .iter()
        .map(Job::Group)
        .chain(api.models.iter().map(Job::Model))
        .collect();
    let traits = crate::features::serde_traits(api);
    files.extend(render_jobs(&jobs, &traits, options)?);
    Ok(files)
}

/// One file of an API group or a model, rendered independently of the others.
enum Job<'a> {
    Group(&'a Group),
    Model(&'a Model),
}

/// Renders `jobs` on every core.
///
/// Files differ in size by two orders of magnitude, so each thread takes the next job when it
/// finishes one rather than a fixed share. The map keeps the output order fixed whatever order
/// the threads finish in, and the first error in job order is the one returned.
fn render_jobs(
    jobs: &[Job<'_>],
    traits: &BTreeMap<String, SerdeTraits>,
    options: &RenderOptions,
) -> Result<Files> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let rendered: Vec<Vec<(usize, Result<Files>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(index) else {
                            return done;
                        };
                        let mut files = Files::new();
                        let result = match job {
                            Job::Group(group) => group_file(&mut files, group, options),
                            Job::Model(model) => model_file(&mut files, model, traits, options),
                        };
                        done.push((index, result.map(|()| files)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut results: Vec<(usize, Result<Files>)> = rendered.into_iter().flatten().collect();
    results.sort_by_key(|(index, _)| *index);
    let mut files = Files::new();
    for (_, result) in results {
        files.extend(result?);
    }
    Ok(files)
}

/// Renders one API group's file into `files`.
fn group_file(files: &mut Files, group: &Group, options: &RenderOptions) -> Result<()> {
    let path = format!("src/apis/{}.rs", group.module);
    let item = format!("tag `{}`", group.tag);
    rust_file(
        files,
        &path,
        &ApiTemplate { group },
        "api.rs",
        &item,
        options,
    )
}

/// Renders one model's file into `files`.
fn model_file(
    files: &mut Files,
    model: &Model,
    traits: &BTreeMap<String, SerdeTraits>,
    options: &RenderOptions,
) -> Result<()> {
    let path = format!("src/models/{}.rs", model.module);
    let item = format!("schema `{}`", model.source);
    match &model.kind {
        ModelKind::Struct(s) => {
            let both = SerdeTraits {
                serialize: true,
                deserialize: true,
            };
            let traits = traits.get(&model.name).copied().unwrap_or(both);
            let template = StructTemplate { model, s, traits };
            rust_file(files, &path, &template, "model_struct.rs", &item, options)
        }
        ModelKind::Enum(e) => {
            let template = EnumTemplate { model, e };
            rust_file(files, &path, &template, "model_enum.rs", &item, options)
        }
        ModelKind::Union(u) => {
            let template = UnionTemplate { model, u };
            rust_file(files, &path, &template, "model_union.rs", &item, options)
        }
        ModelKind::Alias(ty) => {
            let template = AliasTemplate { model, ty };
            rust_file(files, &path, &template, "model_alias.rs", &item, options)
        }
    }
}

fn render_text(template: &impl Template, name: &'static str, item: &str) -> Result<String> {
    template.render().map_err(|source| Error::Render {
        template: name,
        item: item.to_owned(),
        source,
    })
}

/// Renders a Rust file, checks it parses, formats it and adds the header.
fn rust_file(
    files: &mut Files,
    path: &str,
    template: &impl Template,
    name: &'static str,
    item: &str,
    options: &RenderOptions,
) -> Result<()> {
    let source = render_text(template, name, item)?;
    let formatted = format_rust(&source).map_err(|(line, column, message)| Error::InvalidRust {
        template: name,
        item: item.to_owned(),
        line,
        column,
        message,
    })?;
    files.insert(
        path.to_owned(),
        format!("// {}\n\n{formatted}", options.header),
    );
    Ok(())
}

/// Parses and pretty-prints Rust source, or returns the line, column and message of the first
/// syntax error.
pub fn format_rust(source: &str) -> std::result::Result<String, (usize, usize, String)> {
    let file = syn::parse_file(source).map_err(|e| {
        let start = e.span().start();
        (start.line, start.column + 1, e.to_string())
    })?;
    Ok(sdkgen_patches::unparse(&file))
}

/// Prints `text` as a Rust string literal.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// Prints `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Operation {
    /// Counts the method's arguments, `self` included.
    pub fn arg_count(&self) -> usize {
        1 + self.path_args.len()
            + usize::from(self.body.is_some())
            + usize::from(self.params.is_some())
    }
}

impl Body {
    /// The argument's type: the body type, or an `Option` of it when the body is optional.
    pub fn arg_ty(&self) -> String {
        if self.required {
            self.ty.rust()
        } else {
            format!("Option<{}>", self.ty.rust())
        }
    }
}

impl ParamsStruct {
    /// Reports whether any field is a query parameter.
    pub fn has_query(&self) -> bool {
        self.fields.iter().any(ParamField::is_query)
    }

    /// Reports whether any field is a header parameter.
    pub fn has_headers(&self) -> bool {
        self.fields.iter().any(|f| !f.is_query())
    }
}

impl ParamField {
    /// Reports whether the parameter goes in the query string.
    pub fn is_query(&self) -> bool {
        self.location == ParamLocation::Query
    }
}

impl EnumModel {
    /// The Rust type of a wire value.
    pub fn wire_type(&self) -> &'static str {
        match self.repr {
            EnumRepr::Str => "String",
            EnumRepr::Int => "i64",
        }
    }
}
