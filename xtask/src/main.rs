//! `cargo xtask`: the project's tasks. This file parses flags and dispatches; each task has a
//! module of its own.

mod check;
mod diff;
mod generate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project tasks for the FlexPrice SDK generator"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate and patch the SDK from the spec.
    Generate {
        /// The OpenAPI 3.0 or Swagger 2.0 spec (default: spec/flexprice.yaml).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The crate folder to write (default: generated-sdk/).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Fail when the committed SDK differs from what the spec generates.
    Check {
        /// The OpenAPI 3.0 or Swagger 2.0 spec (default: spec/flexprice.yaml).
        #[arg(long)]
        spec: Option<PathBuf>,
    },
    /// Print a Markdown report of the SDK API changes from one spec to another.
    Diff {
        /// The older OpenAPI 3.0 or Swagger 2.0 spec.
        #[arg(long)]
        old: PathBuf,
        /// The newer OpenAPI 3.0 or Swagger 2.0 spec.
        #[arg(long)]
        new: PathBuf,
    },
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format_timestamp(None)
        .init();
    let result = match Cli::parse().task {
        Task::Generate { spec, out } => generate::run(spec, out),
        Task::Check { spec } => check::run(spec),
        Task::Diff { old, new } => diff::run(old, new),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one folder below the workspace root")
        .to_owned()
}

/// The default spec.
pub fn default_spec() -> PathBuf {
    root().join("spec/flexprice.yaml")
}

/// The committed SDK.
pub fn default_out() -> PathBuf {
    root().join("generated-sdk")
}

/// Builds generator options for `spec`, naming it relative to the workspace root when it is
/// inside, so headers are the same on every machine.
pub fn options(spec: &Path) -> sdkgen::Options {
    let mut options = sdkgen::Options::new(spec);
    let absolute = std::path::absolute(spec).unwrap_or_else(|_| spec.to_owned());
    if let Ok(relative) = absolute.strip_prefix(root()) {
        options.spec_label = relative.to_string_lossy().replace('\\', "/");
    }
    options.command = "cargo xtask generate".into();
    options
}
