"""The feedback form's limits, on the portal's address-free rate limiter (collective.lib)."""

from django.conf import settings

from collective.lib.ratelimit import DAILY_KEY, count, seen

__all__ = ["DAILY_KEY", "submission_allowed", "code_attempts_left", "wrong_code"]


def submission_allowed(request):
    window = settings.FEEDBACK_RATE_WINDOW_SECONDS
    return count(request, "feedback:submit", window=window) <= settings.FEEDBACK_RATE_LIMIT


def code_attempts_left(request):
    return seen(request, "feedback:wrong-code") < settings.FEEDBACK_CODE_ATTEMPTS_LIMIT


def wrong_code(request):
    count(request, "feedback:wrong-code", window=settings.FEEDBACK_RATE_WINDOW_SECONDS)
