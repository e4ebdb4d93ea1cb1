//! Errors the generator reports. Each message names the failing value (a file, a JSON pointer,
//! an operation) and says what to do next, so the CLI can print it as one paragraph.

use std::path::PathBuf;

/// A failure at any stage of the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec file could not be read.
    #[error("cannot read spec {}: {source}; check the path given to --spec", path.display())]
    ReadSpec {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The spec is not well-formed JSON or YAML.
    #[error(
        "{}:{line}:{column}: invalid {format}: {message}; {hint}",
        path.display()
    )]
    Syntax {
        path: PathBuf,
        format: &'static str,
        line: usize,
        column: usize,
        message: String,
        /// What to do next, which depends on whether the text ended early.
        hint: &'static str,
    },

    /// The document is JSON or YAML, but neither OpenAPI 3.0.x nor Swagger 2.0.
    #[error("{}: {found}; {hint}", path.display())]
    UnsupportedVersion {
        path: PathBuf,
        found: String,
        hint: &'static str,
    },

    /// A Swagger 2.0 document has a value the conversion to OpenAPI 3.0 cannot handle.
    #[error(
        "{}: invalid Swagger 2.0 document at {pointer}: {message}; fix that value in the spec",
        path.display()
    )]
    InvalidSwagger {
        path: PathBuf,
        pointer: String,
        message: String,
    },

    /// The document does not match the OpenAPI 3.0 schema.
    #[error(
        "{}: invalid OpenAPI document at {pointer}: {message}; fix that value in the spec",
        path.display()
    )]
    InvalidDocument {
        path: PathBuf,
        pointer: String,
        message: String,
    },

    /// A `$ref` points at nothing.
    #[error(
        "{pointer}: $ref `{reference}` does not resolve; define it under components or fix the \
         reference"
    )]
    UnresolvedRef { pointer: String, reference: String },

    /// The spec uses something the generator cannot turn into Rust yet.
    #[error(
        "{pointer}: unsupported construct: {construct}; see the Limitations section of the \
         README for what the generator handles"
    )]
    Unsupported { pointer: String, construct: String },

    /// Two parts of the spec contradict each other.
    #[error("{pointer}: {message}")]
    Conflict { pointer: String, message: String },

    /// A template rendered text that is not valid Rust: a generator bug.
    #[error(
        "template {template} rendered invalid Rust for {item} at line {line}, column {column}: \
         {message}; this is a generator bug, please report it with the spec"
    )]
    InvalidRust {
        template: &'static str,
        item: String,
        line: usize,
        column: usize,
        message: String,
    },

    /// askama failed to render a template.
    #[error("template {template} failed to render for {item}: {source}")]
    Render {
        template: &'static str,
        item: String,
        #[source]
        source: askama::Error,
    },

    /// The post-processing pass failed.
    #[error(transparent)]
    Patch(#[from] sdkgen_patches::PatchError),

    /// The output folder contains a file the generator would overwrite but does not own.
    #[error(
        "{}: exists and was not written by sdkgen (it is not in {manifest}); move it away or \
         choose another --out",
        path.display()
    )]
    NotOwned { path: PathBuf, manifest: String },

    /// A staging or backup folder of an interrupted run sits beside the output folder.
    #[error(
        "{}: left beside {} by an sdkgen run that was interrupted; it may hold files of yours \
         that were being carried over. Move back what you need, delete the folder, and run \
         again",
        path.display(),
        out.display()
    )]
    Leftover { path: PathBuf, out: PathBuf },

    /// Writing the output failed; the output folder was left as it was.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Shorthand for results of the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Builds a JSON pointer from path segments, escaping `~` and `/` as RFC 6901 says.
pub fn pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::from("#");
    for segment in segments {
        out.push('/');
        out.push_str(&escape_pointer_segment(segment.as_ref()));
    }
    out
}

/// Escapes one JSON pointer segment.
pub fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
