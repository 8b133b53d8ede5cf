from io import StringIO

from django.core.management import call_command

from library.models import Loan, Resource


def test_seed_demo_fills_the_library_with_loans_in_every_state_and_can_run_twice(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Resource.objects.count(), Loan.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Resource.objects.count(), Loan.objects.count()) == counts
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert set(Loan.objects.values_list("status", flat=True)) == set(Loan.Status.values)
    assert Resource.objects.count() >= 30


def test_seed_demo_has_resources_in_other_languages(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    languages = set(Resource.objects.published().values_list("language", flat=True))
    assert {"en", "pl", "ar"} <= languages
