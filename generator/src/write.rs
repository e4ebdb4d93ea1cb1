//! Writes generated files into the output folder all at once, or compares them with it.
//!
//! Writing stages the complete new crate in a sibling folder, then swaps the two folders, so
//! a failure at any point leaves the output folder as it was. Files the generator owns are
//! listed in the manifest; files it does not own (hand-written tests, a `target` folder) are
//! moved into the new folder unchanged, and an owned file that is no longer produced is
//! removed. Unchanged files are hard-linked from the old folder so their modification times,
//! and with them cargo's build cache, survive regeneration.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::manifest::{Manifest, MANIFEST_FILE};
use crate::render::Files;

/// What a write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written, changed or not.
    pub written: usize,
    /// Files that are new or whose content changed.
    pub changed: Vec<String>,
    /// Owned files that are no longer produced and were removed.
    pub removed: Vec<String>,
}

/// How a generated file differs from the one on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Difference {
    /// The file is produced but missing on disk.
    Missing(String),
    /// The file's content differs.
    Changed(String),
    /// The file is owned but no longer produced.
    Stale(String),
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Missing(path) => write!(f, "missing: {path}"),
            Difference::Changed(path) => write!(f, "changed: {path}"),
            Difference::Stale(path) => write!(f, "no longer generated: {path}"),
        }
    }
}

/// Reads the set of files the previous generation owned.
fn owned_files(out: &Path) -> Result<BTreeSet<String>> {
    let manifest = Manifest::read(out)?;
    Ok(manifest
        .map(|m| m.files.into_iter().collect())
        .unwrap_or_default())
}

/// Compares `files` with the output folder.
pub fn compare(out: &Path, files: &Files) -> Result<Vec<Difference>> {
    let mut differences = Vec::new();
    for (path, content) in files {
        match fs::read(out.join(path)) {
            Ok(bytes) if bytes == content.as_bytes() => {}
            Ok(_) => differences.push(Difference::Changed(path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                differences.push(Difference::Missing(path.clone()))
            }
            Err(source) => {
                return Err(Error::Io {
                    action: "reading",
                    path: out.join(path),
                    source,
                })
            }
        }
    }
    for path in owned_files(out)? {
        if !files.contains_key(&path) && out.join(&path).exists() {
            differences.push(Difference::Stale(path));
        }
    }
    differences.sort();
    Ok(differences)
}

/// Counts differing files for a message: "1 file differs", "3 files differ".
pub fn differing_files(count: usize) -> String {
    match count {
        1 => "1 file differs".to_owned(),
        n => format!("{n} files differ"),
    }
}

/// Replaces the generated files in `out` with `files`.
pub fn write(out: &Path, files: &Files) -> Result<WriteReport> {
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    // Swapping folders would replace a symlink with a real folder and leave the target
    // stale, so a symlinked output folder is written where it points.
    let resolved;
    let out = if out.is_symlink() {
        resolved = fs::canonicalize(out).map_err(io("resolving the symlink", out))?;
        resolved.as_path()
    } else {
        out
    };
    let owned = if out.exists() {
        owned_files(out)?
    } else {
        BTreeSet::new()
    };
    for path in files.keys() {
        let target = out.join(path);
        if !owned.contains(path) && target.exists() && path != MANIFEST_FILE {
            return Err(Error::NotOwned {
                path: target,
                manifest: MANIFEST_FILE.into(),
            });
        }
    }

    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io("creating", &parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let staging = parent.join(format!(".{name}.sdkgen-new"));
    let backup = parent.join(format!(".{name}.sdkgen-old"));
    // A run killed while swapping leaves these behind, and the user's unowned files may be
    // only there, so they are never deleted without the user looking first.
    for leftover in [&staging, &backup] {
        if leftover.symlink_metadata().is_ok() {
            return Err(Error::Leftover {
                path: leftover.clone(),
                out: out.to_owned(),
            });
        }
    }

    let mut report = WriteReport::default();
    let staged = stage(out, &staging, files, &mut report);
    if let Err(e) = staged {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    report.removed = owned
        .iter()
        .filter(|p| !files.contains_key(*p) && out.join(p).exists())
        .cloned()
        .collect();

    if !out.exists() {
        fs::rename(&staging, out).map_err(io("moving the new output to", out))?;
        return Ok(report);
    }
    let moved = match carry_unowned(out, &staging, &owned, files) {
        Ok(moved) => moved,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if let Err(source) = fs::rename(out, &backup) {
        move_back(&moved, &staging, out);
        let _ = fs::remove_dir_all(&staging);
        return Err(Error::Io {
            action: "moving aside",
            path: out.to_owned(),
            source,
        });
    }
    if let Err(source) = fs::rename(&staging, out) {
        let _ = fs::rename(&backup, out);
        move_back(&moved, &staging, out);
        let _ = fs::remove_dir_all(&staging);
        return Err(Error::Io {
            action: "moving the new output to",
            path: out.to_owned(),
            source,
        });
    }
    fs::remove_dir_all(&backup).map_err(io("removing", &backup))?;
    Ok(report)
}

/// Writes every file into `staging`, hard-linking the ones whose content is unchanged.
fn stage(out: &Path, staging: &Path, files: &Files, report: &mut WriteReport) -> Result<()> {
    for (path, content) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|source| Error::Io {
                action: "creating",
                path: dir.to_owned(),
                source,
            })?;
        }
        let old = out.join(path);
        let unchanged = fs::read(&old).is_ok_and(|bytes| bytes == content.as_bytes());
        if !(unchanged && fs::hard_link(&old, &target).is_ok()) {
            fs::write(&target, content).map_err(|source| Error::Io {
                action: "writing",
                path: target.clone(),
                source,
            })?;
        }
        if !unchanged {
            report.changed.push(path.clone());
        }
        report.written += 1;
    }
    Ok(())
}

/// Moves every entry of `out` the generator does not own into `staging`, returning the
/// relative paths moved. A folder holding no owned file moves as a whole.
fn carry_unowned(
    out: &Path,
    staging: &Path,
    owned: &BTreeSet<String>,
    files: &Files,
) -> Result<Vec<PathBuf>> {
    let owned_dirs: BTreeSet<PathBuf> = owned
        .iter()
        .chain(files.keys())
        .flat_map(|p| {
            Path::new(p)
                .ancestors()
                .skip(1)
                .map(Path::to_path_buf)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut moved = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(out.join(&dir)).map_err(|source| Error::Io {
            action: "reading",
            path: out.join(&dir),
            source,
        })?;
        let mut names: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| dir.join(e.file_name()))
            .collect();
        names.sort();
        for relative in names {
            let key = relative.to_string_lossy().replace('\\', "/");
            if owned.contains(&key) || files.contains_key(&key) {
                continue;
            }
            if owned_dirs.contains(&relative) {
                pending.push(relative);
                continue;
            }
            let target = staging.join(&relative);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|source| Error::Io {
                    action: "creating",
                    path: parent.to_owned(),
                    source,
                })?;
            }
            if let Err(source) = fs::rename(out.join(&relative), &target) {
                move_back(&moved, staging, out);
                return Err(Error::Io {
                    action: "moving",
                    path: out.join(&relative),
                    source,
                });
            }
            moved.push(relative);
        }
    }
    Ok(moved)
}

/// Returns entries moved by [`carry_unowned`] to where they were.
fn move_back(moved: &[PathBuf], staging: &Path, out: &Path) {
    for relative in moved.iter().rev() {
        let _ = fs::rename(staging.join(relative), out.join(relative));
    }
}
