"""Sign-up and password reset take the same time whether or not the address has an account.

The pages are identical either way (allauth's enumeration prevention); the time must be too.
Each test alternates the two cases several times in one run and compares the medians against
the spread of the same run, so a loaded machine widens both alike.
"""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache

from tests.factories import UserFactory

PASSWORD = "a-long-and-unusual-passphrase-42"
RUNS = 9
SIGNUP = "/accounts/signup/"
RESET = "/accounts/password/reset/"


class MeasurablePBKDF2Hasher(PBKDF2PasswordHasher):
    """Django's hasher with fewer rounds: ~0.15 s a hash here, so seven runs of each path
    stay quick while hashing still dominates the request, as it does in production."""

    iterations = 300_000


@pytest.fixture
def hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.collective.test_timing.MeasurablePBKDF2Hasher"]


def timed(client, url, data):
    cache.clear()  # the rate limits would refuse the later runs
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def assert_same_time(known, unknown):
    """The medians differ by less than the run's own noise (with a floor for a quiet machine)."""
    median_known, median_unknown = statistics.median(known), statistics.median(unknown)
    spread = max(
        statistics.quantiles(known, n=4)[2] - statistics.quantiles(known, n=4)[0],
        statistics.quantiles(unknown, n=4)[2] - statistics.quantiles(unknown, n=4)[0],
    )
    noise = max(spread, 0.2 * min(median_known, median_unknown), 0.015)
    difference = abs(median_known - median_unknown)
    report = (
        f"known {median_known * 1000:.0f} ms, unknown {median_unknown * 1000:.0f} ms, "
        f"noise {noise * 1000:.0f} ms"
    )
    print(report, [round(k * 1000) for k in known], [round(u * 1000) for u in unknown])
    assert difference < noise, report


@pytest.mark.django_db
def test_sign_up_takes_the_same_time_for_a_known_address(client, hasher):
    UserFactory(email="known@example.org")
    data = {"password1": PASSWORD, "password2": PASSWORD}
    known, unknown = [], []
    for run in range(RUNS):
        known.append(timed(client, SIGNUP, {**data, "email": "known@example.org"}))
        unknown.append(timed(client, SIGNUP, {**data, "email": f"n{run}@example.org"}))
    assert_same_time(known, unknown)


@pytest.mark.django_db
def test_password_reset_takes_the_same_time_for_a_known_address(client, hasher):
    UserFactory(email="known@example.org")
    known, unknown = [], []
    for run in range(RUNS):
        known.append(timed(client, RESET, {"email": "known@example.org"}))
        unknown.append(timed(client, RESET, {"email": f"n{run}@example.org"}))
    assert_same_time(known, unknown)
