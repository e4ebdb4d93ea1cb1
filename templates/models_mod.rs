{#- The `models` module. Expects `models` (a list of ir::Model). -#}
//! One type per schema of the spec.

{% for model in models %}
mod {{ model.module }};
{% endfor %}

{% for model in models %}
pub use {{ model.module }}::{{ model.name }};
{% endfor %}
