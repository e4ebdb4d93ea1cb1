//! Conversion rules, one case per rule, on small Swagger 2.0 documents.

use serde_json::{json, Value};

use super::{convert, ConvertError};

/// A conversion and its exact result. `swagger` and `openapi` hold top-level fields only:
/// [`swagger_document`] and [`openapi_document`] add the required ones they leave out, and
/// drop those set to null.
struct Case {
    name: &'static str,
    swagger: Value,
    openapi: Value,
}

/// A document the converter rejects, with the pointer and message it names.
struct Rejected {
    name: &'static str,
    swagger: Value,
    pointer: &'static str,
    message: &'static str,
}

fn with_defaults(fields: Value, defaults: Value) -> Value {
    let mut out = defaults;
    let object = out.as_object_mut().unwrap();
    for (key, value) in fields.as_object().unwrap() {
        match value {
            Value::Null => object.remove(key),
            _ => object.insert(key.clone(), value.clone()),
        };
    }
    out
}

fn swagger_document(fields: Value) -> Value {
    let defaults = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
    with_defaults(fields, defaults)
}

fn openapi_document(fields: Value) -> Value {
    let defaults = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}});
    with_defaults(fields, defaults)
}

fn check(case: &Case) {
    let converted = convert(&swagger_document(case.swagger.clone()))
        .unwrap_or_else(|e| panic!("case {}: conversion failed: {e}", case.name));
    let expected = openapi_document(case.openapi.clone());
    assert!(
        converted == expected,
        "case {}:\nconverted:\n{}\nexpected:\n{}",
        case.name,
        serde_json::to_string_pretty(&converted).unwrap(),
        serde_json::to_string_pretty(&expected).unwrap()
    );
}

fn check_rejected(case: &Rejected) {
    let error = convert(&swagger_document(case.swagger.clone()))
        .expect_err(&format!("case {}: conversion succeeded", case.name));
    assert_eq!(
        error,
        ConvertError {
            pointer: case.pointer.into(),
            message: case.message.into(),
        },
        "case {}",
        case.name
    );
}

/// Responses of 200 with no body, for cases about something else.
fn ok() -> Value {
    json!({"200": {"description": "OK"}})
}

#[test]
fn conversion_rules() {
    for case in cases() {
        check(&case);
    }
}

