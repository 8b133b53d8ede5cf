from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from facilitation.models import Area, Facilitator, Question


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Tick boxes whose "id for label" is the first box, so the error summary can link to it."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class RecommendForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=200)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://example.org. It helps us find them."),
    )
    areas = forms.MultipleChoiceField(
        label=_("What they facilitate on"),
        choices=Area.choices,
        widget=CheckboxGroup,
        help_text=_("Choose all that apply."),
    )
    how_known = forms.CharField(
        label=_("How you know them"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: they ran a workshop I went to. Only the coordinators read this."),
    )
    why = forms.CharField(
        label=_("Why you recommend them"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("If they are shortlisted, members may read this, without your name."),
    )
    contact_email = forms.EmailField(
        label=_("Their e-mail address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only the coordinators see contact details."),
    )
    contact_phone = forms.CharField(
        label=_("Their phone number (optional)"), max_length=40, required=False
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(gettext("Enter the facilitator's name."))
        return name

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not all(c.isdigit() or c in " +-()" for c in phone):
            raise forms.ValidationError(
                gettext("Use only digits, spaces and + - ( ) in a phone number.")
            )
        return phone


class FacilitatorAdminForm(forms.ModelForm):
    """The admin's form: areas as tick boxes instead of raw JSON."""

    areas = forms.MultipleChoiceField(
        label=_("Areas"), choices=Area.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Facilitator
        fields = [
            "name",
            "organisation",
            "website",
            "areas",
            "contact_email",
            "contact_phone",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        same = Facilitator.objects.matching(
            name=cleaned.get("name", ""),
            website=cleaned.get("website", ""),
            email=cleaned.get("contact_email", ""),
        ).exclude(pk=self.instance.pk)
        for other in same[:1]:
            raise forms.ValidationError(
                gettext(
                    "This looks like the same facilitator as “%(other)s” (same name, website or "
                    "e-mail). Change the details, or select both in the list and merge them."
                )
                % {"other": other}
            )
        return cleaned


class NotTakenForwardForm(forms.Form):
    reason = forms.CharField(
        label=_("Why they are not taken forward"), max_length=2000, widget=forms.Textarea
    )


class RegisterForm(forms.Form):
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Anything that would help you take part. Only the facilitation coordinators see this."
        ),
    )
    agree = forms.BooleanField(
        label=_("I have read the ground rules and will keep to them"),
        error_messages={"required": _("Tick the box to say you will keep to the ground rules.")},
    )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text"]
        labels = {"text": _("Your question")}
        help_texts = {"text": _("Up to 2,000 characters. Do not put your name in it.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(gettext("Write your question."))
        return text
