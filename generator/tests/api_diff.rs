//! Tests of the API change report. Each small case edits a base spec and compares the whole
//! report, one case per kind of change. The last test runs on the upstream pair of
//! consecutive specs.

mod support;

use sdkgen::diff::{self, Labels, SEMVER_RULE};
use sdkgen::surface::Surface;

/// A small API: customers with a list, a create, a get and a delete, one request model, one
/// response model and one enum.
const BASE: &str = r##"
openapi: 3.0.3
info:
  title: Customers API
  version: "1.0"
paths:
  /customers:
    get:
      tags: [Customers]
      operationId: listCustomers
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
        - name: cursor
          in: query
          schema:
            type: string
      responses:
        "200":
          description: Customers
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: "#/components/schemas/Customer"
    post:
      tags: [Customers]
      operationId: createCustomer
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/CreateCustomerRequest"
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Customer"
  /customers/{id}:
    get:
      tags: [Customers]
      operationId: getCustomer
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The customer
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Customer"
    delete:
      tags: [Customers]
      operationId: deleteCustomer
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "204":
          description: Deleted
components:
  schemas:
    CreateCustomerRequest:
      type: object
      required: [name]
      properties:
        name:
          type: string
        email:
          type: string
    Customer:
      type: object
      required: [id]
      properties:
        id:
          type: string
        name:
          type: string
        balance:
          type: number
        status:
          $ref: "#/components/schemas/CustomerStatus"
    CustomerStatus:
      type: string
      enum: [active, archived]
"##;

/// Reads the API surface of a spec given as YAML text.
fn surface(yaml: &str) -> Surface {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.yaml");
    std::fs::write(&path, yaml).unwrap();
    sdkgen::surface_of(&sdkgen::Options::new(&path)).unwrap_or_else(|e| panic!("{e}"))
}

/// Applies `edits` to [`BASE`], each a piece of text and its replacement.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut spec = BASE.to_owned();
    for (from, to) in edits {
        assert!(spec.contains(from), "the base spec has no {from:?}");
        spec = spec.replacen(from, to, 1);
    }
    spec
}

/// Checks the report from [`BASE`] to `BASE` with `edits`; `expected` is the report between
/// its title and the semver rule.
fn check(edits: &[(&str, &str)], expected: &str) {
    let old = surface(BASE);
    let new = surface(&edited(edits));
    let labels = Labels {
        old: "`old.yaml`".into(),
        new: "`new.yaml`".into(),
    };
    let report = diff::report(&diff::diff(&old, &new), &labels, "0.1.0");
    let expected = format!(
        "## API changes: `old.yaml` → `new.yaml`\n\n{}\n{SEMVER_RULE}\n",
        expected.trim_start()
    );
    assert_eq!(report, expected);
}

#[test]
fn unchanged_spec_has_no_changes() {
    check(
        &[],
        "
**Summary:** no API changes; implied version bump: none.
",
    );
}

#[test]
fn operation_removed_is_breaking() {
    check(
        &[("    delete:\n", "    x-deleted:\n")],
        "
**Summary:** 1 operation removed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Operations

- **breaking** removed `DELETE /customers/{id}`: `CustomersApi::delete_customer`
",
    );
}

#[test]
fn field_removed_is_breaking() {
    check(
        &[(
            "        name:\n          type: string\n        balance:",
            "        balance:",
        )],
        "
**Summary:** 1 model changed; 1 field removed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Models

- changed `Customer` (struct, in responses): 1 field removed

### Fields

- **breaking** removed `Customer.name`: `Option<String>`
",
    );
}

#[test]
fn field_type_change_is_breaking() {
    check(
        &[("        balance:\n          type: number", "        balance:\n          type: string")],
        "
**Summary:** 1 model changed; 1 field changed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Models

- changed `Customer` (struct, in responses): 1 field changed

### Fields

- **breaking** changed `Customer.balance`: type `Option<f64>` → `Option<String>`
",
    );
}

#[test]
fn request_field_made_required_is_breaking() {
    check(
        &[("      required: [name]\n", "      required: [name, email]\n")],
        "
**Summary:** 1 model changed; 1 field changed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Models

- changed `CreateCustomerRequest` (struct, in requests): 1 field changed

### Fields

- **breaking** changed `CreateCustomerRequest.email`: optional → required in a request, so `new` takes it; type `Option<String>` → `String`
",
    );
}

#[test]
fn response_field_made_required_with_nullable_is_compatible() {
    check(
        &[(
            "      required: [id]\n      properties:\n        id:\n          type: string\n        \
             name:\n          type: string\n",
            "      required: [id, name]\n      properties:\n        id:\n          type: string\n        \
             name:\n          type: string\n          nullable: true\n",
        )],
        "
**Summary:** 1 model changed; 1 field changed; no breaking changes; implied version bump: **patch**, 0.1.0 → 0.1.1.

### Models

- changed `Customer` (struct, in responses): 1 field changed

### Fields

- changed `Customer.name`: optional → required
",
    );
}

