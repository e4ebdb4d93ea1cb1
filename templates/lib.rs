{#- The crate root. Expects `api` (ir::Api), `crate_ident`, `example_group` and `example_base_url`. -#}
{% import "_macros.rs" as m %}
//! Rust client for the {{ title_doc }}, generated from its OpenAPI description.
{% if !api.docs.is_empty() %}
//!
{% for line in api.docs %}
//! {{ line }}
{% endfor %}
{% endif %}
//!
//! Each tag of the API is a struct in [`apis`], built from an [`ApiClient`]; each schema is a
//! type in [`models`].
//!
//! # Example
//!
//! ```no_run
//! # async fn example() -> Result<(), {{ crate_ident }}::Error> {
//! use {{ crate_ident }}::{ApiClient, Configuration};
//!
//! let configuration = Configuration::new()
{% if let Some(url) = example_base_url %}
//!     .with_base_url({{ url }})
{% endif %}
{% if api.api_key_header.is_some() %}
//!     .with_api_key("your-api-key")
{% endif %}
//!     .with_timeout(std::time::Duration::from_secs(10));
//! let client = ApiClient::new(configuration)?;
{% if let Some(group) = example_group %}
//! let api = {{ crate_ident }}::{{ group }}::new(client);
//! # let _ = api;
{% else %}
//! # let _ = client;
{% endif %}
//! # Ok(())
//! # }
//! ```

#[rustfmt::skip]
pub mod apis;
#[rustfmt::skip]
pub mod models;

{% for group in api.groups %}
#[cfg(feature = "{{ group.feature }}")]
pub use apis::{{ group.module }}::{{ group.name }};
{% endfor %}
pub use apis::{ApiClient, Configuration, Error, ResponseError};
