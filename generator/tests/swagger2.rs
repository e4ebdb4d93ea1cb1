//! FlexPrice's Swagger 2.0 file, converted in process, gives the SDK that its OpenAPI 3.0
//! file of the same revision gives. Both have the same operations, models, fields and files,
//! and the same types and text except where `swagger2/differences.rs` lists a difference
//! with its reason.

mod support;

#[path = "swagger2/differences.rs"]
mod differences;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use differences::{
    DATE_TIME, DATE_TIME_FIELDS, DESCRIPTION, DESCRIPTION_DOCS, LINES, TYPE_CHANGES,
};
use sdkgen::manifest::MANIFEST_FILE;
use sdkgen::surface::SURFACE_FILE;
use serde_json::Value;

const OPENAPI_SPEC: &str = "flexprice-2026-08-21.json";
const SWAGGER_SPEC: &str = "flexprice-2026-08-21.swagger2.yaml";

/// The SDKs of both files, generated once for every test in this binary.
struct Sdks {
    openapi: sdkgen::Generated,
    swagger: sdkgen::Generated,
}

static SDKS: LazyLock<Sdks> = LazyLock::new(|| Sdks {
    openapi: generate(&support::upstream(OPENAPI_SPEC)),
    swagger: generate(&support::upstream(SWAGGER_SPEC)),
});

fn generate(spec: &std::path::Path) -> sdkgen::Generated {
    sdkgen::generate(&sdkgen::Options::new(spec))
        .unwrap_or_else(|e| panic!("generating from {}: {e}", spec.display()))
}

#[test]
fn operations_match() {
    let records = |generated: &sdkgen::Generated| -> Vec<(String, String, String, String)> {
        generated
            .manifest
            .operations
            .iter()
            .map(|op| {
                let (method, path) = (op.method.clone(), op.path.clone());
                (method, path, op.api.clone(), op.function.clone())
            })
            .collect()
    };
    let openapi = records(&SDKS.openapi);
    assert_eq!(openapi.len(), 258, "operations from the OpenAPI file");
    assert_eq!(records(&SDKS.swagger), openapi);
}

#[test]
fn models_match() {
    let records = |generated: &sdkgen::Generated| -> Vec<(String, String)> {
        generated
            .manifest
            .models
            .iter()
            .map(|model| (model.name.clone(), model.kind.clone()))
            .collect()
    };
    let openapi = records(&SDKS.openapi);
    assert_eq!(openapi.len(), 545, "models from the OpenAPI file");
    assert_eq!(records(&SDKS.swagger), openapi);
}

#[test]
fn manifests_differ_only_in_spec() {
    let mut swagger = SDKS.swagger.manifest.clone();
    assert_eq!(swagger.spec, SWAGGER_SPEC);
    swagger.spec = SDKS.openapi.manifest.spec.clone();
    swagger.spec_sha256 = SDKS.openapi.manifest.spec_sha256.clone();
    assert_eq!(swagger, SDKS.openapi.manifest);
}

#[test]
fn headers_differ_only_in_spec_name() {
    for (file, openapi) in &SDKS.openapi.files {
        if file == MANIFEST_FILE || file == SURFACE_FILE {
            continue;
        }
        let header = |text: &str| text.split('\n').next().unwrap_or("").to_owned();
        let expected = header(openapi).replace(OPENAPI_SPEC, SWAGGER_SPEC);
        assert_eq!(header(&SDKS.swagger.files[file]), expected, "{file}");
    }
}

/// A field's Rust name and type in the API record of the crate.
struct FieldRecord {
    rust: String,
    ty: String,
}

/// Parses the crate's API record.
fn api_record(generated: &sdkgen::Generated) -> Value {
    serde_json::from_str(&generated.files[SURFACE_FILE]).unwrap()
}