#[test]
fn enum_value_removed_is_breaking() {
    check(
        &[("      enum: [active, archived]", "      enum: [active]")],
        "
**Summary:** 1 model changed; 1 enum value removed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Models

- changed `CustomerStatus` (enum, in responses): 1 enum value removed

### Enum values

- **breaking** removed `CustomerStatus` value `archived`: variant `Archived`
",
    );
}

#[test]
fn query_parameter_renamed_is_breaking() {
    check(
        &[("        - name: cursor\n", "        - name: after\n")],
        "
**Summary:** 1 operation changed; 1 parameter changed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Operations

- changed `GET /customers` (`CustomersApi::list_customers`): 1 parameter changed

### Parameters

- **breaking** changed `GET /customers` query parameter `after`: renamed from `cursor`, so the Rust field `cursor` is now `after`
",
    );
}

#[test]
fn path_parameter_renamed_is_compatible() {
    check(
        &[
            ("  /customers/{id}:\n", "  /customers/{customer_id}:\n"),
            ("        - name: id\n", "        - name: customer_id\n"),
            ("        - name: id\n", "        - name: customer_id\n"),
        ],
        "
**Summary:** 2 operations changed; 2 parameters changed; no breaking changes; implied version bump: **patch**, 0.1.0 → 0.1.1.

### Operations

- changed `DELETE /customers/{customer_id}` (`CustomersApi::delete_customer`): path was `/customers/{id}`; 1 parameter changed
- changed `GET /customers/{customer_id}` (`CustomersApi::get_customer`): path was `/customers/{id}`; 1 parameter changed

### Parameters

- changed `DELETE /customers/{customer_id}` path parameter `customer_id`: renamed from `id`; callers pass it by position, so they are unaffected
- changed `GET /customers/{customer_id}` path parameter `customer_id`: renamed from `id`; callers pass it by position, so they are unaffected
",
    );
}

#[test]
fn additions_are_not_breaking() {
    check(
        &[
            (
                "  /customers/{id}:\n",
                "  /customers/{id}/archive:\n    post:\n      tags: [Customers]\n      \
                 operationId: archiveCustomer\n      parameters:\n        - name: id\n          \
                 in: path\n          required: true\n          schema:\n            type: string\n      \
                 responses:\n        \"204\":\n          description: Archived\n  /customers/{id}:\n",
            ),
            (
                "        - name: cursor\n",
                "        - name: email\n          in: query\n          schema:\n            \
                 type: string\n        - name: cursor\n",
            ),
            ("      enum: [active, archived]", "      enum: [active, archived, suspended]"),
            (
                "        email:\n          type: string\n",
                "        email:\n          type: string\n        phone:\n          type: string\n",
            ),
            (
                "    CustomerStatus:\n",
                "    Address:\n      type: object\n      properties:\n        city:\n          \
                 type: string\n    CustomerStatus:\n",
            ),
        ],
        "
**Summary:** 1 operation added, 1 changed; 1 parameter added; 1 model added, 2 changed; 1 field added; 1 enum value added; no breaking changes; implied version bump: **patch**, 0.1.0 → 0.1.1.

### Operations

- changed `GET /customers` (`CustomersApi::list_customers`): 1 parameter added
- added `POST /customers/{id}/archive`: `CustomersApi::archive_customer`

### Parameters

- added `GET /customers` query parameter `email`: `Option<String>`, optional

### Models

- changed `CreateCustomerRequest` (struct, in requests): 1 field added
- changed `CustomerStatus` (enum, in responses): 1 enum value added
- added `Address` (struct, not used by any operation)

### Fields

- added `CreateCustomerRequest.phone`: `Option<String>`, optional

### Enum values

- added `CustomerStatus` value `suspended`: variant `Suspended`
",
    );
}

#[test]
fn structured_diff_of_a_break() {
    let old = surface(BASE);
    let new = surface(&edited(&[(
        "      enum: [active, archived]",
        "      enum: [active]",
    )]));
    let changes = diff::diff(&old, &new);
    assert_eq!(
        changes.changes,
        [diff::Change {
            subject: diff::Subject::EnumValue {
                model: "CustomerStatus".into(),
                value: "archived".into(),
            },
            kind: diff::ChangeKind::Removed,
            detail: "variant `Archived`".into(),
            impact: diff::Impact::Breaking,
        }]
    );
    assert_eq!(
        changes.changed_models.keys().collect::<Vec<_>>(),
        ["CustomerStatus"]
    );
    assert_eq!(changes.impact(), Some(diff::Impact::Breaking));
}

#[test]
fn request_field_added_required_is_breaking() {
    check(
        &[
            ("      required: [name]\n", "      required: [name, country]\n"),
            (
                "        email:\n          type: string\n",
                "        email:\n          type: string\n        country:\n          type: string\n",
            ),
        ],
        "
**Summary:** 1 model changed; 1 field added; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Models

- changed `CreateCustomerRequest` (struct, in requests): 1 field added

### Fields

- **breaking** added `CreateCustomerRequest.country`: `String`, required in a request, so `new` takes it
",
    );
}

