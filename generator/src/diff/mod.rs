//! Compares two API surfaces and classifies each change by what it does to code written
//! against the older SDK.
//!
//! Changes are judged by the Rust API, not only by the wire: a field whose Rust type changes
//! from `Option<f64>` to `Option<String>` breaks callers even when the server would accept
//! both, and a path parameter renamed in the spec breaks no caller, because callers pass it by
//! position. Whether a model is sent, received or both is derived from the operations (see
//! [`Usage`]), because a property that becomes required only breaks callers that build the
//! model for a request.
//!
//! Each subject (an operation, parameter, model, field or enum value) gets at most one
//! [`Change`], whose detail lists every aspect that changed.

mod models;
mod operations;
mod report;

use std::collections::{BTreeMap, BTreeSet};

use crate::surface::Surface;

pub use models::Usage;
pub use report::{report, Bump, Labels, SEMVER_RULE};

/// The effect of a change on code written against the older SDK, from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// The API changed, but code that compiled before compiles and behaves as before.
    Compatible,
    /// Something new that existing code does not use.
    Additive,
    /// Existing code can fail to compile or be rejected by the server.
    Breaking,
}

/// Whether the subject appeared, disappeared or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Removed,
    Changed,
    Added,
}

impl ChangeKind {
    /// Returns the word the report uses.
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
        }
    }
}

/// The operation, parameter, model, field or enum value that changed. Operations are named
/// by their path in the newer surface, or in the older one when removed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Operation {
        path: String,
        method: String,
    },
    /// A parameter, by its location (`path`, `query`, `header`) and wire name.
    Parameter {
        path: String,
        method: String,
        location: String,
        name: String,
    },
    Model(String),
    /// A struct field, by its wire name.
    Field {
        model: String,
        field: String,
    },
    /// An enum value, by its wire value.
    EnumValue {
        model: String,
        value: String,
    },
}

/// One changed subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub subject: Subject,
    pub kind: ChangeKind,
    /// The description of the change in the report's words, with Rust types in backticks.
    pub detail: String,
    pub impact: Impact,
}

/// Every change between two surfaces, with the context the report prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// Changes sorted by subject.
    pub changes: Vec<Change>,
    /// Operations present in both surfaces that changed, or whose parameters did, by path and
    /// method, with their Rust method (`EventsApi::ingest_event`) in the newer surface.
    pub changed_operations: BTreeMap<(String, String), String>,
    /// Models present in both surfaces that changed, or whose fields or values did, with
    /// their kind and where operations use them.
    pub changed_models: BTreeMap<String, (String, Usage)>,
}

impl ApiDiff {
    /// The maximum impact of the changes, or `None` when nothing changed.
    pub fn impact(&self) -> Option<Impact> {
        self.changes.iter().map(|c| c.impact).max()
    }

    /// Changes that break existing code.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.impact == Impact::Breaking)
    }

    /// Operations added, as `METHOD path`.
    pub fn added_operations(&self) -> BTreeSet<String> {
        self.subjects(ChangeKind::Added, |s| match s {
            Subject::Operation { path, method } => Some(format!("{method} {path}")),
            _ => None,
        })
    }

    /// Models added, by Rust name.
    pub fn added_models(&self) -> BTreeSet<String> {
        self.subjects(ChangeKind::Added, |s| match s {
            Subject::Model(name) => Some(name.clone()),
            _ => None,
        })
    }

    fn subjects(
        &self,
        kind: ChangeKind,
        name: impl Fn(&Subject) -> Option<String>,
    ) -> BTreeSet<String> {
        self.changes
            .iter()
            .filter(|c| c.kind == kind)
            .filter_map(|c| name(&c.subject))
            .collect()
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Surface, new: &Surface) -> ApiDiff {
    let mut out = ApiDiff::default();
    operations::diff_operations(old, new, &mut out);
    models::diff_models(old, new, &mut out);
    out.changes.sort_by(|a, b| a.subject.cmp(&b.subject));
    log::debug!(
        "{} API changes, {} breaking",
        out.changes.len(),
        out.breaking().count()
    );
    out
}

/// Collects the changed aspects of one subject into a single [`Change`].
#[derive(Default)]
struct Aspects(Vec<(String, Impact)>);

impl Aspects {
    fn push(&mut self, detail: String, impact: Impact) {
        self.0.push((detail, impact));
    }

    fn into_change(self, subject: Subject, out: &mut ApiDiff) -> bool {
        let Some(impact) = self.0.iter().map(|(_, impact)| *impact).max() else {
            return false;
        };
        let details: Vec<String> = self.0.into_iter().map(|(detail, _)| detail).collect();
        out.changes.push(Change {
            subject,
            kind: ChangeKind::Changed,
            detail: details.join("; "),
            impact,
        });
        true
    }
}

/// Pushes an added or removed subject.
fn push(out: &mut ApiDiff, subject: Subject, kind: ChangeKind, detail: String, impact: Impact) {
    out.changes.push(Change {
        subject,
        kind,
        detail,
        impact,
    });
}

/// Prints a Rust type as the report shows it: models by bare name, paths shortened.
pub fn short(ty: &str) -> String {
    ty.replace("crate::models::", "")
        .replace("::std::collections::HashMap", "HashMap")
        .replace("::chrono::DateTime<::chrono::Utc>", "DateTime<Utc>")
        .replace("::chrono::NaiveDate", "NaiveDate")
        .replace("::serde_json::Value", "serde_json::Value")
}

/// Describes a type change as `type `A` → `B``.
fn type_change(label: &str, old: &str, new: &str) -> String {
    format!("{label} `{}` → `{}`", short(old), short(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_drops_paths() {
        assert_eq!(
            short("Option<::std::collections::HashMap<String, crate::models::Price>>"),
            "Option<HashMap<String, Price>>"
        );
        assert_eq!(short("::chrono::DateTime<::chrono::Utc>"), "DateTime<Utc>");
        assert_eq!(short("::serde_json::Value"), "serde_json::Value");
    }
}
