from allauth.account import forms as account_forms
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from collective.models import User


class LanguageSelect(forms.Select):
    """Each language named in itself and marked with its own `lang`, as in the header's picker,
    so that screen readers say "Polski" in Polish."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "pronouns", "language"]
        widgets = {"language": LanguageSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Not chosen (your browser's language)"))] + [
            *settings.LANGUAGES
        ]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Please try again."))
        return password


# ---- allauth's forms in the portal's words ---------------------------------------------------
# Every message says what to do, per field, instead of Django's "This field is required."

ENTER_EMAIL = _("Enter your email address")
EMAIL_FORMAT = _("Enter an email address in the right format, like name@example.com")
WHAT_TO_DO = {
    "login": ENTER_EMAIL,
    "email": ENTER_EMAIL,
    "password": _("Enter your password"),
    "oldpassword": _("Enter your current password"),
    "password1": _("Enter a password"),
    "password2": _("Enter the same password again"),
}


def _say_what_to_do(form):
    for name, field in form.fields.items():
        if name in WHAT_TO_DO:
            field.error_messages["required"] = WHAT_TO_DO[name]
        if name in ("login", "email"):
            field.error_messages["invalid"] = EMAIL_FORMAT
    return form


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self)


class SignupForm(account_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self)
        self.fields["password1"].help_text = _(
            "At least 8 characters, not only numbers and not a common password. A few words "
            "you will remember make a good password."
        )

    def try_save(self, request):
        """Take as long for an address that has an account as for a new one.

        With enumeration prevention on, a known address gets the same page and an "account
        already exists" e-mail; but a new account also hashes the password, which is most of
        the time the request takes, so the delay told the two apart. Hashing the given password
        on both paths makes the answer take the same time (tests/collective/test_timing.py).
        """
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self)


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_to_do(self)
