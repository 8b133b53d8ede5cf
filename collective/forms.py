from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password

from collective.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "pronouns"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Please try again.")
        return password


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form, taking as long for a known address as for a new one.

    With enumeration prevention on, an address that already has an account gets the same page
    and an "account already exists" e-mail; but a new account also hashes the password, which
    is most of the time the request takes, so the delay told the two apart. Hashing the given
    password on both paths makes the answer take the same time (tests/collective/test_timing.py).
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
