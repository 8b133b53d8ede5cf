import pytest
from django.urls import reverse

from collective.lib.nonces import new_nonce

FORM_URL = reverse("feedback:feedback-create")
OPEN_URL = reverse("feedback:feedback-open")
REPLY_URL = reverse("feedback:message-create")


def form_data(**overrides):
    data = {
        "topic": "barrier",
        "message": "The sessions are at times I cannot make because of my caring duties.",
        "wants_reply": "",
        "contact_name": "",
        "contact_email": "",
        "website": "",
        "nonce": new_nonce(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def shown_code(response):
    """The receipt code on a thank-you page, digits only."""
    return response.context["code"].replace(" ", "")


@pytest.fixture
def submit(client, db):
    """submit(**fields, client=..., **extra): POST the feedback form; returns the response."""

    def post(*, using=None, extra=None, **fields):
        return (using or client).post(FORM_URL, form_data(**fields), **(extra or {}))

    return post
