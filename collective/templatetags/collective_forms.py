"""`{% crispy_form form %}`: crispy-forms' markup, built once per process for an unbound form.

crispy renders a form through a template per field, most of the time of a page like the
feedback form. An unbound form (the page as first shown) comes out the same for everyone but
for its hidden fields (the feedback form's nonce): its markup is kept in memory with markers in
their place, and each request fills in its own values. It is kept per language (labels and help
texts are translated). A bound form (with what the person typed,
or errors) is rendered afresh as before.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

_rendered = {}
_KEPT = 64


def _render(form):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
    from crispy_forms.utils import render_crispy_form

    if getattr(form, "helper", None) is not None:
        return render_crispy_form(form)
    return as_crispy_form(form)


@register.simple_tag
def crispy_form(form):
    if form.is_bound:
        return mark_safe(_render(form))
    hidden = {bf.name: form.get_initial_for_field(bf.field, bf.name) for bf in form.hidden_fields()}
    shown = sorted(
        (name, repr(value)) for name, value in form.initial.items() if name not in hidden
    )
    key = (type(form), form.prefix, tuple(form.fields), tuple(shown), get_language())
    html = _rendered.get(key)
    if html is None:
        markers = {name: f"crispy-unbound-{name}-marker" for name in hidden}
        saved = form.initial
        form.initial = {**saved, **markers}
        try:
            html = str(_render(form))
        finally:
            form.initial = saved
            form._bound_fields_cache.clear()
        if len(_rendered) >= _KEPT:
            _rendered.clear()
        _rendered[key] = html
    for name, value in hidden.items():
        html = html.replace(f"crispy-unbound-{name}-marker", escape("" if value is None else value))
    return mark_safe(html)
