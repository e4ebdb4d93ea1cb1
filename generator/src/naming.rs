//! Turns names from the spec into Rust identifiers. Every case conversion, keyword escape and
//! collision rule lives here, so the lowering code never builds an identifier by hand.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords that cannot be field, argument or method names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names a model must not take, because generated code uses them unqualified.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Clone",
    "Debug",
    "Default",
    "Deserialize",
    "Err",
    "Error",
    "HashMap",
    "None",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Value",
    "Vec",
];

/// Converts `raw` to a snake_case identifier, escaping keywords with a trailing underscore
/// and giving names that start with a digit the prefix `prefix_`.
pub fn snake_ident(raw: &str, prefix: &str) -> String {
    let mut name = sanitize(&raw.to_snake_case()).to_snake_case();
    if name.is_empty() {
        name = prefix.to_owned();
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{prefix}_{name}");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Converts `raw` to an UpperCamelCase type name, avoiding names that generated code uses
/// from the prelude or from serde.
pub fn type_name(raw: &str) -> String {
    let mut name = sanitize(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Model".into();
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("Model{name}");
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// Converts an enum value to an UpperCamelCase variant name.
pub fn variant_name(raw: &str) -> String {
    let spelled = spell_operators(raw);
    let mut name = sanitize(&spelled).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if name == "Self" {
        name = "SelfValue".into();
    }
    name
}

/// Names an operation without an `operationId` as openapi-generator does: the lowercased
/// path segments, then the HTTP method (`POST /events/bulk` is `events_bulk_post`).
pub fn method_name_from_path(method: &str, path: &str) -> String {
    let mut parts: Vec<String> = path
        .split('/')
        .map(|segment| segment.trim_start_matches('{').trim_end_matches('}'))
        .filter(|segment| !segment.is_empty())
        .map(|segment| sanitize(segment).to_snake_case())
        .filter(|segment| !segment.is_empty())
        .collect();
    if parts.is_empty() {
        parts.push("root".into());
    }
    parts.push(method.to_ascii_lowercase());
    snake_ident(&parts.join("_"), "op")
}

/// Replaces characters that cannot appear in identifiers with spaces, so case conversion
/// treats them as word breaks.
fn sanitize(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Spells comparison operators as words, so `>=` and `>` get distinct readable names.
fn spell_operators(raw: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        (">=", " gte "),
        ("<=", " lte "),
        ("!=", " ne "),
        ("==", " eq "),
        ("=", " eq "),
        (">", " gt "),
        ("<", " lt "),
        ("+", " plus "),
        ("*", " star "),
    ];
    if raw.chars().any(|c| c.is_ascii_alphanumeric()) {
        return raw.to_owned();
    }
    let mut out = raw.to_owned();
    for (symbol, word) in WORDS {
        out = out.replace(symbol, word);
    }
    out
}

/// Hands out names that are unique within one scope, appending `2`, `3` and so on in the
/// order the names are requested. Callers request in a sorted order so the result is
/// deterministic.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeMap<String, usize>,
}

impl Scope {
    /// Creates a scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        let mut scope = Self::default();
        for name in reserved {
            scope.taken.insert((*name).to_owned(), 1);
        }
        scope
    }

    /// Returns `name`, or `name` with a numeric suffix when it is already taken.
    pub fn claim(&mut self, name: &str, separator: &str) -> String {
        if !self.taken.contains_key(name) {
            self.taken.insert(name.to_owned(), 1);
            return name.to_owned();
        }
        let mut n = self.taken[name] + 1;
        loop {
            let candidate = format!("{name}{separator}{n}");
            if !self.taken.contains_key(&candidate) {
                self.taken.insert(name.to_owned(), n);
                self.taken.insert(candidate.clone(), 1);
                return candidate;
            }
            n += 1;
        }
    }

    /// Reports whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains_key(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_idents() {
        let cases = [
            ("type", "type_"),
            ("self", "self_"),
            ("eventName", "event_name"),
            ("external_customer_id", "external_customer_id"),
            ("2fa", "field_2fa"),
            ("-", "field"),
            ("a.b", "a_b"),
            ("x y", "x_y"),
            ("ID", "id"),
        ];
        for (raw, expected) in cases {
            assert_eq!(snake_ident(raw, "field"), expected, "raw {raw:?}");
        }
    }

    #[test]
    fn type_names() {
        let cases = [
            ("dto.IngestEventRequest", "DtoIngestEventRequest"),
            ("errors.ErrorResponse", "ErrorsErrorResponse"),
            ("IngestEventRequest", "IngestEventRequest"),
            ("types.AWSMarketplace", "TypesAwsMarketplace"),
            ("String", "StringModel"),
            ("3ds", "Model3ds"),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_name(raw), expected, "raw {raw:?}");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("active", "Active"),
            ("15 NET", "V15Net"),
            ("aws:kms", "AwsKms"),
            ("subscription.created", "SubscriptionCreated"),
            ("=", "Eq"),
            (">=", "Gte"),
            (">", "Gt"),
            ("", "Empty"),
        ];
        for (raw, expected) in cases {
            assert_eq!(variant_name(raw), expected, "raw {raw:?}");
        }
    }

    #[test]
    fn method_names_from_paths() {
        let cases = [
            ("POST", "/events", "events_post"),
            ("GET", "/events", "events_get"),
            ("POST", "/events/bulk", "events_bulk_post"),
            ("GET", "/customers/{id}", "customers_id_get"),
            (
                "PUT",
                "/usage-records/{record_id}",
                "usage_records_record_id_put",
            ),
            ("GET", "/", "root_get"),
        ];
        for (method, path, expected) in cases {
            assert_eq!(
                method_name_from_path(method, path),
                expected,
                "{method} {path}"
            );
        }
    }

    #[test]
    fn scope_suffixes_collisions() {
        let mut scope = Scope::with_reserved(&["request"]);
        assert_eq!(scope.claim("request", "_"), "request_2");
        assert_eq!(scope.claim("id", "_"), "id");
        assert_eq!(scope.claim("id", "_"), "id_2");
        assert_eq!(scope.claim("id", "_"), "id_3");
        assert_eq!(scope.claim("Foo", ""), "Foo");
        assert_eq!(scope.claim("Foo", ""), "Foo2");
    }
}
