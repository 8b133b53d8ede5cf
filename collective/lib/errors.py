"""Friendly error pages in the portal's layout for the answers Django leaves bare.

- 400 (bad request) and 413 (too big): Django's default 400 view renders without the request,
  so the page would lose the portal's navigation; and it answers 400 even when the body was only
  too large, where 413 tells the person (and their browser) what went wrong.
- 405 (method not allowed): `require_POST` and friends answer with an empty body.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render

TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None):
    """handler400: 413 when the body was too large or had too many fields, else 400."""
    if isinstance(exception, TOO_BIG):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)


class FriendlyErrorPagesMiddleware:
    """Give an empty 405 answer the portal's page, keeping its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            friendly = render(request, "405.html", status=405)
            for header in ("Allow",):
                if header in response:
                    friendly[header] = response[header]
            return friendly
        return response
