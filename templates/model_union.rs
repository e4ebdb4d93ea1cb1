{#- An enum for a oneOf or anyOf schema. Expects `model` (ir::Model) and `u` (ir::UnionModel). -#}
{% import "_macros.rs" as m %}
{% if !model.docs.is_empty() %}
{% call m::docs(&model.docs) %}{% endcall %}
///
{% endif %}
{% if let Some(tag) = u.tag %}
/// The `{{ tag }}` property selects the variant. A value with an unknown `{{ tag }}` is kept in
/// [`{{ model.name }}::{{ u.catch_all }}`] and sent back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum {{ model.name }} {
{% for variant in u.variants %}
    /// Selected by `{{ tag }}` = {% for value in variant.tags %}{% if !loop.first %} or {% endif %}`{{ value }}`{% endfor %}.
    {{ variant.ident }}({{ variant.ty.rust() }}),
{% endfor %}
    /// A value whose `{{ tag }}` this version of the SDK does not know, kept as received.
    {{ u.catch_all }}(::serde_json::Value),
}

impl {{ model.name }} {
    /// Returns the `{{ tag }}` value that selects this variant.
    pub fn tag(&self) -> Option<&str> {
        match self {
{% for variant in u.variants %}
            Self::{{ variant.ident }}(_) => Some({{ variant.tag_literal() }}),
{% endfor %}
            Self::{{ u.catch_all }}(value) => value.get({{ u.tag_literal() }}).and_then(::serde_json::Value::as_str),
        }
    }
}

impl ::serde::Serialize for {{ model.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (tag, value) = match self {
{% for variant in u.variants %}
            Self::{{ variant.ident }}(inner) => ({{ variant.tag_literal() }}, ::serde_json::to_value(inner)),
{% endfor %}
            Self::{{ u.catch_all }}(value) => return ::serde::Serialize::serialize(value, serializer),
        };
        let mut value = value.map_err(<S::Error as ::serde::ser::Error>::custom)?;
        if let ::serde_json::Value::Object(map) = &mut value {
            map.entry({{ u.tag_literal() }}).or_insert_with(|| tag.into());
        }
        ::serde::Serialize::serialize(&value, serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for {{ model.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
        let tag = value.get({{ u.tag_literal() }}).and_then(::serde_json::Value::as_str).map(str::to_owned);
        match tag.as_deref() {
{% for variant in u.variants %}
            Some({{ variant.tag_pattern() }}) => ::serde_json::from_value(value)
                .map(Self::{{ variant.ident }})
                .map_err(<D::Error as ::serde::de::Error>::custom),
{% endfor %}
            _ => Ok(Self::{{ u.catch_all }}(value)),
        }
    }
}
{% else %}
/// Deserializing tries the variants in order and keeps a value that matches none in
/// [`{{ model.name }}::{{ u.catch_all }}`].
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum {{ model.name }} {
{% for variant in u.variants %}
    {{ variant.ident }}({{ variant.ty.rust() }}),
{% endfor %}
    /// A value that matches none of the variants above, kept as received.
    {{ u.catch_all }}(::serde_json::Value),
}
{% endif %}

{% if model.error_body %}

impl crate::apis::ErrorBody for {{ model.name }} {
    fn parse(_status: u16, body: &[u8]) -> Option<Self> {
        ::serde_json::from_slice(body).ok()
    }
}
{% endif %}
