"""{% crispy_form %} gives exactly crispy's markup, with each request's own hidden values."""

from crispy_forms.utils import render_crispy_form
from django.template import Context, Template

from collective.lib.nonces import new_nonce
from facilitation.forms import RegisterForm
from feedback.forms import FeedbackForm

TAG = Template("{% load collective_forms %}{% crispy_form form %}")


def test_an_unbound_form_matches_crispy_with_its_own_nonce_each_time():
    for _ in range(3):  # the first renders, the others come from memory
        nonce = new_nonce()
        form = FeedbackForm(None, initial={"nonce": nonce})
        html = TAG.render(Context({"form": form}))
        assert html == render_crispy_form(FeedbackForm(None, initial={"nonce": nonce}))
        assert f'value="{nonce}"' in html


def test_a_bound_form_keeps_what_was_typed_and_its_errors():
    form = FeedbackForm({"topic": "general", "message": "", "nonce": new_nonce()})
    html = TAG.render(Context({"form": form}))
    assert "invalid-feedback" in html
    form = RegisterForm({"access_needs": "A ramp <please>"})
    html = TAG.render(Context({"form": form}))
    assert "A ramp &lt;please&gt;" in html
    assert "Tick the box to say you will keep to the ground rules." in html


def test_a_form_without_a_helper_renders_as_the_crispy_filter_does():
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    assert TAG.render(Context({"form": RegisterForm()})) == as_crispy_form(RegisterForm())


def test_an_unbound_form_is_kept_once_per_language():
    from django import forms
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    class PasswordForm(forms.Form):
        password = forms.CharField(label=gettext_lazy("Password"))  # Django's own msgid

    with translation.override("en-gb"):
        english = TAG.render(Context({"form": PasswordForm()}))
    with translation.override("ar"):
        arabic = TAG.render(Context({"form": PasswordForm()}))
    assert "Password" in english
    assert "Password" not in arabic
    assert "كلمة المرور" in arabic
