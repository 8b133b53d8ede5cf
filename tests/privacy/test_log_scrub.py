"""The scrubbing every log passes through, and gunicorn's rules for which requests get a line."""

import logging
import runpy
import sys
from pathlib import Path

from django.conf import settings

from collective.lib.logscrub import ScrubFilter, scrub

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def test_secrets_and_client_details_are_replaced():
    line = (
        "Forbidden: /surveys/link/Xy_z-09AbCdEfGh/?next=/a&b=c from 203.0.113.7 "
        "or 2001:db8::7 with code 1234 5678 9012 3456 7890 (or 12345678901234567890)"
    )
    assert scrub(line) == (
        "Forbidden: /surveys/link/<token>/ from [address] or [address] with code [code] (or [code])"
    )


def test_times_of_day_and_ordinary_text_are_kept():
    for text in ['[01/Dec/2026:15:41:57 +0000] "GET /about/" 200', "took 12:30:45", "pid 4242"]:
        assert scrub(text) == text


def test_the_filter_scrubs_arguments_and_tracebacks():
    try:
        raise ValueError("bad path /surveys/link/SECRETTOKEN/")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "Error handling %s", ("/x?q=secret",), True
        )
        record.exc_info = sys.exc_info()
    ScrubFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "Error handling /x" in text and "ValueError" in text
    assert "secret" not in text.lower()


def _gunicorn_lines(monkeypatch, paths):
    config = runpy.run_path(str(CONFIG))
    logger_class = config["AnonymousAccessLogger"]
    logged = []
    parent = logger_class.__mro__[1]
    monkeypatch.setattr(
        parent, "access", lambda self, resp, req, environ, t: logged.append(environ["RAW_URI"])
    )
    for path in paths:
        environ = {"PATH_INFO": path, "RAW_URI": path + "?q=1", "QUERY_STRING": "q=1"}
        object.__new__(logger_class).access(None, None, environ, None)
    return logged


def test_gunicorn_logs_link_surveys_without_their_secret_and_nothing_anonymous(monkeypatch):
    logged = _gunicorn_lines(
        monkeypatch,
        [
            "/surveys/link/Xy_z-09AbCdEfGh/",
            "/feedback/receipt/reply/",
            "/cy/feedback/",
            "/facilitation/sessions/3/questions/",
            "/library/",
        ],
    )
    assert logged == ["/surveys/link/<token>/", "/library/"]