/// Reads an API record's fields, by model name and field name.
fn field_records(record: &Value) -> BTreeMap<(String, String), FieldRecord> {
    let mut out = BTreeMap::new();
    for model in record["models"].as_array().unwrap() {
        let fields = model["fields"].as_array().map_or(&[][..], Vec::as_slice);
        for field in fields {
            let key = (
                model["name"].as_str().unwrap().to_owned(),
                field["name"].as_str().unwrap().to_owned(),
            );
            let value = FieldRecord {
                rust: field["rust"].as_str().unwrap().to_owned(),
                ty: field["type"].as_str().unwrap().to_owned(),
            };
            out.insert(key, value);
        }
    }
    out
}

/// A listed type difference: the model, the field, both types and the reason.
struct ListedType {
    model: String,
    field: String,
    openapi: String,
    swagger: String,
    reason: &'static str,
}

/// Expands [`DATE_TIME_FIELDS`] and [`TYPE_CHANGES`], taking each date-time field's type from
/// the SDK of the OpenAPI file.
fn listed_types() -> Vec<ListedType> {
    let openapi = field_records(&api_record(&SDKS.openapi));
    let mut out = Vec::new();
    for (model, fields) in DATE_TIME_FIELDS {
        for field in *fields {
            let key = (model.to_string(), field.to_string());
            let Some(record) = openapi.get(&key) else {
                panic!("{model}.{field} from DATE_TIME_FIELDS is not a field");
            };
            out.push(ListedType {
                model: key.0,
                field: key.1,
                openapi: record.ty.clone(),
                swagger: record
                    .ty
                    .replace("::chrono::DateTime<::chrono::Utc>", "String"),
                reason: DATE_TIME,
            });
        }
    }
    for change in TYPE_CHANGES {
        out.push(ListedType {
            model: change.model.into(),
            field: change.field.into(),
            openapi: change.openapi.into(),
            swagger: change.swagger.into(),
            reason: change.reason,
        });
    }
    out
}

#[test]
fn api_records_differ_only_in_listed_types() {
    let openapi = api_record(&SDKS.openapi);
    let swagger = api_record(&SDKS.swagger);
    assert_eq!(swagger["operations"], openapi["operations"]);

    let mut expected = openapi.clone();
    let models = expected["models"].as_array_mut().unwrap();
    for listed in listed_types() {
        let model = models
            .iter_mut()
            .find(|m| m["name"] == listed.model.as_str())
            .unwrap_or_else(|| panic!("listed model {} is not in the record", listed.model));
        let fields = model["fields"].as_array_mut().unwrap();
        let field = fields
            .iter_mut()
            .find(|f| f["name"] == listed.field.as_str())
            .unwrap_or_else(|| panic!("listed field {}.{} not found", listed.model, listed.field));
        assert_eq!(
            field["type"], listed.openapi,
            "{}.{}: the type from the OpenAPI file",
            listed.model, listed.field
        );
        assert_ne!(
            listed.openapi, listed.swagger,
            "{}.{}: listed with no change ({})",
            listed.model, listed.field, listed.reason
        );
        field["type"] = listed.swagger.into();
    }
    let (found, listed) = (field_records(&swagger), field_records(&expected));
    let unlisted: Vec<String> = found
        .iter()
        .filter(|(key, record)| listed.get(*key).map(|l| &l.ty) != Some(&record.ty))
        .map(|((model, field), record)| {
            let listed = listed.get(&(model.clone(), field.clone())).map(|l| &l.ty);
            format!("{model}.{field}: {}, listed as {listed:?}", record.ty)
        })
        .collect();
    assert!(unlisted.is_empty(), "unlisted types: {unlisted:#?}");
    assert!(
        swagger == expected,
        "the API records differ beyond field types"
    );
}

