"""gunicorn.conf.py: where it listens, and that its access log keeps no client details."""

import runpy
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for name in ["PORT", "WEB_CONCURRENCY"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return SimpleNamespace(**runpy.run_path(str(CONFIG)))


def test_it_listens_on_port_8000_on_every_interface_by_default(monkeypatch):
    config = load(monkeypatch)
    assert config.bind == ["0.0.0.0:8000"]
    assert config.workers >= 1


def test_port_and_concurrency_come_from_the_environment(monkeypatch):
    config = load(monkeypatch, PORT="9001", WEB_CONCURRENCY="5")
    assert config.bind == ["0.0.0.0:9001"]
    assert config.workers == 5


def test_both_logs_go_to_the_container_output(monkeypatch):
    config = load(monkeypatch)
    assert config.accesslog == "-" and config.errorlog == "-"


def test_the_access_log_format_has_no_address_browser_or_forwarded_header(monkeypatch):
    fmt = load(monkeypatch).access_log_format
    for atom in ["%(h)s", "%(a)s", "%(f)s", "%(q)s", "%(r)s", "forwarded", "user-agent"]:
        assert atom not in fmt.lower()


def _logged_paths(monkeypatch, paths):
    config = load(monkeypatch)
    logger = object.__new__(config.AnonymousAccessLogger)
    logged = []
    # Stand in for the parent's access(): record which requests would get a line.
    parent = config.AnonymousAccessLogger.__mro__[1]
    monkeypatch.setattr(
        parent, "access", lambda self, resp, req, environ, t: logged.append(environ["PATH_INFO"])
    )
    for path in paths:
        logger.access(None, None, {"PATH_INFO": path}, None)
    return logged


def test_feedback_pages_and_their_files_get_no_access_log_line(monkeypatch):
    paths = ["/feedback/", "/feedback", "/feedback/receipt/", "/static/feedback/feedback.js"]
    assert _logged_paths(monkeypatch, paths + ["/about/", "/feedbackish/"]) == [
        "/about/",
        "/feedbackish/",
    ]


def test_anonymous_questions_before_a_session_get_no_access_log_line(monkeypatch):
    paths = [
        "/facilitation/sessions/4/questions/",
        "/facilitation/sessions/4/questions/0b6f1c9e-3a51-4c1e-9d0e-2f4b1d7a9c11/support/",
    ]
    assert _logged_paths(monkeypatch, paths + ["/facilitation/sessions/4/"]) == [
        "/facilitation/sessions/4/"
    ]
