//! Prints an [`ApiDiff`] as the Markdown report a pull request shows, with the version bump
//! the changes imply.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{ApiDiff, Change, ChangeKind, Impact, Subject};

/// The Markdown names of the two sides of a report.
#[derive(Debug, Clone)]
pub struct Labels {
    /// The older API, such as the committed SDK.
    pub old: String,
    /// The newer API, such as the spec being generated.
    pub new: String,
}

/// A semver version bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// Picks the bump for changes of `impact` to a crate at `version`. Cargo treats a change
    /// of the first non-zero component as breaking, so a 0.x crate moves each level down one
    /// place: breaking changes bump the minor version and additions the patch version. A
    /// version whose first component is not a number counts as 1.0 or later.
    pub fn for_impact(impact: Option<Impact>, version: &str) -> Bump {
        let Some(impact) = impact else {
            return Bump::None;
        };
        let pre_1_0 = major(version) == Some(0);
        match (impact, pre_1_0) {
            (Impact::Breaking, false) => Bump::Major,
            (Impact::Breaking, true) | (Impact::Additive, false) => Bump::Minor,
            (Impact::Additive, true) | (Impact::Compatible, _) => Bump::Patch,
        }
    }

    /// Returns the bump's name as the report prints it.
    pub fn word(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// Applies the bump to a `major.minor.patch` version, or returns `None` when `version`
    /// has another form.
    pub fn apply(self, version: &str) -> Option<String> {
        let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Some(match self {
            Bump::None => format!("{major}.{minor}.{patch}"),
            Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
            Bump::Minor => format!("{major}.{}.0", minor + 1),
            Bump::Major => format!("{}.0.0", major + 1),
        })
    }
}

fn major(version: &str) -> Option<u64> {
    version.split('.').next()?.parse().ok()
}

/// The rule the summary applies, printed as the report's last paragraph.
pub const SEMVER_RULE: &str =
    "Semver rule: a breaking change bumps the major version, or the minor \
version while the crate is 0.x; an addition bumps the minor version, or the patch version \
while the crate is 0.x; any other change bumps the patch version. Additions count as \
compatible, but generated structs and enums are not `#[non_exhaustive]`, so code that builds \
a model with a struct literal or matches an enum exhaustively may still need an update.";

/// The report's sections, in print order, with the noun their counts use.
const SECTIONS: [(&str, &str, &str); 5] = [
    ("Operations", "operation", "operations"),
    ("Parameters", "parameter", "parameters"),
    ("Models", "model", "models"),
    ("Fields", "field", "fields"),
    ("Enum values", "enum value", "enum values"),
];

fn section_of(subject: &Subject) -> usize {
    match subject {
        Subject::Operation { .. } => 0,
        Subject::Parameter { .. } => 1,
        Subject::Model(_) => 2,
        Subject::Field { .. } => 3,
        Subject::EnumValue { .. } => 4,
    }
}

/// Prints the report for `diff` of a crate released at `version`. Each section lists
/// removals, then changes, then additions, each sorted by name.
pub fn report(diff: &ApiDiff, labels: &Labels, version: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## API changes: {} → {}\n", labels.old, labels.new);
    let _ = writeln!(out, "{}\n", summary(diff, version));

    let mut lines: [Vec<(ChangeKind, Subject, String)>; 5] = Default::default();
    for change in &diff.changes {
        if let Some(line) = change_line(change) {
            let entry = (change.kind, change.subject.clone(), line);
            lines[section_of(&change.subject)].push(entry);
        }
    }
    for (path, method, line) in operation_summaries(diff) {
        let subject = Subject::Operation { path, method };
        lines[0].push((ChangeKind::Changed, subject, line));
    }
    for (name, line) in model_summaries(diff) {
        lines[2].push((ChangeKind::Changed, Subject::Model(name), line));
    }
    for (index, section) in lines.iter_mut().enumerate() {
        if section.is_empty() {
            continue;
        }
        section.sort();
        let _ = writeln!(out, "### {}\n", SECTIONS[index].0);
        for (_, _, line) in section.iter() {
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    out.push_str(SEMVER_RULE);
    out.push('\n');
    out
}

/// Prints the summary line: counts per section, the number of breaking changes and the bump.
fn summary(diff: &ApiDiff, version: &str) -> String {
    let bump = Bump::for_impact(diff.impact(), version);
    if diff.changes.is_empty() {
        return "**Summary:** no API changes; implied version bump: none.".into();
    }
    let mut counts: [BTreeMap<ChangeKind, usize>; 5] = Default::default();
    for change in &diff.changes {
        let section = section_of(&change.subject);
        // Changed operations and models are counted once each below, however many aspects
        // or parameters of theirs changed.
        if change.kind == ChangeKind::Changed && (section == 0 || section == 2) {
            continue;
        }
        *counts[section].entry(change.kind).or_default() += 1;
    }
    counts[0].insert(ChangeKind::Changed, diff.changed_operations.len());
    counts[2].insert(ChangeKind::Changed, diff.changed_models.len());

    let parts: Vec<String> = SECTIONS
        .iter()
        .zip(&counts)
        .filter_map(|((_, singular, plural), counts)| count_phrase(counts, singular, plural))
        .collect();
    let breaking = diff.breaking().count();
    let breaking = match breaking {
        0 => "no breaking changes".to_owned(),
        1 => "1 breaking change".to_owned(),
        n => format!("{n} breaking changes"),
    };
    let next = match bump.apply(version) {
        Some(next) => format!(", {version} → {next}"),
        None => String::new(),
    };
    format!(
        "**Summary:** {}; {breaking}; implied version bump: **{}**{next}.",
        parts.join("; "),
        bump.word()
    )
}

/// Names a subject in the report, with code spans.
fn subject_text(subject: &Subject) -> String {
    match subject {
        Subject::Operation { path, method } => format!("`{method} {path}`"),
        Subject::Parameter {
            path,
            method,
            location,
            name,
        } => format!("`{method} {path}` {location} parameter `{name}`"),
        Subject::Model(name) => format!("`{name}`"),
        Subject::Field { model, field } => format!("`{model}.{field}`"),
        Subject::EnumValue { model, value } => format!("`{model}` value `{value}`"),
    }
}

fn marker(impact: Impact) -> &'static str {
    if impact == Impact::Breaking {
        "**breaking** "
    } else {
        ""
    }
}

/// Prints one change, except changes of operations and models present on both sides, which
/// the summaries of those operations and models print.
fn change_line(change: &Change) -> Option<String> {
    let subject = subject_text(&change.subject);
    let marker = marker(change.impact);
    let kind = change.kind.word();
    let detail = &change.detail;
    match (&change.subject, change.kind) {
        (Subject::Operation { .. } | Subject::Model(_), ChangeKind::Changed) => None,
        (Subject::Model(_), _) => Some(format!("- {marker}{kind} {subject} ({detail})")),
        _ => Some(format!("- {marker}{kind} {subject}: {detail}")),
    }
}

/// Counts changes by kind, as `1 field added, 2 changed`, or returns `None` for no changes.
fn count_phrase(
    counts: &BTreeMap<ChangeKind, usize>,
    singular: &str,
    plural: &str,
) -> Option<String> {
    let mut phrases = Vec::new();
    for kind in [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed] {
        let count = counts.get(&kind).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        if phrases.is_empty() {
            let noun = if count == 1 { singular } else { plural };
            phrases.push(format!("{count} {noun} {}", kind.word()));
        } else {
            phrases.push(format!("{count} {}", kind.word()));
        }
    }
    (!phrases.is_empty()).then(|| phrases.join(", "))
}

/// Counts `changes` by kind.
fn count_kinds<'a>(changes: impl Iterator<Item = &'a Change>) -> BTreeMap<ChangeKind, usize> {
    let mut counts = BTreeMap::new();
    for change in changes {
        *counts.entry(change.kind).or_default() += 1;
    }
    counts
}

