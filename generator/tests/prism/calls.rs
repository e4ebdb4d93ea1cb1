//! Renders `tests/prism_calls.rs` for a generated SDK crate. It has one async function per
//! operation, which builds the request from [`Values`], sends it through the SDK and
//! describes any failure. Its one test runs them all against Prism and prints the summary
//! line.

use std::fmt::Write as _;

use sdkgen::ir::{Api, Group, Operation};
use serde_json::Value;

use super::values::{escape, Values};

/// A value the test sends in place of the builder's, because the spec's own value is wrong.
pub struct Override {
    pub method: &'static str,
    pub path: &'static str,
    /// What the value replaces: `body`, `path NAME`, `query NAME` or `header NAME`.
    pub target: &'static str,
    /// The JSON text sent instead.
    pub json: &'static str,
    /// Why the spec's value cannot be sent.
    pub reason: &'static str,
}

/// The rendered test file and how many operations it calls.
pub struct CallsFile {
    pub source: String,
    pub operations: usize,
}

/// Renders the calls of every operation of `api`. `raw` is the spec as JSON, which contains
/// the schemas the values are built from. Fails with every value that could not be built.
pub fn render(api: &Api, raw: &Value, overrides: &[Override]) -> Result<CallsFile, Vec<String>> {
    let values = Values::new(raw);
    let mut functions = String::new();
    let mut labels = String::new();
    let mut arms = String::new();
    let mut errors = Vec::new();
    let mut used = vec![false; overrides.len()];
    let mut index = 0;
    for group in &api.groups {
        for op in &group.operations {
            let context = OperationContext {
                group,
                op,
                raw,
                values: &values,
                overrides,
                used: &mut used,
            };
            match context.function(index) {
                Ok(function) => functions.push_str(&function),
                Err(error) => errors.push(format!("{} {}: {error}", op.method, op.path)),
            }
            let label = format!("{} {} ({}::{})", op.method, op.path, group.name, op.fn_name);
            writeln!(labels, "    {label:?},").unwrap();
            writeln!(arms, "        {index} => call_{index}(client).await,").unwrap();
            index += 1;
        }
    }
    for (entry, used) in overrides.iter().zip(used) {
        if !used {
            errors.push(format!(
                "override of {} for {} {} matches no parameter or body; remove it",
                entry.target, entry.method, entry.path
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let main = MAIN
        .replace("{count}", &index.to_string())
        .replace("{labels}", &labels)
        .replace("{arms}", &arms);
    let source = format!("{HEADER}{functions}{main}");
    Ok(CallsFile {
        source,
        operations: index,
    })
}

/// Helpers the calls share.
const HEADER: &str = r#"//! Sends one request per operation through the SDK to Prism, at the URL in `PRISM_URL`,
//! and checks that Prism accepted each request and that its response decoded. An operation
//! whose response Prism's static sampler cannot build is sent again to the Prism at
//! `PRISM_EXAMPLES_URL`, whose spec has an example on every success response.

// Deprecated operations are called like the others.
#![allow(deprecated)]

use std::time::Duration;

/// Why a call failed.
struct Failure {
    message: String,
    /// Whether Prism returned 500 SCHEMA_TOO_COMPLEX, which means that the request was valid
    /// but its static sampler gave up on the response schema.
    too_complex: bool,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure {
            message,
            too_complex: false,
        }
    }
}

/// Parses `json` into the SDK type `T`, naming `what` when it does not fit.
fn parse<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| {
        format!(
            "{what}: the value {json} does not deserialize into {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// Returns the JSON the SDK serializes `value` as.
fn sent_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("<serialization failed: {e}>"))
}

/// Turns a call's result into `Ok` or a description of the failure and of the request.
fn outcome<T, E: std::fmt::Debug>(
    result: Result<T, flexprice::Error<E>>,
    sent: &[String],
) -> Result<(), Failure> {
    let Err(error) = result else {
        return Ok(());
    };
    let status = error
        .status()
        .map_or_else(|| "none".to_owned(), |s| s.to_string());
    let violations = error
        .headers()
        .and_then(|h| h.get("sl-violations"))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none");
    let body = error.text().unwrap_or("");
    let too_complex =
        error.status().map(|s| s.as_u16()) == Some(500) && body.contains("SCHEMA_TOO_COMPLEX");
    let mut text: String = body.chars().take(600).collect();
    if text.is_empty() {
        text.push_str("none");
    }
    Err(Failure {
        message: format!(
            "status {status}; sl-violations {violations}; error: {error}; response body: \
             {text}; sent: {}",
            sent.join("; ")
        ),
        too_complex,
    })
}

/// Builds a client for the Prism at the URL in the environment variable `name`.
fn client(name: &str) -> flexprice::ApiClient {
    let url = std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set; set it to a Prism mock server's URL"));
    let configuration = flexprice::Configuration::new()
        .with_base_url(url)
        .with_api_key("prism-test-key")
        .with_timeout(Duration::from_secs(30));
    flexprice::ApiClient::new(configuration).expect("building the client")
}

"#;

const MAIN: &str = r#"
/// Each operation's method, path and SDK method, in the order of the calls.
const LABELS: [&str; {count}] = [
{labels}];

/// Runs call number `index`.
async fn run(index: usize, client: &flexprice::ApiClient) -> Result<(), Failure> {
    match index {
{arms}        _ => unreachable!("there are {count} calls"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn prism_calls() {
    let sampled = client("PRISM_URL");
    let examples = client("PRISM_EXAMPLES_URL");
    let mut failures = Vec::new();
    let mut fallbacks = 0;
    for (index, label) in LABELS.iter().enumerate() {
        let result = match run(index, &sampled).await {
            Err(failure) if failure.too_complex => {
                fallbacks += 1;
                run(index, &examples).await
            }
            other => other,
        };
        if let Err(failure) = result {
            failures.push(format!("{label}: {}", failure.message));
        }
    }
    let total = LABELS.len();
    println!(
        "prism: {} of {total} operations accepted and decoded",
        total - failures.len()
    );
    println!(
        "prism: {fallbacks} responses came from the examples spec because Prism's static \
         sampler gave up on the response schema"
    );
    for failure in &failures {
        println!("prism failed: {failure}");
    }
    assert!(failures.is_empty(), "{} operations failed against Prism", failures.len());
}
"#;

struct OperationContext<'a> {
    group: &'a Group,
    op: &'a Operation,
    raw: &'a Value,
    values: &'a Values<'a>,
    overrides: &'a [Override],
    used: &'a mut [bool],
}

impl<'a> OperationContext<'a> {
    /// Renders `call_INDEX`, which sends this operation's request.
    fn function(mut self, index: usize) -> Result<String, String> {
        let op = self.op;
        let pointer = format!(
            "#/paths/{}/{}",
            escape(&op.path),
            op.method.to_ascii_lowercase()
        );
        let raw_op = self
            .raw
            .pointer(&pointer[1..])
            .ok_or_else(|| format!("{pointer} is missing from the spec"))?;
        let parameters = self.parameters(raw_op, &pointer)?;

        let mut out = String::new();
        writeln!(out, "/// `{} {}`", op.method, op.path).unwrap();
        writeln!(
            out,
            "async fn call_{index}(client: &flexprice::ApiClient) -> Result<(), Failure> {{"
        )
        .unwrap();
        writeln!(
            out,
            "    let api = flexprice::{}::new(client.clone());",
            self.group.name
        )
        .unwrap();
        writeln!(out, "    let mut sent: Vec<String> = Vec::new();").unwrap();

        let mut args = Vec::new();
        for (position, arg) in op.path_args.iter().enumerate() {
            let parameter = find(&parameters, "path", &arg.wire)
                .ok_or_else(|| format!("path parameter `{}` is not in the spec", arg.wire))?;
            let json = self.parameter_value(parameter)?;
            let local = format!("path_{position}");
            let what = format!("path parameter {}", arg.wire);
            match arg.arg_ty.strip_prefix('&') {
                Some("str") => {
                    let text = match &json {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    writeln!(out, "    let {local}: &str = {text:?};").unwrap();
                    args.push(local.clone());
                }
                Some(ty) => {
                    let ty = sdk_type(ty);
                    writeln!(
                        out,
                        "    let {local}: {ty} = parse({what:?}, {:?})?;",
                        json.to_string()
                    )
                    .unwrap();
                    args.push(format!("&{local}"));
                }
                None => {
                    let ty = sdk_type(&arg.arg_ty);
                    writeln!(
                        out,
                        "    let {local}: {ty} = parse({what:?}, {:?})?;",
                        json.to_string()
                    )
                    .unwrap();
                    args.push(local.clone());
                }
            }
            writeln!(out, "    sent.push(format!(\"{what} {{:?}}\", {local}));").unwrap();
        }

        if let Some(body) = &op.body {
            // The 2026 spec offers one media type per body, so there is no `<Method>Body` enum
            // to build here.
            let [choice] = body.choices.as_slice() else {
                return Err(format!("{pointer}: a body with several media types"));
            };
            let json = self.body_value(raw_op, &pointer, &choice.media_type)?;
            let ty = sdk_type(&body.arg_ty());
            writeln!(
                out,
                "    let body: {ty} = parse(\"body\", {:?})?;",
                json.to_string()
            )
            .unwrap();
            writeln!(
                out,
                "    sent.push(format!(\"body {{}}\", sent_json(&body)));"
            )
            .unwrap();
            args.push("body".into());
        }

        if let Some(params) = &op.params {
            let module = &self.group.module;
            writeln!(
                out,
                "    let params = flexprice::apis::{module}::{} {{",
                params.name
            )
            .unwrap();
            for field in &params.fields {
                let location = if field.is_query() { "query" } else { "header" };
                let parameter = find(&parameters, location, &field.wire).ok_or_else(|| {
                    format!("{location} parameter `{}` is not in the spec", field.wire)
                })?;
                let json = self.parameter_value(parameter)?;
                let what = format!("{location} parameter {}", field.wire);
                writeln!(
                    out,
                    "        {}: parse::<{}>({what:?}, {:?})?,",
                    field.ident,
                    sdk_type(&field.ty.rust()),
                    json.to_string()
                )
                .unwrap();
            }
            writeln!(out, "    }};").unwrap();
            writeln!(out, "    sent.push(format!(\"params {{params:?}}\"));").unwrap();
            args.push("params".into());
        }

        writeln!(
            out,
            "    let result = api.{}({}).await;",
            op.fn_name,
            args.join(", ")
        )
        .unwrap();
        writeln!(out, "    outcome(result, &sent)").unwrap();
        writeln!(out, "}}\n").unwrap();
        Ok(out)
    }

    /// Collects the path-level and operation-level parameters, resolving `$ref`s; an
    /// operation-level parameter replaces a path-level one of the same location and name.
    fn parameters(&self, raw_op: &'a Value, pointer: &str) -> Result<Vec<Parameter<'a>>, String> {
        let (path_pointer, _) = pointer.rsplit_once('/').unwrap_or((pointer, ""));
        let path_item = self.raw.pointer(&path_pointer[1..]);
        let levels = [
            (
                format!("{path_pointer}/parameters"),
                path_item.and_then(|item| item.get("parameters")),
            ),
            (format!("{pointer}/parameters"), raw_op.get("parameters")),
        ];
        let mut out: Vec<Parameter<'a>> = Vec::new();
        for (base, list) in levels {
            let entries = list.and_then(Value::as_array).into_iter().flatten();
            for (position, entry) in entries.enumerate() {
                let mut entry_pointer = format!("{base}/{position}");
                let mut parameter = entry;
                if let Some(reference) = entry.get("$ref").and_then(Value::as_str) {
                    parameter = reference
                        .strip_prefix('#')
                        .and_then(|path| self.raw.pointer(path))
                        .ok_or_else(|| {
                            format!("{entry_pointer}: $ref `{reference}` does not resolve")
                        })?;
                    entry_pointer = reference.to_owned();
                }
                let text = |key: &str| {
                    parameter
                        .get(key)
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .ok_or_else(|| format!("{entry_pointer}: `{key}` is missing"))
                };
                let location = text("in")?;
                let name = text("name")?;
                out.retain(|p| !(p.location == location && p.name == name));
                out.push(Parameter {
                    location,
                    name,
                    value: parameter,
                    pointer: entry_pointer,
                });
            }
        }
        Ok(out)
    }

    /// Returns the value of a parameter: an override, the parameter's example, or one built
    /// from its schema.
    fn parameter_value(&mut self, parameter: &Parameter<'_>) -> Result<Value, String> {
        let target = format!("{} {}", parameter.location, parameter.name);
        if let Some(json) = self.take_override(&target)? {
            return Ok(json);
        }
        if let Some(example) = example_of(parameter.value) {
            return Ok(example);
        }
        let schema = parameter
            .value
            .get("schema")
            .ok_or_else(|| format!("{}: the parameter has no `schema`", parameter.pointer))?;
        self.values
            .parameter(schema, &format!("{}/schema", parameter.pointer))
    }

    /// Returns the body: an override, the media type's example, or the minimal value of its
    /// schema.
    fn body_value(
        &mut self,
        raw_op: &Value,
        pointer: &str,
        media_type: &str,
    ) -> Result<Value, String> {
        if let Some(json) = self.take_override("body")? {
            return Ok(json);
        }
        let mut body_pointer = format!("{pointer}/requestBody");
        let mut body = raw_op
            .get("requestBody")
            .ok_or_else(|| format!("{body_pointer} is missing"))?;
        if let Some(reference) = body.get("$ref").and_then(Value::as_str) {
            body = reference
                .strip_prefix('#')
                .and_then(|path| self.raw.pointer(path))
                .ok_or_else(|| format!("{body_pointer}: $ref `{reference}` does not resolve"))?;
            body_pointer = reference.to_owned();
        }
        let media_pointer = format!("{body_pointer}/content/{}", escape(media_type));
        let media = body
            .get("content")
            .and_then(|content| content.get(media_type))
            .ok_or_else(|| format!("{media_pointer} is missing"))?;
        if let Some(example) = example_of(media) {
            return Ok(example);
        }
        let schema = media
            .get("schema")
            .ok_or_else(|| format!("{media_pointer}: the media type has no `schema`"))?;
        self.values
            .minimal(schema, &format!("{media_pointer}/schema"))
    }

    /// Returns the override of `target` for this operation, marking it used.
    fn take_override(&mut self, target: &str) -> Result<Option<Value>, String> {
        let found = self.overrides.iter().position(|o| {
            o.method == self.op.method && o.path == self.op.path && o.target == target
        });
        let Some(position) = found else {
            return Ok(None);
        };
        self.used[position] = true;
        let entry = &self.overrides[position];

        serde_json::from_str(entry.json)
            .map(Some)
            .map_err(|e| format!("override of {target}: invalid JSON {}: {e}", entry.json))
    }
}

/// One parameter of an operation, resolved.
struct Parameter<'v> {
    location: String,
    name: String,
    value: &'v Value,
    /// Where the parameter is defined, for error messages.
    pointer: String,
}

fn find<'p, 'v>(
    parameters: &'p [Parameter<'v>],
    location: &str,
    name: &str,
) -> Option<&'p Parameter<'v>> {
    parameters
        .iter()
        .find(|p| p.location == location && p.name == name)
}

/// Returns the `example`, or the first of the `examples`, of a parameter or media type.
fn example_of(object: &Value) -> Option<Value> {
    if let Some(example) = object.get("example") {
        return Some(example.clone());
    }
    let examples = object.get("examples")?.as_object()?;
    examples.values().find_map(|e| e.get("value").cloned())
}

/// Rewrites a type as the generator prints it inside the SDK (`crate::models::X`) into the
/// path a test of the SDK crate uses.
fn sdk_type(ty: &str) -> String {
    ty.replace("crate::", "flexprice::")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the calls of the minimal fixture spec with `overrides`.
    fn render_fixture(overrides: &[Override]) -> Result<CallsFile, Vec<String>> {
        let path = crate::support::fixture("minimal.yaml");
        let spec = sdkgen::load::load(&path).unwrap();
        let api = sdkgen::lower::lower(&spec.doc).unwrap();
        render(&api, &spec.raw, overrides)
    }

    const EXPAND: Override = Override {
        method: "GET",
        path: "/customers/{id}",
        target: "query expand",
        json: r#"["plan"]"#,
        reason: "testing overrides",
    };

    #[test]
    fn every_operation_gets_a_call() {
        let calls = render_fixture(&[]).unwrap();
        assert_eq!(calls.operations, 3);
        assert!(calls.source.contains("const LABELS: [&str; 3]"));
        assert!(calls.source.contains(
            r#"expand: parse::<Option<Vec<String>>>("query parameter expand", "[\"prism\"]")?,"#
        ));
    }

    #[test]
    fn override_replaces_built_value() {
        let calls = render_fixture(&[EXPAND]).unwrap();
        assert!(calls
            .source
            .contains(r#""query parameter expand", "[\"plan\"]")?"#));
    }

    #[test]
    fn unused_override_fails() {
        let unused = Override {
            target: "query missing",
            ..EXPAND
        };
        let errors = render_fixture(&[unused]).err().unwrap();
        assert_eq!(
            errors,
            [
                "override of query missing for GET /customers/{id} matches no parameter or body; \
              remove it"
            ]
        );
    }
}
