from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from collective.lib.nonces import is_valid_nonce, new_nonce
from feedback import receipts
from feedback.models import Feedback

NUL_MESSAGE = _(
    "Your message contains a character we cannot store (a “null” character, often left by "
    "copying from another program). Please remove it or retype that part."
)


def clean_text(value):
    """Length and odd characters, checked the same way for feedback and for answers."""
    limit = settings.FEEDBACK_MESSAGE_MAX_LENGTH
    if len(value) > limit:
        raise forms.ValidationError(
            _(
                "Your message is %(length)s characters long. Please shorten it to "
                "%(limit)s characters or fewer."
            )
            % {
                "length": number_format(len(value), force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            }
        )
    if any("\ud800" <= char <= "\udfff" for char in value) or "\ufffd" in value:
        # Bytes that were not valid text arrive as U+FFFD (or, from odd clients, surrogates).
        raise forms.ValidationError(
            _(
                "Part of your message could not be read (it shows as “�”). Please retype those "
                "characters."
            )
        )
    return value


def message_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        # No maxlength attribute: a browser would cut a long paste silently; the server says so.
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your message before sending."),
            "null_characters_not_allowed": NUL_MESSAGE,
        },
    )


class EmptyTextInput(forms.TextInput):
    """A text input that never shows a value back (the honeypot must come back empty)."""

    def format_value(self, value):
        return None


class FirstOptionRadioSelect(forms.RadioSelect):
    """Radios whose "label id" is the first option's, so the error summary's link lands on it."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class FeedbackForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Feedback.Topic.choices,
        widget=FirstOptionRadioSelect,
        error_messages={"required": _("Choose what your feedback is about.")},
    )
    message = message_field(
        _("Your message"),
        _(
            "Up to 5,000 characters. Write as much or as little as you like. Leave out anything "
            "that would identify you, unless you want us to know who you are."
        ),
    )
    wants_reply = forms.BooleanField(
        label=_("I’d like a reply by e-mail"),
        required=False,
        help_text=_(
            "If you tick this, your feedback is no longer anonymous: the feedback readers will "
            "see the name and e-mail address you give below. Leave it unticked to stay "
            "anonymous; you can still read our reply with your receipt code."
        ),
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=100,
        required=False,
        error_messages={"null_characters_not_allowed": NUL_MESSAGE},
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        help_text=_("Only if you ticked “I’d like a reply by e-mail”."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.org.")},
    )
    # The honeypot: hidden from people and from screen readers, filled in by spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=EmptyTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    nonce = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("topic"),
            Field("message"),
            Fieldset(
                _("A reply by e-mail (optional)"),
                Field("wants_reply"),
                Div("contact_name", "contact_email", css_id="contact-details"),
            ),
            Div("website", css_class="visually-hidden", aria_hidden="true"),
            Field("nonce"),
        )

    def clean_message(self):
        return clean_text(self.cleaned_data["message"])

    def clean_nonce(self):
        nonce = self.cleaned_data["nonce"]
        return nonce if is_valid_nonce(nonce) else new_nonce()

    def clean(self):
        data = super().clean()
        if data.get("website"):
            # A person whose browser filled the hidden field gets their form back and sends it
            # again; a robot learns nothing it can use. Nothing is saved either way.
            raise forms.ValidationError(
                _(
                    "We could not send your feedback: a hidden anti-spam field was filled in, "
                    "which can happen when a browser fills in forms by itself. Your message is "
                    "still here. Please press “Send feedback” again."
                )
            )
        has_contact = data.get("contact_name") or data.get("contact_email")
        if data.get("wants_reply") and not data.get("contact_email"):
            if "contact_email" not in self.errors:
                self.add_error(
                    "contact_email",
                    _(
                        "Give an e-mail address for the reply, or untick “I’d like a reply by "
                        "e-mail” to stay anonymous."
                    ),
                )
        elif not data.get("wants_reply") and has_contact:
            self.add_error(
                "wants_reply",
                _(
                    "You gave contact details but did not ask for a reply. Tick this box, or "
                    "clear your name and e-mail address to stay anonymous."
                ),
            )
        return data


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your receipt code"))
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Enter the receipt code you were given when you sent your feedback."),
                "max_length": _("A receipt code has 20 digits, like 1234 5678 9012 3456 7890."),
                "null_characters_not_allowed": _("A receipt code has only digits and spaces."),
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        code = receipts.normalise(super().clean(value))
        if code is None:
            raise forms.ValidationError(
                _(
                    "A receipt code has 20 digits, like 1234 5678 9012 3456 7890. Check the "
                    "code and try again."
                )
            )
        return code


class ReceiptCodeForm(forms.Form):
    code = CodeField(
        help_text=_("20 digits. Spaces do not matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class SenderReplyForm(forms.Form):
    # The code travels in the POST body (never the address bar) to prove, again, whose thread it is.
    code = CodeField(widget=forms.HiddenInput)
    body = message_field(
        _("Your answer"),
        _("Up to 5,000 characters. Your answer is as anonymous as your feedback."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_body(self):
        return clean_text(self.cleaned_data["body"])
