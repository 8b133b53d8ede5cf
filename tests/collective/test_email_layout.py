"""Every e-mail the portal sends shares one layout (emails/base.html and emails/base.txt)."""

from pathlib import Path

import pytest
from django.conf import settings

from collective.lib import emails

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"


@pytest.mark.parametrize("path", sorted(EMAILS.glob("*-body.html")), ids=lambda p: p.name)
def test_every_html_email_extends_the_base_layout(path):
    assert path.read_text().startswith('{% extends "emails/base.html" %}')


@pytest.mark.parametrize("path", sorted(EMAILS.glob("*-body.txt")), ids=lambda p: p.name)
def test_every_text_email_extends_the_base_layout(path):
    assert path.read_text().startswith('{% extends "emails/base.txt" %}')


def test_an_email_gets_the_shared_header_and_footer_and_plain_text_stays_plain(db, settings):
    settings.CONTACT_EMAIL = "coproduction@ucl.ac.uk"
    survey = type("Survey", (), {})()
    survey.title = 'Tom & Jerry\'s "survey"'
    survey.closes_at = None
    survey.is_anonymous = True
    survey.share_path = "/surveys/x/"
    subject, body, html = emails.render(
        "surveys-invitation", {"user": type("U", (), {"display_name": "Ama"})(), "survey": survey}
    )
    assert body.startswith("Hello Ama,")
    assert 'Tom & Jerry\'s "survey"' in body, "text e-mails must not be HTML-escaped"
    assert body.rstrip().endswith("coproduction@ucl.ac.uk")
    assert body.count("Co-Production Collective") == 1
    assert html.startswith("<!DOCTYPE html>")
    assert "Tom &amp; Jerry" in html
    assert html.count("coproduction@ucl.ac.uk") >= 1
    assert html.count("<body") == 1
