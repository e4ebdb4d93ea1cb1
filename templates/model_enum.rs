{#- A forward-compatible enum for a string or integer enum schema. Expects `model` (ir::Model)
    and `e` (ir::EnumModel). -#}
{% import "_macros.rs" as m %}
{% if !model.docs.is_empty() %}
{% call m::docs(&model.docs) %}{% endcall %}
///
{% endif %}
/// Values this version of the SDK does not know are kept in
/// [`{{ model.name }}::{{ e.catch_all }}`] and sent back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash{% if e.default.is_some() %}, Default{% endif %})]
pub enum {{ model.name }} {
{% for variant in e.variants %}
    /// `{{ variant.value }}`
{% if e.default.as_deref() == Some(variant.ident.as_str()) %}
    #[default]
{% endif %}
    {{ variant.ident }},
{% endfor %}
    /// A value this version of the SDK does not know, kept as received.
    {{ e.catch_all }}({{ e.wire_type() }}),
}

impl {{ model.name }} {
    /// Returns the value as sent on the wire.
{% if e.repr == crate::ir::EnumRepr::Str %}
    pub fn as_str(&self) -> &str {
        match self {
{% for variant in e.variants %}
            Self::{{ variant.ident }} => {{ variant.literal }},
{% endfor %}
            Self::{{ e.catch_all }}(value) => value,
        }
    }
{% else %}
    pub fn as_i64(&self) -> i64 {
        match self {
{% for variant in e.variants %}
            Self::{{ variant.ident }} => {{ variant.literal }},
{% endfor %}
            Self::{{ e.catch_all }}(value) => *value,
        }
    }
{% endif %}
}

{% if e.repr == crate::ir::EnumRepr::Str %}
impl From<&str> for {{ model.name }} {
    fn from(value: &str) -> Self {
        match value {
{% for variant in e.variants %}
            {{ variant.literal }} => Self::{{ variant.ident }},
{% endfor %}
            other => Self::{{ e.catch_all }}(other.to_owned()),
        }
    }
}

impl ::std::fmt::Display for {{ model.name }} {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::serde::Serialize for {{ model.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for {{ model.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <String as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
        Ok(Self::from(value.as_str()))
    }
}
{% else %}
impl From<i64> for {{ model.name }} {
    fn from(value: i64) -> Self {
        match value {
{% for variant in e.variants %}
            {{ variant.literal }} => Self::{{ variant.ident }},
{% endfor %}
            other => Self::{{ e.catch_all }}(other),
        }
    }
}

impl ::std::fmt::Display for {{ model.name }} {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{}", self.as_i64())
    }
}

impl ::serde::Serialize for {{ model.name }} {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.as_i64())
    }
}

impl<'de> ::serde::Deserialize<'de> for {{ model.name }} {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <i64 as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
        Ok(Self::from(value))
    }
}
{% endif %}

impl crate::apis::ToParam for {{ model.name }} {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

{% if model.error_body %}

impl crate::apis::ErrorBody for {{ model.name }} {
    fn parse(_status: u16, body: &[u8]) -> Option<Self> {
        ::serde_json::from_slice(body).ok()
    }
}
{% endif %}