#[test]
fn response_type_change_is_breaking() {
    check(
        &[(
            "      responses:\n        \"201\":\n          description: Created\n          \
             content:\n            application/json:\n              schema:\n                \
             $ref: \"#/components/schemas/Customer\"\n",
            "      responses:\n        \"201\":\n          description: Created\n",
        )],
        "
**Summary:** 1 operation changed; 1 breaking change; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Operations

- **breaking** changed `POST /customers` (`CustomersApi::create_customer`): response type `Customer` → `()`
",
    );
}

/// The upstream pair: `POST /usage-records/search` and six schemas are new, and three schemas
/// changed. Two of those changes turn a number into a string, so the Rust field type goes
/// from `Option<f64>` to `Option<String>` and code that reads the field breaks. The third
/// adds an optional field.
#[test]
fn upstream_pair_report() {
    let old = sdkgen::surface_of(&sdkgen::Options::new(support::upstream(
        "flexprice-2026-08-20.json",
    )))
    .unwrap();
    let new = sdkgen::surface_of(&sdkgen::Options::new(support::upstream(
        "flexprice-2026-08-21.json",
    )))
    .unwrap();
    let changes = diff::diff(&old, &new);

    assert_eq!(
        changes.added_operations().into_iter().collect::<Vec<_>>(),
        ["POST /usage-records/search"]
    );
    let added = changes.added_models();
    let schema_of = |name: &String| {
        let model = new.models.iter().find(|m| &m.name == name).unwrap();
        model.schema.clone()
    };
    let from_components: Vec<String> = added
        .iter()
        .map(schema_of)
        .filter(|schema| !schema.starts_with('#'))
        .collect();
    assert_eq!(
        from_components,
        [
            "ListUsageRecordsResponse",
            "types.MetadataCustomField",
            "types.MetadataCustomFieldSource",
            "types.UsageRecordFilter",
            "types.UsageRecordSyncEntry",
            "UsageRecordResponse",
        ]
    );
    let inline: Vec<String> = added
        .iter()
        .map(schema_of)
        .filter(|schema| schema.starts_with('#'))
        .collect();
    assert_eq!(
        inline,
        ["#/components/schemas/types.UsageRecordFilter/properties/order"]
    );
    assert_eq!(
        changes.changed_models.keys().collect::<Vec<_>>(),
        [
            "CreditGrantApplicationResponse",
            "EntitlementResponse",
            "TypesInvoiceSyncSettings"
        ]
    );
    let breaking: Vec<&diff::Subject> = changes.breaking().map(|c| &c.subject).collect();
    assert_eq!(
        breaking,
        [
            &diff::Subject::Field {
                model: "CreditGrantApplicationResponse".into(),
                field: "credits".into(),
            },
            &diff::Subject::Field {
                model: "EntitlementResponse".into(),
                field: "grant_quota".into(),
            },
        ]
    );

    let labels = Labels {
        old: "`flexprice-2026-08-20.json`".into(),
        new: "`flexprice-2026-08-21.json`".into(),
    };
    let expected = format!(
        "\
## API changes: `flexprice-2026-08-20.json` → `flexprice-2026-08-21.json`

**Summary:** 1 operation added; 7 models added, 3 changed; 1 field added, 2 changed; 2 breaking changes; implied version bump: **minor**, 0.1.0 → 0.2.0.

### Operations

- added `POST /usage-records/search`: `UsageRecordsApi::usage_records_search_post`

### Models

- changed `CreditGrantApplicationResponse` (struct, in responses): 1 field changed
- changed `EntitlementResponse` (struct, in responses): 1 field changed
- changed `TypesInvoiceSyncSettings` (struct, in responses): 1 field added
- added `ListUsageRecordsResponse` (struct, in responses)
- added `TypesMetadataCustomField` (struct, in responses)
- added `TypesMetadataCustomFieldSource` (enum, in responses)
- added `TypesUsageRecordFilter` (struct, in requests)
- added `TypesUsageRecordFilterOrder` (enum, in requests, inline schema `#/components/schemas/types.UsageRecordFilter/properties/order`)
- added `TypesUsageRecordSyncEntry` (struct, in responses)
- added `UsageRecordResponse` (struct, in responses)

### Fields

- **breaking** changed `CreditGrantApplicationResponse.credits`: type `Option<f64>` → `Option<String>`
- **breaking** changed `EntitlementResponse.grant_quota`: type `Option<f64>` → `Option<String>`
- added `TypesInvoiceSyncSettings.metadata_custom_fields`: `Option<Vec<TypesMetadataCustomField>>`, optional

{SEMVER_RULE}
"
    );
    assert_eq!(diff::report(&changes, &labels, &old.version), expected);
}
