from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from library.models import RESOURCE_LANGUAGES, Loan, Resource, Suggestion
from library.search import MAX_QUERY_LENGTH


def language_choices(codes):
    """The languages named by `codes`, as (code, name) in the reader's language's order."""
    names = dict(RESOURCE_LANGUAGES)
    return sorted(
        ((code, str(names[code])) for code in codes if code in names),
        key=lambda choice: choice[1].casefold(),
    )


class BrowseForm(forms.Form):
    """The GET form above the catalogue: search words, kind, theme and language. Bad values are
    ignored."""

    q = forms.CharField(label=_("Search the library"), required=False, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, data, themes, languages=()):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("Any kind")), *Resource.Kind.choices]
        self.fields["theme"].choices = [("", _("Any theme"))] + [(t.slug, t.name) for t in themes]
        self.fields["language"].choices = [("", _("Any language")), *language_choices(languages)]
        self.fields["q"].widget.attrs["maxlength"] = MAX_QUERY_LENGTH

    def value(self, name):
        if not self.is_bound:
            return ""
        field = self.fields[name]
        raw = self.data.get(name, "")
        try:
            return field.clean(raw) or ""
        except forms.ValidationError:
            return ""


class LoanRequestForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("How would you like to get the book?"),
        choices=Loan.Delivery.choices,
        widget=forms.RadioSelect,
        initial=Loan.Delivery.COLLECT,
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        help_text=_("Only if you want it posted. We delete the address when the loan ends."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("delivery") == Loan.Delivery.POST
            and not data.get("postal_address", "").strip()
        ):
            self.add_error("postal_address", gettext("Give the address to post the book to."))
        return data


class SuggestionForm(forms.ModelForm):
    # A field people never see; bots fill it in. Hidden with CSS, labelled for screen readers.
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where people can find it, for example https://example.org/page"),
    )
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1"}),
    )

    class Meta:
        model = Suggestion
        fields = ["title", "kind", "creators", "link", "why", "name"]
        labels = {
            "title": _("Title"),
            "kind": _("What kind of resource is it?"),
            "creators": _("Author or maker (optional)"),
            "why": _("Why do you recommend it?"),
            "name": _("Your name (optional)"),
        }
        help_texts = {
            "name": _("If you give it, we may say who recommended it."),
        }
        widgets = {"why": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose a kind")), *Resource.Kind.choices]
        self.fields["website"].widget.attrs["autocomplete"] = "off"

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(gettext("Enter the title."))
        return title

    def clean_why(self):
        why = self.cleaned_data["why"].strip()
        if not why:
            raise forms.ValidationError(gettext("Say in a few words why you recommend it."))
        return why


class DeclineForm(forms.Form):
    """The reason given when a curator declines a suggestion or a loan request (admin)."""

    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RecordRequestForm(forms.Form):
    """Staff record a request for someone who asked by e-mail: a member, or someone without an
    account (then their name is needed too)."""

    resource = forms.ModelChoiceField(
        queryset=Resource.objects.published().filter(copies__withdrawn=False).distinct(),
        label=_("Book"),
    )
    email = forms.EmailField(
        label=_("Their e-mail address"),
        help_text=_("If it belongs to a member, the request is added to their account."),
    )
    name = forms.CharField(
        label=_("Their name"),
        max_length=120,
        required=False,
        help_text=_("Needed if they have no account."),
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"), choices=Loan.Delivery.choices, initial=Loan.Delivery.COLLECT
    )
    postal_address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if email:
            User = get_user_model()
            data["borrower"] = User.objects.filter(email__iexact=email, is_active=True).first()
            if data["borrower"] is None and not data.get("name", "").strip():
                self.add_error(
                    "name", gettext("Nobody has an account with that address: give their name.")
                )
        if (
            data.get("delivery") == Loan.Delivery.POST
            and not data.get("postal_address", "").strip()
        ):
            self.add_error("postal_address", gettext("Give the address to post the book to."))
        return data
