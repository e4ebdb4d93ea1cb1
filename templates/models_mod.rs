{#- The `models` module. Expects `models` (a list of ir::Model). -#}
//! One type per schema of the spec.

{% for model in models %}
{{ features.model(model.name) }}
mod {{ model.module }};
{% endfor %}

{% for model in models %}
{{ features.model(model.name) }}
pub use {{ model.module }}::{{ model.name }};
{% endfor %}
{% if tri_state %}

/// Serde helpers for `Option<Option<T>>` fields, which tell an absent value (`None`) from
/// an explicit `null` (`Some(None)`).
// Each function is used only by models that derive its trait, which depends on whether
// requests or responses carry them.
#[allow(dead_code)]
pub(crate) mod double_option {
    pub(crate) fn serialize<T, S>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: ::serde::Serialize,
        S: ::serde::Serializer,
    {
        match value {
            Some(inner) => ::serde::Serialize::serialize(inner, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: ::serde::Deserialize<'de>,
        D: ::serde::Deserializer<'de>,
    {
        <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Some)
    }
}
{% endif %}
