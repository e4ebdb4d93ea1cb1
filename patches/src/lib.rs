//! The post-processing pass run on the generated SDK, the Rust counterpart of FlexPrice's
//! `add_python_async.py`.
//!
//! A patch finds its anchors with syn, by the HTTP method and path the generator recorded for
//! each operation, never by a method's Rust name. It inserts text at those anchors and leaves
//! every other byte of the file as the generator wrote it, so the diff of a patched file is
//! exactly what the patch adds. A missing or unexpected anchor is an error naming the file,
//! line and column and what was expected; running a patch on its own output changes nothing.

mod anchor;
mod events_post_async;
mod format;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use anchor::Location;
pub use format::unparse;

/// Where the generator put the method for one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationRecord {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path as written in the spec, such as `/events`.
    pub path: String,
    /// The `operationId`, when the spec has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// The tag that chose the API struct.
    pub tag: String,
    /// The API struct, such as `EventsApi`.
    pub api: String,
    /// The file holding the struct, relative to the crate root.
    pub file: String,
    /// The method's name.
    pub function: String,
}

/// A patch that could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    /// An anchor is missing, matched twice, or has an unexpected shape.
    #[error("patch {patch}: {location}: {message}; the SDK was not written")]
    Anchor {
        patch: &'static str,
        location: Location,
        message: String,
    },
    /// A file the patch edits does not parse.
    #[error("patch {patch}: {location}: cannot parse: {message}; the SDK was not written")]
    Parse {
        patch: &'static str,
        location: Location,
        message: String,
    },
}

/// Files by path relative to the crate root.
pub type Files = BTreeMap<String, String>;

/// What the patches did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PatchReport {
    /// Per patch: its name and the files it changed (empty when it was already applied).
    pub applied: Vec<(&'static str, Vec<String>)>,
}

impl fmt::Display for PatchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .applied
            .iter()
            .map(|(name, files)| match files.len() {
                0 => format!("{name} already applied"),
                n => format!("{name} changed {n} files"),
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// Applies every patch to `files`, in order. On error `files` may be partly patched, so the
/// caller must discard them.
pub fn apply_all(
    files: &mut Files,
    operations: &[OperationRecord],
) -> Result<PatchReport, PatchError> {
    let mut report = PatchReport::default();
    let changed = events_post_async::apply(files, operations)?;
    report.applied.push((events_post_async::NAME, changed));
    Ok(report)
}
