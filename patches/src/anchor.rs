//! Locating anchors in a parsed file and turning span positions into byte offsets.

use std::fmt;

use proc_macro2::LineColumn;

/// A position in a file, printed as `path:line:column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// The location of a span's start in `file`.
    pub fn at(file: &str, position: LineColumn) -> Self {
        Self {
            file: file.to_owned(),
            line: position.line,
            column: position.column + 1,
        }
    }

    /// The start of `file`.
    pub fn start(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Converts a span position (1-based line, 0-based character column) into a byte offset.
pub fn byte_offset(source: &str, position: LineColumn) -> usize {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(position.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &source[line_start..];
    line_start
        + line
            .char_indices()
            .nth(position.column)
            .map_or(line.len(), |(at, _)| at)
}

/// Returns the byte offset of the start of the line holding `offset`.
pub fn line_start(source: &str, offset: usize) -> usize {
    source[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// Returns the byte offset just past the line holding `offset`, newline included.
pub fn line_end(source: &str, offset: usize) -> usize {
    source[offset..]
        .find('\n')
        .map_or(source.len(), |at| offset + at + 1)
}

/// Prints `items` as prettyplease would inside an `impl` block: indented by four spaces.
pub fn format_impl_items(self_ty: &syn::Ident, items: &[syn::ImplItem]) -> String {
    let file: syn::File = syn::parse_quote! {
        impl #self_ty {
            #(#items)*
        }
    };
    let text = crate::format::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in &lines[1..lines.len() - 1] {
        out.push_str(line);
        out.push('\n');
    }
    out
}
