"""The privacy notice says, in plain words, what the threat model says, and links to it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

THREAT_MODEL = Path(settings.BASE_DIR) / "docs" / "privacy.md"


def words(response):
    return " ".join(response.content.decode().split())


def test_the_notice_explains_anonymity_and_links_to_the_threat_model(client, db):
    page = words(client.get(reverse("privacy")))
    assert 'id="anonymity"' in page
    for promise in [
        "never record your IP address, your browser, what you searched for",
        "get a summary at the same times each day",
        "added to the results in batches, in random order",
        "the key that could tell your supports apart is destroyed",
        "Deleting your account signs you out everywhere",
    ]:
        assert promise in page
    assert f'href="{reverse("privacy-threat-model")}"' in page


def test_a_visitor_reads_the_threat_model_on_the_portal(client, db):
    response = client.get(reverse("privacy-threat-model"))
    assert response.status_code == 200
    page = words(response)
    assert "<h1>Privacy: the threat model</h1>" in page
    # The doc itself, not a copy that could drift: each of its headings is on the page.
    for line in THREAT_MODEL.read_text().splitlines():
        if line.startswith("## "):
            assert f"<h2>{line[3:]}</h2>" in page, line
    assert page.count('<div class="table-scroll" role="region" tabindex="0"') == 3


@pytest.mark.parametrize(
    "holder",
    [
        "A database backup",
        "A read-only SQL user",
        "Server logs",
        "Proxy logs",
        "The mail system and mailboxes",
        "Library curators",
        "Survey managers",
        "Facilitation coordinators",
        "Feedback readers",
        "A superuser",
        "A member",
        "A visitor",
    ],
)
def test_the_threat_model_names_every_holder(holder):
    assert f"**{holder}**" in THREAT_MODEL.read_text()


def test_every_test_the_threat_model_names_exists_or_is_being_written():
    text = THREAT_MODEL.read_text()
    named = {part.split("`")[0] for part in text.split("`tests/")[1:]}
    # Written alongside by the other privacy work (the dump and analyst attacks).
    pending = {"privacy/test_dump_attack.py", "privacy/test_analyst_attack.py"}
    root = Path(settings.BASE_DIR) / "tests"
    missing = {name for name in named if not (root / name).exists()} - pending
    assert missing == set()
