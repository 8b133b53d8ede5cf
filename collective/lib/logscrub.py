"""Keep secrets and client details out of every log: the app's, the worker's and gunicorn's.

The first defence is not to log them at all (gunicorn's access format has no address, user agent
or query string; the app logs no request details). This is the second: whatever a library
writes — Django's "Forbidden (CSRF cookie not set.): /surveys/link/<token>/", gunicorn's
"Error handling request /path?query", a traceback — passes through `scrub` before it reaches
a handler. docs/privacy.md lists what each log may hold.
"""

import logging
import re

# /surveys/link/<token>/: the token is the survey's secret link.
SURVEY_LINK = re.compile(r"(/surveys/link/)[^/\s\"'?#]+")
# A query string after a path: search terms, `next=` addresses, anything a form sends by GET.
QUERY = re.compile(r"(/[^\s\"'?]*)\?[^\s\"']*")
# A feedback receipt code: 20 digits, also typed in groups of four with spaces or dashes.
RECEIPT = re.compile(r"(?<!\d)\d{4}(?:[ -]?\d{4}){4}(?!\d)")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# Written out in full (eight groups), or shortened with "::". Times of day ("2026:15:41:57" in
# gunicorn's access log) have neither.
_HEX = r"[0-9a-fA-F]{1,4}"
IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:{_HEX}:){{7}}{_HEX}"
    rf"|(?:{_HEX}(?::{_HEX}){{0,6}})?::(?:{_HEX}(?::{_HEX}){{0,6}})?)(?![\w:])"
)


def scrub(text):
    text = SURVEY_LINK.sub(r"\1<token>", text)
    text = QUERY.sub(r"\1", text)
    text = RECEIPT.sub("[code]", text)
    text = IPV6.sub("[address]", text)
    return IPV4.sub("[address]", text)


class ScrubFilter(logging.Filter):
    """Rewrites each record's message (and traceback) through `scrub`. Attach it to handlers,
    so that records from every logger pass through it."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: log it as it is rather than lose the line
            message = str(record.msg)
        record.msg, record.args = scrub(message), ()
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def scrub_handlers(logger):
    """Add a ScrubFilter to each handler of `logger` (once)."""
    for handler in logger.handlers:
        if not any(isinstance(f, ScrubFilter) for f in handler.filters):
            handler.addFilter(ScrubFilter())
