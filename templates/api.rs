{#- One API struct with a method per operation of its tag. Expects `group` (ir::Group). -#}
{% import "_macros.rs" as m %}
//! Operations tagged `{{ group.tag }}`.

/// Operations tagged `{{ group.tag }}`.
{% if !group.docs.is_empty() %}
///
{% call m::docs(&group.docs) %}{% endcall %}
{% endif %}
#[derive(Debug, Clone)]
pub struct {{ group.name }} {
    client: crate::apis::ApiClient,
}

impl {{ group.name }} {
    /// Creates the API on top of `client`.
    pub fn new(client: crate::apis::ApiClient) -> Self {
        Self { client }
    }

    /// Returns the client this API sends its requests with.
    pub fn client(&self) -> &crate::apis::ApiClient {
        &self.client
    }
{% for op in group.operations %}

{% call m::docs(&op.docs) %}{% endcall %}
{% if op.deprecated %}
    #[deprecated]
{% endif %}
{% if op.arg_count() > 6 %}
    #[allow(clippy::too_many_arguments)]
{% endif %}
    pub async fn {{ op.fn_name }}(
        &self,
{% for arg in op.path_args %}
        {{ arg.ident }}: {{ arg.arg_ty }},
{% endfor %}
{% if let Some(body) = op.body %}
        {{ body.ident }}: {{ body.arg_ty() }},
{% endif %}
{% if let Some(params) = op.params %}
        params: {{ params.name }},
{% endif %}
    ) -> Result<{{ op.ok.rust() }}, crate::apis::Error<{{ op.error.rust() }}>> {
{% if op.path_args.is_empty() %}
        let url_path = {{ op.path_literal() }};
{% else %}
        let url_path = format!(
            {{ op.path_literal() }},
{% for arg in op.path_args %}
            {{ arg.encoded }},
{% endfor %}
        );
{% endif %}
        let builder = self.client.request(reqwest::Method::{{ op.method }}, {% if op.path_args.is_empty() %}url_path{% else %}&url_path{% endif %});
{% if let Some(params) = op.params %}
{% if params.has_query() %}
        let mut query_pairs: Vec<(String, String)> = Vec::new();
{% for field in params.fields %}
{% if field.is_query() %}
{% if field.required %}
        {
        let value = &params.{{ field.ident }};
{% else %}
        if let Some(value) = &params.{{ field.ident }} {
{% endif %}
{% match field.encoding %}
{% when crate::ir::ParamEncoding::Single %}
        query_pairs.push(({{ field.wire_literal() }}.to_owned(), crate::apis::ToParam::to_param(value)));
{% when crate::ir::ParamEncoding::Repeat %}
        for item in value {
            query_pairs.push(({{ field.wire_literal() }}.to_owned(), crate::apis::ToParam::to_param(item)));
        }
{% when crate::ir::ParamEncoding::DeepObject %}
        crate::apis::client::push_object(&mut query_pairs, {{ field.wire_literal() }}, value, true)?;
{% when crate::ir::ParamEncoding::FormObject %}
        crate::apis::client::push_object(&mut query_pairs, {{ field.wire_literal() }}, value, false)?;
{% when _ %}
        let items: Vec<String> = value.iter().map(crate::apis::ToParam::to_param).collect();
        query_pairs.push(({{ field.wire_literal() }}.to_owned(), items.join({{ "{:?}"|format(field.encoding.separator()) }})));
{% endmatch %}
        }
{% endif %}
{% endfor %}
        let builder = builder.query(&query_pairs);
{% endif %}
{% if params.has_headers() %}
        let mut builder = builder;
{% for field in params.fields %}
{% if !field.is_query() %}
{% if field.required %}
        {
        let value = &params.{{ field.ident }};
{% else %}
        if let Some(value) = &params.{{ field.ident }} {
{% endif %}
{% match field.encoding %}
{% when crate::ir::ParamEncoding::Single %}
        let text = crate::apis::ToParam::to_param(value);
{% when _ %}
        let items: Vec<String> = value.iter().map(crate::apis::ToParam::to_param).collect();
        let text = items.join(",");
{% endmatch %}
        builder = builder.header({{ field.wire_literal() }}, crate::apis::client::header_value({{ field.wire_literal() }}, &text)?);
        }
{% endif %}
{% endfor %}
{% endif %}
{% endif %}
{% if let Some(body) = op.body %}
{% if body.required %}
        let builder = {{ body.attach_owned() }};
{% else %}
        let builder = match {{ body.ident }} {
            Some(value) => {{ body.attach_borrowed() }},
            None => builder,
        };
{% endif %}
{% endif %}
        crate::apis::client::{{ op.ok_kind.helper() }}(builder).await
    }
{% endfor %}
}
{% for op in group.operations %}
{% if let Some(params) = op.params %}

/// Query and header parameters of [`{{ group.name }}::{{ op.fn_name }}`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct {{ params.name }} {
{% for field in params.fields %}
{% call m::docs(&field.docs) %}{% endcall %}
    pub {{ field.ident }}: {{ field.ty.rust() }},
{% endfor %}
}
{% endif %}
{% endfor %}
{% for op in group.operations %}
{% if let Some(body) = op.body %}
{% if body.has_choice() %}

/// The request body of [`{{ group.name }}::{{ op.fn_name }}`], in the media type the caller
/// picks.
#[derive(Debug, Clone, PartialEq)]
pub enum {{ body.ty.rust() }} {
{% for choice in body.choices %}
    /// Sent as `{{ choice.media_type }}`.
    {{ choice.variant }}({{ choice.ty.rust() }}),
{% endfor %}
}
{% endif %}
{% endif %}
{% for status_enum in op.status_enums %}

{% if status_enum.success %}
/// The answers of [`{{ group.name }}::{{ op.fn_name }}`], by status.
{% else %}
/// The error bodies of [`{{ group.name }}::{{ op.fn_name }}`], by status.
{% endif %}
#[derive(Debug, Clone, PartialEq)]
pub enum {{ status_enum.name }} {
{% for variant in status_enum.variants %}
    /// Status `{{ variant.pattern }}`.
{% if let Some(payload) = variant.payload() %}
    {{ variant.ident }}({{ payload }}),
{% else %}
    {{ variant.ident }},
{% endif %}
{% endfor %}
{% if let Some(fallback) = status_enum.fallback %}
    /// The body of a status the operation does not list.
    Other({{ fallback.rust() }}),
{% endif %}
}
{% if status_enum.success %}

impl crate::apis::FromStatus for {{ status_enum.name }} {
    fn from_status(status: u16, body: &[u8]) -> Result<Option<Self>, ::serde_json::Error> {
        let _ = body;
        Ok(Some(match status {
{% for variant in status_enum.variants %}
{% if variant.body.is_some() %}
            {{ variant.pattern }} => Self::{{ variant.ident }}({{ variant.read() }}),
{% else %}
            {{ variant.pattern }} => Self::{{ variant.ident }},
{% endif %}
{% endfor %}
            _ => return Ok(None),
        }))
    }
}
{% else %}

impl crate::apis::ErrorBody for {{ status_enum.name }} {
    fn parse(status: u16, body: &[u8]) -> Option<Self> {
        match status {
{% for variant in status_enum.variants %}
            {{ variant.pattern }} => ::serde_json::from_slice(body).ok().map(Self::{{ variant.ident }}),
{% endfor %}
            _ => ::serde_json::from_slice(body).ok().map(Self::Other),
        }
    }
}
{% endif %}
{% endfor %}
{% endfor %}
