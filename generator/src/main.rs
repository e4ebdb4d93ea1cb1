//! The `sdkgen` command: generates, or checks, an SDK crate from an OpenAPI 3.0 or Swagger
//! 2.0 spec.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "sdkgen",
    version,
    about = "Generate a Rust client SDK from an OpenAPI 3.0 or Swagger 2.0 spec"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the SDK crate and swap it into the output folder.
    Generate(Args),
    /// Exit with status 1 when the output folder differs from what the spec generates.
    Check(Args),
}

#[derive(clap::Args)]
struct Args {
    /// The OpenAPI 3.0 or Swagger 2.0 spec, JSON or YAML.
    #[arg(long)]
    spec: PathBuf,
    /// The crate folder to write or check.
    #[arg(long)]
    out: PathBuf,
    /// The package name of the generated crate.
    #[arg(long, default_value = "flexprice")]
    crate_name: String,
    /// The package version of the generated crate.
    #[arg(long, default_value = "0.1.0")]
    crate_version: String,
    /// Skip the patch pass that injects `async_utils` and `events_post_async`.
    #[arg(long)]
    no_patch: bool,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .format_timestamp(None)
        .init();
    let cli = Cli::parse();
    let (check, args) = match cli.command {
        Command::Generate(args) => (false, args),
        Command::Check(args) => (true, args),
    };
    let mut options = sdkgen::Options::new(&args.spec);
    options.command = "sdkgen generate".into();
    options.crate_name = args.crate_name;
    options.crate_version = args.crate_version;
    options.patch = !args.no_patch;
    match run(&options, &args.out, check) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &sdkgen::Options, out: &std::path::Path, check: bool) -> sdkgen::Result<ExitCode> {
    let generated = sdkgen::generate(options)?;
    for stage in &generated.stages {
        println!(
            "{:<7} {} in {:.1?}",
            stage.name, stage.summary, stage.elapsed
        );
    }
    if check {
        let differences = sdkgen::compare_with(&generated, out)?;
        if differences.is_empty() {
            println!("check   {} is up to date", out.display());
            return Ok(ExitCode::SUCCESS);
        }
        for difference in &differences {
            eprintln!("{difference}");
        }
        eprintln!(
            "error: {} is stale ({}); run `sdkgen generate --spec {} --out {}`",
            out.display(),
            sdkgen::write::differing_files(differences.len()),
            options.spec.display(),
            out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = sdkgen::write_to(&generated, out)?;
    println!(
        "write   {} files, {} changed, {} removed, into {}",
        report.written,
        report.changed.len(),
        report.removed.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