/// Prints a line per operation present on both sides that changed: its own changes, then a
/// count of its parameter changes, which the Parameters section lists.
fn operation_summaries(diff: &ApiDiff) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for ((path, method), function) in &diff.changed_operations {
        let own = diff.changes.iter().find(|c| {
            c.kind == ChangeKind::Changed
                && c.subject
                    == Subject::Operation {
                        path: path.clone(),
                        method: method.clone(),
                    }
        });
        let parameters = diff.changes.iter().filter(|c| {
            matches!(&c.subject, Subject::Parameter { path: p, method: m, .. } if p == path && m == method)
        });
        let mut parts: Vec<String> = own.iter().map(|c| c.detail.clone()).collect();
        parts.extend(count_phrase(
            &count_kinds(parameters),
            "parameter",
            "parameters",
        ));
        let impact = own.map_or(Impact::Compatible, |c| c.impact);
        let line = format!(
            "- {}changed `{method} {path}` (`{function}`): {}",
            marker(impact),
            parts.join("; ")
        );
        out.push((path.clone(), method.clone(), line));
    }
    out
}

/// Prints a line per model present on both sides that changed: its kind and usage, its own
/// changes, then a count of its field or value changes.
fn model_summaries(diff: &ApiDiff) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, (kind, usage)) in &diff.changed_models {
        let own = diff
            .changes
            .iter()
            .find(|c| c.kind == ChangeKind::Changed && c.subject == Subject::Model(name.clone()));
        let fields = diff
            .changes
            .iter()
            .filter(|c| matches!(&c.subject, Subject::Field { model, .. } if model == name));
        let values = diff
            .changes
            .iter()
            .filter(|c| matches!(&c.subject, Subject::EnumValue { model, .. } if model == name));
        let mut parts: Vec<String> = own.iter().map(|c| c.detail.clone()).collect();
        parts.extend(count_phrase(&count_kinds(fields), "field", "fields"));
        parts.extend(count_phrase(
            &count_kinds(values),
            "enum value",
            "enum values",
        ));
        let impact = own.map_or(Impact::Compatible, |c| c.impact);
        let line = format!(
            "- {}changed `{name}` ({kind}, {}): {}",
            marker(impact),
            usage.describe(),
            parts.join("; ")
        );
        out.push((name.clone(), line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bump_follows_cargo_rules() {
        let cases = [
            (Some(Impact::Breaking), "0.1.0", Bump::Minor, "0.2.0"),
            (Some(Impact::Additive), "0.1.0", Bump::Patch, "0.1.1"),
            (Some(Impact::Compatible), "0.1.0", Bump::Patch, "0.1.1"),
            (None, "0.1.0", Bump::None, "0.1.0"),
            (Some(Impact::Breaking), "1.4.2", Bump::Major, "2.0.0"),
            (Some(Impact::Additive), "1.4.2", Bump::Minor, "1.5.0"),
            (Some(Impact::Compatible), "1.4.2", Bump::Patch, "1.4.3"),
        ];
        for (impact, version, bump, next) in cases {
            assert_eq!(
                Bump::for_impact(impact, version),
                bump,
                "{impact:?} {version}"
            );
            assert_eq!(
                bump.apply(version).as_deref(),
                Some(next),
                "{bump:?} {version}"
            );
        }
    }

    #[test]
    fn bump_keeps_other_versions() {
        assert_eq!(Bump::Minor.apply("1.0.0-beta.1"), None);
        assert_eq!(Bump::for_impact(Some(Impact::Breaking), "2.0"), Bump::Major);
    }
}
