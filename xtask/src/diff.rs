//! `cargo xtask diff`: print the Markdown report of API changes between two specs. Also
//! builds the report `cargo xtask generate` prints when the committed SDK came from another
//! spec.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use sdkgen::diff::{self, Labels};
use sdkgen::manifest::Manifest;
use sdkgen::surface::{Surface, SURFACE_FILE};

/// Runs the task.
pub fn run(old: PathBuf, new: PathBuf) -> anyhow::Result<ExitCode> {
    print!("{}", spec_report(&old, &new)?);
    Ok(ExitCode::SUCCESS)
}

/// Reports the API changes from the SDK of spec `old` to the SDK of spec `new`.
pub fn spec_report(old: &Path, new: &Path) -> anyhow::Result<String> {
    let old_options = crate::options(old);
    let new_options = crate::options(new);
    let old_surface = sdkgen::surface_of(&old_options)
        .with_context(|| format!("reading the API of {}", old.display()))?;
    let new_surface = sdkgen::surface_of(&new_options)
        .with_context(|| format!("reading the API of {}", new.display()))?;
    let labels = Labels {
        old: format!("`{}`", old_options.spec_label),
        new: format!("`{}`", new_options.spec_label),
    };
    Ok(report(&old_surface, &new_surface, &labels))
}

/// Reports how `generated` changes the API of the crate committed in `out`, or returns
/// `None` when `out` contains no generated crate or one generated from the same spec file.
pub fn committed_report(
    out: &Path,
    generated: &sdkgen::Generated,
) -> anyhow::Result<Option<String>> {
    let Some(manifest) = Manifest::read(out)
        .with_context(|| format!("reading the manifest in {}", out.display()))?
    else {
        return Ok(None);
    };
    if manifest.spec_sha256 == generated.manifest.spec_sha256 {
        return Ok(None);
    }
    let Some(committed) = Surface::read(out)
        .with_context(|| format!("reading the API record in {}", out.display()))?
    else {
        eprintln!(
            "note: {} has no {SURFACE_FILE}, because an older sdkgen generated it, so no API \
             change report is printed; the next run will print one",
            out.display()
        );
        return Ok(None);
    };
    let labels = Labels {
        old: format!(
            "committed `{}` (sha256 `{}`)",
            manifest.spec,
            short_hash(&manifest.spec_sha256)
        ),
        new: format!(
            "`{}` (sha256 `{}`)",
            generated.manifest.spec,
            short_hash(&generated.manifest.spec_sha256)
        ),
    };
    Ok(Some(report(&committed, &generated.surface, &labels)))
}

/// Diffs two surfaces and prints the report, bumping from the older crate's version.
fn report(old: &Surface, new: &Surface, labels: &Labels) -> String {
    let changes = diff::diff(old, new);
    diff::report(&changes, labels, &old.version)
}

fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn upstream(name: &str) -> PathBuf {
        crate::root().join("../shared/specs").join(name)
    }

    #[test]
    fn generate_reports_committed_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sdk");
        let old =
            sdkgen::generate(&crate::options(&upstream("flexprice-2026-08-20.json"))).unwrap();
        sdkgen::write_to(&old, &out).unwrap();

        let same = super::committed_report(&out, &old).unwrap();
        assert_eq!(same, None, "same spec, no report");

        let new =
            sdkgen::generate(&crate::options(&upstream("flexprice-2026-08-21.json"))).unwrap();
        let report = super::committed_report(&out, &new).unwrap().unwrap();
        let first = report.lines().next().unwrap();
        assert_eq!(
            first,
            format!(
                "## API changes: committed `../shared/specs/flexprice-2026-08-20.json` (sha256 \
                 `{}`) → `../shared/specs/flexprice-2026-08-21.json` (sha256 `{}`)",
                &old.manifest.spec_sha256[..12],
                &new.manifest.spec_sha256[..12]
            )
        );
        let spec_report = super::spec_report(
            &upstream("flexprice-2026-08-20.json"),
            &upstream("flexprice-2026-08-21.json"),
        )
        .unwrap();
        let body = |text: &str| text.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            body(&report),
            body(&spec_report),
            "same report as `cargo xtask diff`"
        );
        assert_eq!(
            report.lines().nth(2),
            Some(
                "**Summary:** 1 operation added; 7 models added, 3 changed; 1 field added, 2 \
                 changed; 2 breaking changes; implied version bump: **minor**, 0.1.0 → 0.2.0."
            )
        );
    }

    #[test]
    fn crate_without_record_gets_no_report() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sdk");
        let minimal = crate::root().join("generator/tests/fixtures/minimal.yaml");
        let old = sdkgen::generate(&crate::options(&minimal)).unwrap();
        sdkgen::write_to(&old, &out).unwrap();
        std::fs::remove_file(out.join(sdkgen::surface::SURFACE_FILE)).unwrap();

        let edited = dir.path().join("edited.yaml");
        let text = std::fs::read_to_string(&minimal).unwrap();
        std::fs::write(&edited, text.replace("Ingest one event", "Send one event")).unwrap();
        let new = sdkgen::generate(&crate::options(&edited)).unwrap();
        assert_ne!(new.manifest.spec_sha256, old.manifest.spec_sha256);
        assert_eq!(super::committed_report(&out, &new).unwrap(), None);
    }
}
