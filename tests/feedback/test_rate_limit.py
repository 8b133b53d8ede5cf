from django.core.cache import cache

from feedback import ratelimit
from feedback.models import Feedback
from tests.feedback.cache_contents import entries, seconds_to_live

ADDRESS = {"REMOTE_ADDR": "203.0.113.5"}
OTHER = {"REMOTE_ADDR": "203.0.113.6"}


def send_twenty(submit, extra):
    for n in range(20):
        response = submit(message=f"Feedback number {n}", extra=extra)
        assert "Thank you for your feedback" in response.content.decode()


def test_the_21st_submission_in_an_hour_is_refused_and_keeps_what_was_typed(submit):
    send_twenty(submit, ADDRESS)
    response = submit(message="Number twenty-one, please keep me", extra=ADDRESS)
    assert response.status_code == 429
    page = response.content.decode()
    assert "we cannot take more just now" in page
    assert "Number twenty-one, please keep me" in page
    assert "There is a problem" in page
    assert Feedback.objects.count() == 20


def test_another_address_is_not_affected(submit):
    send_twenty(submit, ADDRESS)
    assert submit(extra=ADDRESS).status_code == 429
    response = submit(extra=OTHER)
    assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.count() == 21


def test_no_address_is_stored_anywhere_to_do_this(submit):
    send_twenty(submit, ADDRESS)
    submit(extra=ADDRESS)
    contents = " ".join(f"{key} {value}" for key, value in entries())
    assert "203.0.113.5" not in contents
    assert "feedback:submit:" in contents  # the counter is there, under a keyed hash
    assert not Feedback.objects.filter(message__contains="203.0.113").exists()


def test_the_hash_key_is_random_and_lives_in_the_cache_for_a_day_at_most(submit):
    submit(extra=ADDRESS)
    key = cache.get(ratelimit.DAILY_KEY)
    assert key and len(key) == 64
    assert 0 < seconds_to_live(ratelimit.DAILY_KEY) <= 24 * 60 * 60
    counters = [k for k, _ in entries() if "feedback:submit:" in k]
    assert len(counters) == 1
    assert 0 < seconds_to_live(counters[0].split(":", 2)[-1]) <= 60 * 60


def test_a_new_daily_key_cannot_be_matched_with_yesterdays_counts(submit):
    send_twenty(submit, ADDRESS)
    cache.delete(ratelimit.DAILY_KEY)  # what expiry does after a day
    response = submit(extra=ADDRESS)
    assert "Thank you for your feedback" in response.content.decode()


def test_resending_the_same_form_is_not_counted_again(client, db):
    from tests.feedback.conftest import FORM_URL, form_data

    data = form_data()
    for _ in range(25):  # a browser refreshing the thank-you page
        response = client.post(FORM_URL, data, **ADDRESS)
        assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.count() == 1
