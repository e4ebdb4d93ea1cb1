{#- Shared macros. `docs` prints one `///` line per entry of a list of escaped doc lines. -#}
{% macro docs(lines) %}
{% for line in lines %}
/// {{ line }}
{% endfor %}
{% endmacro %}
