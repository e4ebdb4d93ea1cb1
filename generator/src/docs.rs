//! Turns spec prose into rustdoc lines that neither warn nor run as doctests.
//!
//! Spec descriptions are Markdown written for web renderers. Rustdoc reads the same text
//! more strictly: `<field_name>` is an unclosed HTML tag, `[x]` an intra-doc link, a bare URL
//! a lint, and an indented or unlabelled fenced block a doctest. The rules, applied outside
//! inline code spans and fenced blocks:
//!
//! - leading indentation is dropped, so no line becomes an indented code block;
//! - fences without a language, or with one rustdoc would compile, are relabelled `text`;
//! - `<` and `>` become `&lt;` and `&gt;`, and `[` and `]` are backslash-escaped;
//! - URLs are wrapped in angle brackets;
//! - a line with an odd number of backticks gets them escaped, so a code span never leaks
//!   into the next line.

/// Converts `text` into doc lines. Blank lines separate paragraphs; leading and trailing
/// blank lines are dropped, and runs of blank lines collapse to one.
pub fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut fence: Option<String> = None;
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let trimmed = raw.trim_end();
        if let Some(marker) = &fence {
            if trimmed.trim_start().starts_with(marker.as_str()) {
                lines.push(marker.clone());
                fence = None;
            } else {
                lines.push(trimmed.replace('\t', "    "));
            }
            continue;
        }
        let line = trimmed.trim_start();
        if let Some(marker) = fence_marker(line) {
            lines.push(format!("{marker}text"));
            fence = Some(marker);
            continue;
        }
        lines.push(escape_line(line));
    }
    if let Some(marker) = fence {
        lines.push(marker);
    }
    collapse_blank_lines(lines)
}

/// Returns the doc lines for several optional texts, one paragraph each.
pub fn paragraphs<'a>(texts: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in texts.into_iter().flatten() {
        let lines = doc_lines(text);
        if lines.is_empty() || out.ends_with(&lines) {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn fence_marker(line: &str) -> Option<String> {
    for marker in ["```", "~~~"] {
        if line.starts_with(marker) {
            let width = line
                .chars()
                .take_while(|c| *c == marker.as_bytes()[0] as char)
                .count();
            return Some(marker[..1].repeat(width));
        }
    }
    None
}

fn collapse_blank_lines(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|last| last.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|last| last.is_empty()) {
        out.pop();
    }
    out
}

/// Escapes one line outside fences.
fn escape_line(line: &str) -> String {
    let escape_ticks = line.matches('`').count() % 2 == 1;
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if escape_ticks {
                out.push_str("\\`");
            } else {
                in_code = !in_code;
                out.push('`');
            }
            rest = &rest[1..];
            continue;
        }
        if in_code {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(len) = url_len(rest) {
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Returns the length of the URL that starts `text`, without trailing punctuation.
fn url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', ')', '(', '!', '?', '\'']);
    (url.len() > "https://".len()).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        assert_eq!(doc_lines(input), expected, "input {input:?}");
    }

    #[test]
    fn escapes_html_like_text() {
        check(
            "Filter by properties.<field_name> and `a<b>`",
            &["Filter by properties.&lt;field_name&gt; and `a<b>`"],
        );
        check(
            "Enter *x-api-key &lt;api-key&gt;**",
            &["Enter *x-api-key &lt;api-key&gt;**"],
        );
    }

    #[test]
    fn escapes_links_and_urls() {
        check("[DEPRECATED] use v2", &["\\[DEPRECATED\\] use v2"]);
        check(
            "See https://docs.flexprice.io/api.",
            &["See <https://docs.flexprice.io/api>."],
        );
    }

    #[test]
    fn drops_indentation_and_labels_fences() {
        check(
            "Example:\n\n    let x = 1;\n```\nfn main() {}\n```",
            &[
                "Example:",
                "",
                "let x = 1;",
                "```text",
                "fn main() {}",
                "```",
            ],
        );
        check("```json\n{\"a\": 1}", &["```text", "{\"a\": 1}", "```"]);
    }

    #[test]
    fn escapes_unbalanced_backticks() {
        check("a ` b", &["a \\` b"]);
    }

    #[test]
    fn collapses_blank_lines() {
        check("\n\na\n\n\n\nb\n\n", &["a", "", "b"]);
    }

    #[test]
    fn paragraphs_skip_repeats() {
        let lines = paragraphs([
            Some("Ingest event"),
            Some("Ingest event"),
            None,
            Some("More"),
        ]);
        assert_eq!(lines, ["Ingest event", "", "More"]);
    }
}
