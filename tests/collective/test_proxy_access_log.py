"""The reverse proxy's access log keeps the promise gunicorn.conf.py keeps (PRODUCT.md, 1).

deploy/nginx/nginx.conf is read as nginx reads it: its `map` blocks are applied to the paths the
portal really routes (reverse()), and each decision is compared with gunicorn's logger. deploy/
smoke.sh runs the same config in nginx and searches the log it writes.
"""

import re
import runpy
import uuid
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

NGINX_CONF = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "nginx.conf").read_text()
GUNICORN = SimpleNamespace(**runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py")))
QUESTION = uuid.UUID("0b6f1c9e-3a51-4c1e-9d0e-2f4b1d7a9c11")

ANONYMOUS = [
    reverse("feedback:feedback-create"),
    reverse("feedback:feedback-open"),
    reverse("feedback:message-create"),
    "/feedback",
    "/static/feedback/feedback.js",
    reverse("facilitation:session-questions", kwargs={"pk": 4}),
    reverse("facilitation:question-support", kwargs={"pk": 4, "question_id": QUESTION}),
    reverse("facilitation:session-questions-print", kwargs={"pk": 4}),
]
LOGGED = [
    reverse("home"),
    reverse("about"),
    "/feedbackish/",
    reverse("facilitation:session-detail", kwargs={"pk": 4}),
    reverse("library:resource-list"),
    reverse("surveys:survey-list"),
    "/readyz",
]


def nginx_map(name):
    """The entries of `map $uri $<name> { ... }`: (default, [(regex, value), ...])."""
    body = re.search(r"map \$uri \$" + name + r" \{(.*?)\n    \}", NGINX_CONF, re.S).group(1)
    default, rules = None, []
    for line in body.strip().splitlines():
        line = line.split("#")[0].strip().rstrip(";")
        if not line:
            continue
        key, value = line.split(None, 1)
        if key == "default":
            default = value
        else:
            assert key.startswith("~"), "only regex entries (tested in order) are expected"
            rules.append((re.compile(key[1:]), value))
    return default, rules


def nginx_value(name, uri):
    default, rules = nginx_map(name)
    for pattern, value in rules:
        if pattern.search(uri):
            return value
    return uri if default == "$uri" else default


def gunicorn_logs(path):
    logged = []
    logger = object.__new__(GUNICORN.AnonymousAccessLogger)
    parent = GUNICORN.AnonymousAccessLogger.__mro__[1]
    original = parent.access
    parent.access = lambda self, *args: logged.append(True)
    try:
        logger.access(None, None, {"PATH_INFO": path}, None)
    finally:
        parent.access = original
    return bool(logged)


@pytest.mark.parametrize("path", ANONYMOUS)
def test_anonymous_pages_get_no_proxy_log_line(path):
    assert nginx_value("collective_loggable", path) == "0"
    assert not gunicorn_logs(path)


@pytest.mark.parametrize("path", LOGGED)
def test_other_pages_are_logged_as_gunicorn_logs_them(path):
    assert nginx_value("collective_loggable", path) == "1"
    assert gunicorn_logs(path)


def test_the_proxy_log_line_has_no_address_query_string_or_browser_details():
    formats = re.findall(r"log_format (\w+) (.*?);", NGINX_CONF, re.S)
    assert [name for name, _ in formats] == ["collective"]
    used = set(re.findall(r"\$\{?(\w+)", formats[0][1]))
    assert used == {
        "time_local",
        "request_method",
        "collective_log_path",
        "status",
        "body_bytes_sent",
        "request_time",
    }


def test_every_access_log_uses_that_format_and_skips_anonymous_pages():
    access_logs = re.findall(r"access_log ([^;]*);", NGINX_CONF)
    assert sorted(access_logs) == sorted(["/dev/stdout collective if=$collective_loggable", "off"])
    # nginx's error lines repeat the client address and the request line: only crit and above.
    assert re.findall(r"^error_log (.*);", NGINX_CONF, re.M) == ["stderr crit"]


def test_a_survey_link_token_is_never_written():
    link = reverse("surveys:survey-link", kwargs={"token": "Secret-Token_123"})
    assert nginx_value("collective_log_path", link) == "/surveys/link/<token>/"
    assert nginx_value("collective_log_path", "/about/") == "/about/"

    logger = object.__new__(GUNICORN.AnonymousAccessLogger)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": link,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": link,
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(seconds=1))
    assert atoms["U"] == "/surveys/link/<token>/"


def test_the_proxy_sets_the_forwarded_headers_itself():
    headers = dict(re.findall(r"proxy_set_header ([\w-]+) (.*?);", NGINX_CONF))
    # Overwritten, not appended to what the client sent ($proxy_add_x_forwarded_for would).
    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["X-Forwarded-Proto"] == "https"
    for passed_through in ["X-Forwarded-Host", "X-Forwarded-Port", "X-Real-IP", "Forwarded"]:
        assert headers[passed_through] == '""'  # an empty value drops the client's header
