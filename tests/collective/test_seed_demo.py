import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from collective.demo import DEMO_PASSWORD
from collective.models import OutgoingEmail, User
from tests.second_factor import totp_code


def test_seed_demo_is_idempotent_and_prints_how_to_log_in(db, capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == first
    out = capsys.readouterr().out
    assert "staff@example.org" in out and "password" in out
    assert out.rstrip().endswith("members"), "how to log in is the last thing printed"
    assert not OutgoingEmail.objects.exists(), "demo data e-mails nobody"
    assert User.objects.get(email="staff@example.org").groups.count() == 4


def test_demo_staff_can_sign_in_with_what_seed_demo_prints(db, settings, capsys):
    """The quick start stays usable with the second factor: the key and codes are printed."""
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    secret = re.search(r"staff@example.org: key ([A-Z2-7]+)", out).group(1)
    recovery = re.search(r"admin@example.org: key \w+\s+recovery codes: (\d+)", out).group(1)
    client = Client()
    client.post(reverse("account_login"), {"login": "staff@example.org", "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(reverse("admin:index")).status_code == 200
    admin = Client()
    admin.post(reverse("account_login"), {"login": "admin@example.org", "password": DEMO_PASSWORD})
    admin.post(reverse("mfa_authenticate"), {"code": recovery})
    assert admin.get(reverse("admin:index")).status_code == 200


def test_seed_demo_runs_again_after_the_secret_key_changed(db, settings, capsys):
    """The staff's second-factor secrets are encrypted with a key from SECRET_KEY: seeding again
    under another key (a benchmark's throwaway one) replaces them instead of crashing."""
    settings.DEBUG = True
    call_command("seed_demo")
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    capsys.readouterr()
    call_command("seed_demo")
    secret = re.search(r"staff@example.org: key ([A-Z2-7]+)", capsys.readouterr().out).group(1)
    client = Client()
    client.post(reverse("account_login"), {"login": "staff@example.org", "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_seed_demo_refuses_on_a_live_site(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