#[test]
fn rejected_documents() {
    for case in rejected() {
        check_rejected(&case);
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "definitions become component schemas with rewritten refs",
            swagger: json!({"definitions": {
                "Pet": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "integer"},
                        "owner": {"$ref": "#/definitions/Person"},
                        "friends": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                        "tags": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Tag"}},
                        "kind": {"allOf": [{"$ref": "#/definitions/Kind"}], "description": "What it is"},
                    },
                },
                "Person": {"type": "object", "additionalProperties": true},
                "Tag": {"type": "string"},
                "Kind": {"type": "string", "enum": ["cat", "dog"]},
            }}),
            openapi: json!({"components": {"schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "integer"},
                        "owner": {"$ref": "#/components/schemas/Person"},
                        "friends": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
                        "tags": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Tag"}},
                        "kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}], "description": "What it is"},
                    },
                },
                "Person": {"type": "object", "additionalProperties": true},
                "Tag": {"type": "string"},
                "Kind": {"type": "string", "enum": ["cat", "dog"]},
            }}}),
        },
        Case {
            name: "x-nullable becomes nullable",
            swagger: json!({"definitions": {"Price": {"type": "object", "properties": {
                "min": {"type": "string", "x-nullable": true},
                "max": {"type": "string", "x-nullable": false},
            }}}}),
            openapi: json!({"components": {"schemas": {"Price": {"type": "object", "properties": {
                "min": {"type": "string", "nullable": true},
                "max": {"type": "string", "nullable": false},
            }}}}}),
        },
        Case {
            name: "discriminator becomes an object",
            swagger: json!({"definitions": {"Pet": {"type": "object", "discriminator": "kind"}}}),
            openapi: json!({"components": {"schemas": {"Pet": {
                "type": "object",
                "discriminator": {"propertyName": "kind"},
            }}}}),
        },
        Case {
            name: "body parameter becomes the request body",
            swagger: json!({"paths": {"/events": {"post": {
                "consumes": ["application/json"],
                "parameters": [{
                    "in": "body",
                    "name": "event",
                    "description": "Event data",
                    "required": true,
                    "schema": {"$ref": "#/definitions/Event"},
                    "x-origin": "handler",
                }],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/events": {"post": {
                "requestBody": {
                    "description": "Event data",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}},
                    "required": true,
                    "x-origin": "handler",
                },
                "x-codegen-request-body-name": "event",
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "optional body has no required flag",
            swagger: json!({"paths": {"/events": {"delete": {
                "parameters": [{"in": "body", "name": "request", "schema": {"type": "object"}}],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/events": {"delete": {
                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                "x-codegen-request-body-name": "request",
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "form fields become a URL-encoded object",
            swagger: json!({"paths": {"/login": {"post": {
                "consumes": ["application/x-www-form-urlencoded"],
                "parameters": [
                    {"in": "formData", "name": "user", "type": "string", "required": true, "description": "Login"},
                    {"in": "formData", "name": "remember", "type": "boolean", "default": false},
                    {"in": "formData", "name": "scopes", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
                ],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/login": {"post": {
                "requestBody": {
                    "content": {"application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "user": {"type": "string", "description": "Login"},
                                "remember": {"type": "boolean", "default": false},
                                "scopes": {"type": "array", "items": {"type": "string"}},
                            },
                            "required": ["user"],
                        },
                        "encoding": {"scopes": {"style": "form", "explode": true}},
                    }},
                    "required": true,
                },
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "form with a file is multipart",
            swagger: json!({"paths": {"/upload": {"post": {
                "parameters": [
                    {"in": "formData", "name": "file", "type": "file", "required": true},
                    {"in": "formData", "name": "note", "type": "string"},
                ],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/upload": {"post": {
                "requestBody": {
                    "content": {"multipart/form-data": {"schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "note": {"type": "string"},
                        },
                        "required": ["file"],
                    }}},
                    "required": true,
                },
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "form without a file keeps a multipart consumes",
            swagger: json!({"paths": {"/notes": {"post": {
                "consumes": ["multipart/form-data"],
                "parameters": [{"in": "formData", "name": "note", "type": "string"}],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/notes": {"post": {
                "requestBody": {"content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "properties": {"note": {"type": "string"}},
                }}}},
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "global consumes and produces apply unless the operation overrides them",
            swagger: json!({
                "consumes": ["application/xml"],
                "produces": ["application/xml", "application/json"],
                "paths": {"/things": {
                    "put": {
                        "parameters": [{"in": "body", "name": "thing", "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "OK", "schema": {"type": "string"}}},
                    },
                    "post": {
                        "consumes": ["text/plain"],
                        "produces": ["text/plain"],
                        "parameters": [{"in": "body", "name": "thing", "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "OK", "schema": {"type": "string"}}},
                    },
                }},
            }),
            openapi: json!({"paths": {"/things": {
                "put": {
                    "requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}},
                    "x-codegen-request-body-name": "thing",
                    "responses": {"200": {"description": "OK", "content": {
                        "application/xml": {"schema": {"type": "string"}},
                        "application/json": {"schema": {"type": "string"}},
                    }}},
                },
                "post": {
                    "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}},
                    "x-codegen-request-body-name": "thing",
                    "responses": {"200": {"description": "OK", "content": {
                        "text/plain": {"schema": {"type": "string"}},
                    }}},
                },
            }}}),
        },
        Case {
            name: "responses without produces are JSON and a missing schema gives no content",
            swagger: json!({"paths": {"/things": {"get": {"responses": {
                "200": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/Thing"}}},
                "204": {"description": "No Content"},
                "default": {"description": "Error", "schema": {"$ref": "#/definitions/Error"}},
            }}}}}),
            openapi: json!({"paths": {"/things": {"get": {"responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Thing"},
                }}}},
                "204": {"description": "No Content"},
                "default": {"description": "Error", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Error",
                }}}},
            }}}}}),
        },
        Case {
            name: "file response becomes binary",
            swagger: json!({"paths": {"/invoices/{id}/pdf": {"get": {
                "produces": ["application/pdf"],
                "parameters": [{"in": "path", "name": "id", "type": "string", "required": true}],
                "responses": {"200": {"description": "OK", "schema": {"type": "file"}}},
            }}}}),
            openapi: json!({"paths": {"/invoices/{id}/pdf": {"get": {
                "parameters": [{"in": "path", "name": "id", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "OK", "content": {"application/pdf": {
                    "schema": {"type": "string", "format": "binary"},
                }}}},
            }}}}),
        },
        Case {
            name: "response headers and examples",
            swagger: json!({"paths": {"/things": {"get": {
                "produces": ["application/json"],
                "responses": {"200": {
                    "description": "OK",
                    "schema": {"type": "object"},
                    "headers": {
                        "X-Rate-Limit": {"type": "integer", "format": "int32", "description": "Calls left"},
                        "X-Ids": {"type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
                    },
                    "examples": {
                        "application/json": {"id": 1},
                        "text/plain": "id=1",
                    },
                    "x-cache": "none",
                }},
            }}}}),
            openapi: json!({"paths": {"/things": {"get": {"responses": {"200": {
                "description": "OK",
                "headers": {
                    "X-Rate-Limit": {"description": "Calls left", "schema": {"type": "integer", "format": "int32"}},
                    "X-Ids": {"schema": {"type": "array", "items": {"type": "string"}}},
                },
                "content": {
                    "application/json": {"schema": {"type": "object"}, "example": {"id": 1}},
                    "text/plain": {"schema": {"type": "object"}, "example": "id=1"},
                },
                "x-cache": "none",
            }}}}}}),
        },
        Case {
            name: "parameter keywords move into the schema",
            swagger: json!({"paths": {"/payments": {"get": {
                "parameters": [
                    {
                        "in": "query",
                        "name": "status",
                        "type": "string",
                        "enum": ["published", "deleted"],
                        "default": "published",
                        "x-enum-varnames": ["StatusPublished", "StatusDeleted"],
                    },
                    {
                        "in": "query",
                        "name": "limit",
                        "type": "integer",
                        "format": "int32",
                        "minimum": 1,
                        "maximum": 1000,
                        "required": true,
                        "description": "Page size",
                    },
                    {"in": "header", "name": "X-Trace", "type": "string", "x-nullable": true},
                    {"in": "query", "name": "q", "type": "string", "allowEmptyValue": true},
                ],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/payments": {"get": {
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {
                            "type": "string",
                            "enum": ["published", "deleted"],
                            "default": "published",
                            "x-enum-varnames": ["StatusPublished", "StatusDeleted"],
                        },
                        "x-enum-varnames": ["StatusPublished", "StatusDeleted"],
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "description": "Page size",
                        "required": true,
                        "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 1000},
                    },
                    {"name": "X-Trace", "in": "header", "schema": {"type": "string", "nullable": true}},
                    {"name": "q", "in": "query", "allowEmptyValue": true, "schema": {"type": "string"}},
                ],
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "path parameters are always required",
            swagger: json!({"paths": {"/schedules/{id}": {"post": {
                "parameters": [{"in": "path", "name": "id", "type": "string", "description": "Optional"}],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/schedules/{id}": {"post": {
                "parameters": [{
                    "name": "id",
                    "in": "path",
                    "description": "Optional",
                    "required": true,
                    "schema": {"type": "string"},
                }],
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "collection formats become styles",
            swagger: json!({"paths": {"/items/{ids}": {"get": {
                "parameters": [
                    {"in": "path", "name": "ids", "required": true, "type": "array", "items": {"type": "integer"}, "collectionFormat": "csv"},
                    {"in": "query", "name": "csv", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
                    {"in": "query", "name": "multi", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
                    {"in": "query", "name": "ssv", "type": "array", "items": {"type": "string"}, "collectionFormat": "ssv"},
                    {"in": "query", "name": "pipes", "type": "array", "items": {"type": "string"}, "collectionFormat": "pipes"},
                    {"in": "query", "name": "unset", "type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
                    {"in": "header", "name": "X-Tags", "type": "array", "items": {"type": "string"}},
                ],
                "responses": ok(),
            }}}}),
            openapi: json!({"paths": {"/items/{ids}": {"get": {
                "parameters": [
                    {"name": "ids", "in": "path", "required": true, "schema": {"type": "array", "items": {"type": "integer"}}},
                    {"name": "csv", "in": "query", "style": "form", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "multi", "in": "query", "style": "form", "explode": true, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "ssv", "in": "query", "style": "spaceDelimited", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "pipes", "in": "query", "style": "pipeDelimited", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "unset", "in": "query", "style": "form", "explode": false, "schema": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}},
                    {"name": "X-Tags", "in": "header", "schema": {"type": "array", "items": {"type": "string"}}},
                ],
                "responses": ok(),
            }}}}),
        },
        Case {
            name: "global parameters and responses become components",
            swagger: json!({
                "parameters": {
                    "limit": {"in": "query", "name": "limit", "type": "integer"},
                    "thing": {"in": "body", "name": "thing", "required": true, "schema": {"$ref": "#/definitions/Thing"}},
                },
                "responses": {"NotFound": {"description": "Not found", "schema": {"$ref": "#/definitions/Error"}}},
                "paths": {"/things": {"post": {
                    "parameters": [{"$ref": "#/parameters/limit"}, {"$ref": "#/parameters/thing"}],
                    "responses": {"200": {"description": "OK"}, "404": {"$ref": "#/responses/NotFound"}},
                }}},
            }),
            openapi: json!({
                "paths": {"/things": {"post": {
                    "parameters": [{"$ref": "#/components/parameters/limit"}],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        "required": true,
                    },
                    "x-codegen-request-body-name": "thing",
                    "responses": {"200": {"description": "OK"}, "404": {"$ref": "#/components/responses/NotFound"}},
                }}},
                "components": {
                    "parameters": {"limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
                    "responses": {"NotFound": {"description": "Not found", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Error"},
                    }}}},
                },
            }),
        },
        Case {
            name: "path item parameters stay shared and a shared body reaches each operation",
            swagger: json!({"paths": {"/things/{id}": {
                "parameters": [
                    {"in": "path", "name": "id", "required": true, "type": "string"},
                    {"in": "body", "name": "thing", "schema": {"type": "object"}},
                ],
                "put": {"responses": ok()},
                "x-owner": "billing",
            }}}),
            openapi: json!({"paths": {"/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "put": {
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    "x-codegen-request-body-name": "thing",
                    "responses": ok(),
                },
                "x-owner": "billing",
            }}}),
        },
        Case {
            name: "host, base path and schemes become servers in order",
            swagger: json!({"host": "api.example.com", "basePath": "/v1", "schemes": ["http", "https"]}),
            openapi: json!({"servers": [
                {"url": "http://api.example.com/v1"},
                {"url": "https://api.example.com/v1"},
            ]}),
        },
        Case {
            name: "base path without host is a relative server",
            swagger: json!({"basePath": "/v1", "schemes": ["http", "https"]}),
            openapi: json!({"servers": [{"url": "/v1"}]}),
        },
        Case {
            name: "host without schemes is https",
            swagger: json!({"host": "api.example.com"}),
            openapi: json!({"servers": [{"url": "https://api.example.com"}]}),
        },
        Case {
            name: "operation schemes become operation servers",
            swagger: json!({
                "host": "api.example.com",
                "schemes": ["https"],
                "paths": {"/ws": {"get": {"schemes": ["wss"], "responses": ok()}}},
            }),
            openapi: json!({
                "servers": [{"url": "https://api.example.com"}],
                "paths": {"/ws": {"get": {"servers": [{"url": "wss://api.example.com"}], "responses": ok()}}},
            }),
        },
        Case {
            name: "security definitions become security schemes",
            swagger: json!({
                "securityDefinitions": {
                    "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "x-api-key", "description": "Key"},
                    "Basic": {"type": "basic"},
                    "Code": {
                        "type": "oauth2",
                        "flow": "accessCode",
                        "authorizationUrl": "https://auth.example.com/authorize",
                        "tokenUrl": "https://auth.example.com/token",
                        "scopes": {"read": "Read access"},
                        "x-provider": "example",
                    },
                    "Machine": {"type": "oauth2", "flow": "application", "tokenUrl": "https://auth.example.com/token"},
                },
                "security": [{"ApiKeyAuth": []}],
            }),
            openapi: json!({
                "components": {"securitySchemes": {
                    "ApiKeyAuth": {"type": "apiKey", "name": "x-api-key", "in": "header", "description": "Key"},
                    "Basic": {"type": "http", "scheme": "basic"},
                    "Code": {
                        "type": "oauth2",
                        "flows": {"authorizationCode": {
                            "authorizationUrl": "https://auth.example.com/authorize",
                            "tokenUrl": "https://auth.example.com/token",
                            "scopes": {"read": "Read access"},
                        }},
                        "x-provider": "example",
                    },
                    "Machine": {"type": "oauth2", "flows": {"clientCredentials": {
                        "tokenUrl": "https://auth.example.com/token",
                        "scopes": {},
                    }}},
                }},
                "security": [{"ApiKeyAuth": []}],
            }),
        },
        Case {
            name: "extensions and plain fields are kept",
            swagger: json!({
                "x-logo": {"url": "logo.png"},
                "tags": [{"name": "Events", "description": "Usage events"}],
                "externalDocs": {"url": "https://docs.example.com"},
                "paths": {"/events": {"get": {
                    "tags": ["Events"],
                    "summary": "List events",
                    "description": "Lists them",
                    "operationId": "listEvents",
                    "deprecated": true,
                    "security": [{"ApiKeyAuth": []}],
                    "x-scope": "read",
                    "responses": {"200": {"description": "OK"}, "x-note": "kept as written"},
                }}},
            }),
            openapi: json!({
                "x-logo": {"url": "logo.png"},
                "tags": [{"name": "Events", "description": "Usage events"}],
                "externalDocs": {"url": "https://docs.example.com"},
                "paths": {"/events": {"get": {
                    "tags": ["Events"],
                    "summary": "List events",
                    "description": "Lists them",
                    "operationId": "listEvents",
                    "deprecated": true,
                    "security": [{"ApiKeyAuth": []}],
                    "x-scope": "read",
                    "responses": {"200": {"description": "OK"}, "x-note": "kept as written"},
                }}},
            }),
        },
    ]
}

fn rejected() -> Vec<Rejected> {
    let with_parameters = |parameters: Value| json!({"paths": {"/things": {"post": {"parameters": parameters, "responses": ok()}}}});
    vec![
        Rejected {
            name: "missing paths",
            swagger: json!({"paths": null}),
            pointer: "#",
            message: "the `paths` field is missing, and Swagger 2.0 requires it",
        },
        Rejected {
            name: "unknown parameter location",
            swagger: with_parameters(
                json!([{"in": "cookie", "name": "session", "type": "string"}]),
            ),
            pointer: "#/paths/~1things/post/parameters/0/in",
            message: "unknown parameter location `cookie`; use query, header, path, formData or \
                      body",
        },
        Rejected {
            name: "parameter without name",
            swagger: with_parameters(json!([{"in": "query", "type": "string"}])),
            pointer: "#/paths/~1things/post/parameters/0",
            message: "the parameter has no `name`",
        },
        Rejected {
            name: "parameter without type",
            swagger: with_parameters(json!([{"in": "query", "name": "q"}])),
            pointer: "#/paths/~1things/post/parameters/0",
            message: "no `type`, which Swagger 2.0 requires outside body parameters",
        },
        Rejected {
            name: "two body parameters",
            swagger: with_parameters(json!([
                {"in": "body", "name": "a", "schema": {"type": "object"}},
                {"in": "body", "name": "b", "schema": {"type": "object"}},
            ])),
            pointer: "#/paths/~1things/post/parameters/1",
            message: "a second body parameter, but `a` is already the body; an operation takes \
                      at most one",
        },
        Rejected {
            name: "body and form parameters together",
            swagger: with_parameters(json!([
                {"in": "body", "name": "a", "schema": {"type": "object"}},
                {"in": "formData", "name": "b", "type": "string"},
            ])),
            pointer: "#/paths/~1things/post/parameters/1",
            message: "form parameter `b` and body parameter `a` are both given, but an operation \
                      takes one or the other; remove one of them",
        },
        Rejected {
            name: "body parameter without schema",
            swagger: with_parameters(json!([{"in": "body", "name": "a"}])),
            pointer: "#/paths/~1things/post/parameters/0",
            message: "body parameter `a` has no `schema`; describe the body with one",
        },
        Rejected {
            name: "unresolved parameter reference",
            swagger: with_parameters(json!([{"$ref": "#/parameters/missing"}])),
            pointer: "#/paths/~1things/post/parameters/0",
            message: "$ref `#/parameters/missing` does not resolve; define it under `parameters` \
                      or fix the reference",
        },
        Rejected {
            name: "parameter reference into another file",
            swagger: with_parameters(json!([{"$ref": "common.yaml#/parameters/limit"}])),
            pointer: "#/paths/~1things/post/parameters/0",
            message: "$ref `common.yaml#/parameters/limit` is not a local parameter reference; \
                      only `#/parameters/NAME` is supported",
        },
        Rejected {
            name: "tab-separated collection",
            swagger: with_parameters(json!([
                {"in": "query", "name": "ids", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"},
            ])),
            pointer: "#/paths/~1things/post/parameters/0/collectionFormat",
            message: "collectionFormat `tsv` has no OpenAPI 3.0 equivalent; use csv, multi, ssv \
                      or pipes",
        },
        Rejected {
            name: "multi collection in a path parameter",
            swagger: json!({"paths": {"/things/{ids}": {"get": {
                "parameters": [{"in": "path", "name": "ids", "required": true, "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}],
                "responses": ok(),
            }}}}),
            pointer: "#/paths/~1things~1{ids}/get/parameters/0/collectionFormat",
            message: "collectionFormat `multi` has no OpenAPI 3.0 equivalent in a path; use csv",
        },
        Rejected {
            name: "unknown collection format",
            swagger: with_parameters(json!([
                {"in": "query", "name": "ids", "type": "array", "items": {"type": "string"}, "collectionFormat": "json"},
            ])),
            pointer: "#/paths/~1things/post/parameters/0/collectionFormat",
            message: "unknown collectionFormat `json`; use csv, ssv, tsv, pipes or multi",
        },
        Rejected {
            name: "x-nullable that is not a boolean",
            swagger: json!({"definitions": {"Price": {"type": "object", "properties": {
                "min": {"type": "string", "x-nullable": "yes"},
            }}}}),
            pointer: "#/definitions/Price/properties/min/x-nullable",
            message: "expected a boolean, found a string",
        },
        Rejected {
            name: "unknown security definition type",
            swagger: json!({"securityDefinitions": {"Token": {"type": "bearer"}}}),
            pointer: "#/securityDefinitions/Token/type",
            message: "unknown security definition type `bearer`; use basic, apiKey or oauth2",
        },
        Rejected {
            name: "unknown oauth2 flow",
            swagger: json!({"securityDefinitions": {"Login": {"type": "oauth2", "flow": "device"}}}),
            pointer: "#/securityDefinitions/Login/flow",
            message: "unknown oauth2 flow `device`; use implicit, password, application or \
                      accessCode",
        },
        Rejected {
            name: "paths that are not an object",
            swagger: json!({"paths": []}),
            pointer: "#/paths",
            message: "expected an object, found an array",
        },
    ]
}
