//! `cargo xtask check`: regenerate in memory and compare with the committed SDK.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Runs the task.
pub fn run(spec: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let spec = spec.unwrap_or_else(crate::default_spec);
    let out = crate::default_out();
    let differences = stale_files(&spec, &out)?;
    if differences.is_empty() {
        println!("check   {} matches {}", out.display(), spec.display());
        return Ok(ExitCode::SUCCESS);
    }
    for difference in &differences {
        eprintln!("  {difference}");
    }
    let count = sdkgen::write::differing_files(differences.len());
    let command = if spec == crate::default_spec() {
        "cargo xtask generate".to_owned()
    } else {
        format!("cargo xtask generate --spec {}", spec.display())
    };
    eprintln!(
        "error: {} is stale: {count} from what {} generates; run `{command}` and commit the \
         result",
        out.display(),
        spec.display()
    );
    Ok(ExitCode::FAILURE)
}

/// Lists how `out` differs from what `spec` generates.
pub fn stale_files(
    spec: &std::path::Path,
    out: &std::path::Path,
) -> anyhow::Result<Vec<sdkgen::write::Difference>> {
    let generated = sdkgen::generate(&crate::options(spec))
        .with_context(|| format!("generating from {}", spec.display()))?;
    sdkgen::compare_with(&generated, out)
        .with_context(|| format!("comparing with {}", out.display()))
}

#[cfg(test)]
mod tests {
    /// `cargo test` fails too when the committed SDK is stale, naming files and the fix.
    #[test]
    fn committed_sdk_is_current() {
        let differences =
            super::stale_files(&crate::default_spec(), &crate::default_out()).unwrap();
        let listed: Vec<String> = differences.iter().map(ToString::to_string).collect();
        assert!(
            differences.is_empty(),
            "generated-sdk/ differs from what spec/flexprice.yaml generates; run `cargo xtask \
             generate` and commit the result:\n  {}",
            listed.join("\n  ")
        );
    }
}
