//! `cargo xtask generate`: regenerate and patch the SDK, printing one line per stage, then
//! the API change report when the committed SDK came from another spec.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

/// Runs the task.
pub fn run(spec: Option<PathBuf>, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let spec = spec.unwrap_or_else(crate::default_spec);
    let out = out.unwrap_or_else(crate::default_out);
    let options = crate::options(&spec);
    let generated = sdkgen::generate(&options)
        .with_context(|| format!("generating from {}", spec.display()))?;
    for stage in &generated.stages {
        println!(
            "{:<7} {} in {:.1?}",
            stage.name, stage.summary, stage.elapsed
        );
    }
    let changes = crate::diff::committed_report(&out, &generated)?;
    let started = Instant::now();
    let report =
        sdkgen::write_to(&generated, &out).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "write   {} files written, {} changed, {} removed in {:.1?}",
        report.written,
        report.changed.len(),
        report.removed.len(),
        started.elapsed()
    );
    if let Some(changes) = changes {
        println!();
        print!("{changes}");
    }
    Ok(ExitCode::SUCCESS)
}
