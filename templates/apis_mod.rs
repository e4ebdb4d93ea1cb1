{#- The `apis` module. Expects `api` (ir::Api). -#}
//! One struct per tag of the API, and the client they share.

mod client;

pub use client::{ApiClient, Configuration, Error, ErrorBody, ResponseError, ToParam, DEFAULT_BASE_PATH, DEFAULT_TIMEOUT};
{% if flags.by_status %}
pub use client::FromStatus;
{% endif %}
{% if api.default_base_url.is_some() %}
pub use client::DEFAULT_BASE_URL;
{% endif %}
{% if flags.path_params %}
{{ features.helper("encode_path") }}
pub(crate) use client::encode_path;
{% endif %}

{% for group in api.groups %}
#[cfg(feature = "{{ group.feature }}")]
pub mod {{ group.module }};
{% endfor %}
