import pytest
from django.core.management import CommandError, call_command

from collective.models import OutgoingEmail, User


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


def test_seed_demo_refuses_on_a_live_site(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