#[test]
fn files_differ_only_as_listed() {
    let expected = expected_differences();
    let mut actual = BTreeMap::new();
    for (file, openapi) in &SDKS.openapi.files {
        // The API record is compared field by field above.
        if file == MANIFEST_FILE || file == SURFACE_FILE {
            continue;
        }
        let swagger = &SDKS.swagger.files[file];
        let lines = changed_lines(without_header(openapi), without_header(swagger));
        if lines != Lines::default() {
            actual.insert(file.clone(), lines);
        }
    }

    let mut report = String::new();
    let files: BTreeSet<&String> = actual.keys().chain(expected.keys()).collect();
    for file in files {
        let (found, listed) = (actual.get(file), expected.get(file));
        if found != listed.map(|(lines, _)| lines) {
            let reasons = listed.map_or(String::new(), |(_, reasons)| reasons.join("; "));
            report.push_str(&format!(
                "{file}:\n  found:  {found:#?}\n  listed: {:#?}\n  reasons: {reasons}\n",
                listed.map(|(lines, _)| lines)
            ));
        }
    }
    assert!(
        report.is_empty(),
        "unlisted or missing differences:\n{report}"
    );
}

/// The lines only one side of a file comparison has, each side sorted.
#[derive(Debug, Default, PartialEq, Eq)]
struct Lines {
    openapi: Vec<String>,
    swagger: Vec<String>,
}

impl Lines {
    fn sort(&mut self) {
        self.openapi.sort();
        self.swagger.sort();
    }
}

/// Builds, from the tables, each file's differing lines and the reasons for them.
fn expected_differences() -> BTreeMap<String, (Lines, Vec<&'static str>)> {
    let model_files: BTreeMap<&str, &str> = SDKS
        .openapi
        .manifest
        .models
        .iter()
        .map(|m| (m.name.as_str(), m.file.as_str()))
        .collect();
    let openapi_fields = field_records(&api_record(&SDKS.openapi));
    let mut out: BTreeMap<String, (Lines, Vec<&'static str>)> = BTreeMap::new();
    for difference in LINES {
        let entry = out.entry(difference.file.to_owned()).or_default();
        let openapi = difference.openapi.iter().map(|l| l.to_string());
        entry.0.openapi.extend(openapi);
        entry
            .0
            .swagger
            .extend(difference.swagger.iter().map(|l| l.to_string()));
        entry.1.push(difference.reason);
    }
    for listed in listed_types() {
        let file = model_files[listed.model.as_str()];
        let rust = &openapi_fields[&(listed.model.clone(), listed.field.clone())].rust;
        let entry = out.entry(file.to_owned()).or_default();
        entry
            .0
            .openapi
            .push(format!("    pub {rust}: {},", listed.openapi));
        entry
            .0
            .swagger
            .push(format!("    pub {rust}: {},", listed.swagger));
        if !entry.1.contains(&listed.reason) {
            entry.1.push(listed.reason);
        }
    }
    for (model, docs) in DESCRIPTION_DOCS {
        let file = model_files[model];
        let entry = out.entry(file.to_owned()).or_default();
        for line in *docs {
            entry
                .0
                .swagger
                .push(format!("    /// {line}").trim_end().to_owned());
        }
        entry.1.push(DESCRIPTION);
    }
    for (lines, _) in out.values_mut() {
        lines.sort();
    }
    out
}

fn without_header(text: &str) -> Vec<&str> {
    text.split('\n').skip(1).collect()
}

/// Returns the lines outside a longest common subsequence of `openapi` and `swagger`.
fn changed_lines(openapi: Vec<&str>, swagger: Vec<&str>) -> Lines {
    let prefix = openapi
        .iter()
        .zip(&swagger)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = openapi[prefix..]
        .iter()
        .rev()
        .zip(swagger[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &openapi[prefix..openapi.len() - suffix];
    let b = &swagger[prefix..swagger.len() - suffix];

    // common[i][j] is the length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut out = Lines::default();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
        } else if common[i + 1][j] >= common[i][j + 1] {
            out.openapi.push(a[i].to_owned());
            i += 1;
        } else {
            out.swagger.push(b[j].to_owned());
            j += 1;
        }
    }
    out.openapi.extend(a[i..].iter().map(|l| l.to_string()));
    out.swagger.extend(b[j..].iter().map(|l| l.to_string()));
    out.sort();
    out
}

#[test]
fn changed_lines_cases() {
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        ("h\na\nb\nc", "h\na\nb\nc", &[], &[]),
        ("h\na\nb\nc", "h\na\nx\nc", &["b"], &["x"]),
        ("h\na\nc", "h\na\nb\nc", &[], &["b"]),
        ("h\na\nb\nc\nd", "h\na\nd", &["b", "c"], &[]),
        ("h\nb\na", "h\nc\na\nd", &["b"], &["c", "d"]),
    ];
    for (openapi, swagger, removed, added) in cases {
        let lines = changed_lines(without_header(openapi), without_header(swagger));
        assert_eq!(lines.openapi, *removed, "{openapi:?} against {swagger:?}");
        assert_eq!(lines.swagger, *added, "{openapi:?} against {swagger:?}");
    }
}

