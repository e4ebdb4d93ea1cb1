//! Prints syntax trees the way the generator does: prettyplease, then a blank line between
//! items, so generated and injected code look alike.

/// Prints `file` with prettyplease and a blank line between items.
pub fn unparse(file: &syn::File) -> String {
    space_items(&prettyplease::unparse(file))
}

/// Puts a blank line between items, which prettyplease drops, so files read like rustfmt's
/// output and diffs of neighbouring items stay apart.
pub fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous {
            if starts_item(line) && ends_item(prev, line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// The leading keywords of an item line, such as `pub mod` or `use`.
fn item_kind(line: &str) -> Vec<&str> {
    const KEYWORDS: &[&str] = &["pub", "pub(crate)", "use", "mod", "const", "static", "type"];
    line.split_whitespace()
        .take_while(|word| KEYWORDS.contains(word))
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn starts_item(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl",
        "struct ",
        "enum ",
        "type ",
        "const ",
        "static ",
        "mod ",
        "use ",
        "trait ",
        "macro_rules!",
    ];
    let trimmed = line.trim_start();
    STARTS.iter().any(|start| trimmed.starts_with(start))
}

fn ends_item(previous: &str, line: &str) -> bool {
    let trimmed = previous.trim();
    if indent(previous) != indent(line) {
        return trimmed.starts_with("//!") && indent(line) == 0;
    }
    if trimmed == "}" || trimmed == "};" || trimmed.starts_with("//!") {
        return true;
    }
    trimmed.ends_with(';') && starts_item(previous) && item_kind(previous) != item_kind(line)
}
