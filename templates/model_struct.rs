{#- A struct for an object schema. Expects `model` (ir::Model), `s` (ir::StructModel) and `traits` (the serde traits it derives without `serde-both`). -#}
{% import "_macros.rs" as m %}
{% call m::docs(&model.docs) %}{% endcall %}
#[derive(Debug, Clone, PartialEq{% if s.derive_default && !s.has_field_defaults() %}, Default{% endif %}{% if traits.serialize %}, ::serde::Serialize{% endif %}{% if traits.deserialize %}, ::serde::Deserialize{% endif %})]
{% if !traits.serialize %}
#[cfg_attr(feature = "serde-both", derive(::serde::Serialize))]
{% endif %}
{% if !traits.deserialize %}
#[cfg_attr(feature = "serde-both", derive(::serde::Deserialize))]
{% endif %}
pub struct {{ model.name }} {
{% for field in s.fields %}
{% call m::docs(&field.docs) %}{% endcall %}
    {{ field.serde_attr() }}
    pub {{ field.ident }}: {{ field.ty.rust() }},
{% endfor %}
{% if let Some(value) = s.additional %}
    /// Properties the schema does not declare.
    #[serde(flatten)]
    pub additional_properties: ::std::collections::HashMap<String, {{ value.rust() }}>,
{% endif %}
}

impl {{ model.name }} {
    /// Creates the value from its required fields; optional fields start unset.
{% if s.required_fields().len() > 7 %}
    #[allow(clippy::too_many_arguments)]
{% endif %}
    pub fn new(
{% for field in s.required_fields() %}
        {{ field.ident }}: {{ field.ty.rust() }},
{% endfor %}
    ) -> Self {
        Self {
{% for field in s.fields %}
{% if field.required %}
            {{ field.ident }},
{% else %}
            {{ field.ident }}: {{ field.unset_value() }},
{% endif %}
{% endfor %}
{% if s.additional.is_some() %}
            additional_properties: ::std::collections::HashMap::new(),
{% endif %}
        }
    }
}
{% if model.multipart %}

impl {{ model.name }} {
    /// Builds the `multipart/form-data` body: a file part for each binary field, a text
    /// part for each other field that is set.
    pub fn to_multipart(&self) -> reqwest::multipart::Form {
        let mut form = reqwest::multipart::Form::new();
{% for field in s.fields %}
        {{ field.multipart_part() }}
{% endfor %}
        form
    }
}
{% endif %}
{% if s.derive_default && s.has_field_defaults() %}

impl Default for {{ model.name }} {
    fn default() -> Self {
        Self {
{% for field in s.fields %}
{% if field.required && field.default.is_none() %}
            {{ field.ident }}: Default::default(),
{% else %}
            {{ field.ident }}: {{ field.unset_value() }},
{% endif %}
{% endfor %}
{% if s.additional.is_some() %}
            additional_properties: ::std::collections::HashMap::new(),
{% endif %}
        }
    }
}
{% endif %}
{% for field in s.fields %}
{% if let Some(expr) = field.default %}

/// The spec's default for `{{ field.wire }}`.
fn default_{{ field.ident }}() -> {{ field.ty.rust() }} {
    {{ expr }}
}
{% endif %}
{% endfor %}

{% if model.error_body %}

impl crate::apis::ErrorBody for {{ model.name }} {
    fn parse(_status: u16, body: &[u8]) -> Option<Self> {
        ::serde_json::from_slice(body).ok()
    }
}
{% endif %}