#[test]
fn unquoted_version_is_swagger_2() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("unquoted.yaml");
    std::fs::write(
        &spec,
        "swagger: 2.0\ninfo: {title: t, version: '1'}\nbasePath: /v1\npaths: {}\n",
    )
    .unwrap();
    let loaded = sdkgen::load::load(&spec).unwrap_or_else(|e| panic!("loading: {e}"));
    assert!(loaded.converted_from_swagger2);
    assert_eq!(loaded.doc.openapi, "3.0.3");
    assert_eq!(loaded.doc.servers.len(), 1);
    assert_eq!(loaded.doc.servers[0].url, "/v1");
}

/// Regression: swaggo's `allOf: [$ref]` beside an `enum` list lowered to
/// `serde_json::Value` instead of the referenced type.
#[test]
fn all_of_ref_beside_enum() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("all-of.yaml");
    std::fs::write(
        &spec,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Action:\n    type: string\n    enum: [created, ended]\n  Item:\n    type: object\n    properties:\n      action:\n        allOf:\n        - $ref: '#/definitions/Action'\n        enum: [created]\n",
    )
    .unwrap();
    let mut options = sdkgen::Options::new(&spec);
    options.patch = false;
    let generated = sdkgen::generate(&options).unwrap_or_else(|e| panic!("generating: {e}"));
    let item = &generated.files["src/models/item.rs"];
    assert!(
        item.contains("    pub action: Option<crate::models::Action>,\n"),
        "{item}"
    );
}

#[test]
fn form_parameters_become_form_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("forms.yaml");
    std::fs::write(
        &spec,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /login:\n    post:\n      tags: [Auth]\n      operationId: login\n      parameters:\n        - {in: formData, name: user, type: string, required: true}\n      responses:\n        '204': {description: ok}\n  /upload:\n    post:\n      tags: [Auth]\n      operationId: upload\n      parameters:\n        - {in: formData, name: file, type: file, required: true}\n        - {in: formData, name: note, type: string}\n      responses:\n        '204': {description: ok}\n",
    )
    .unwrap();
    let mut options = sdkgen::Options::new(&spec);
    options.patch = false;
    let generated = sdkgen::generate(&options).unwrap_or_else(|e| panic!("generating: {e}"));

    let api = &generated.files["src/apis/auth_api.rs"];
    assert!(
        api.contains("let builder = builder.form(&body);\n"),
        "{api}"
    );
    assert!(
        api.contains("let builder = builder.multipart(body.to_multipart());\n"),
        "{api}"
    );
    let login = &generated.files["src/models/login_request.rs"];
    assert!(login.contains("    pub user: String,\n"), "{login}");
    let upload = &generated.files["src/models/upload_request.rs"];
    assert!(upload.contains("    pub file: Vec<u8>,\n"), "{upload}");
    assert!(
        upload.contains("    pub note: Option<String>,\n"),
        "{upload}"
    );
}
