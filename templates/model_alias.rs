{#- A type alias for a schema that needs no type of its own. Expects `model` (ir::Model) and
    `ty` (ir::Ty). -#}
{% import "_macros.rs" as m %}
{% call m::docs(&model.docs) %}{% endcall %}
pub type {{ model.name }} = {{ ty.rust() }};
