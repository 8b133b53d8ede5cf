"""Gunicorn settings for the web container: `gunicorn -c gunicorn.conf.py collective.wsgi`.

The access log is part of the portal's anonymity promise (PRODUCT.md, principle 1): no line
records a client address, a forwarded-for header, a user agent, a query string or the secret of
a survey link, and the anonymous pages (feedback, questions and supports before a session, and
the files only they load) get no line at all. docs/privacy.md gives the same rules for a reverse
proxy. Settings given on the command line override these.
"""

import importlib.util
import os
import re
from pathlib import Path

from gunicorn.glogging import Logger


def _load_logscrub():
    """The scrubbing shared with the app and the worker (collective/lib/logscrub.py), loaded by
    its path: this file is read before Django is set up, and importing it as
    `collective.lib.logscrub` would import the `collective` package, Celery and all, into the
    master (and break a server of another project that shares this file: bench/peer_survey.py)."""
    path = Path(__file__).resolve().parent / "collective" / "lib" / "logscrub.py"
    spec = importlib.util.spec_from_file_location("collective_logscrub", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_logscrub = _load_logscrub()
scrub, scrub_handlers = _logscrub.scrub, _logscrub.scrub_handlers

bind = [f"0.0.0.0:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Heartbeat files in memory rather than on the container's (possibly slow) overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Both logs go to the container's output: the access log to stdout, errors to stderr.
accesslog = "-"
errorlog = "-"
loglevel = "info"  # "debug" would log client addresses of malformed requests
# Time, method, path without the query string, status, size, duration. Deliberately absent:
# %(h)s (address), %(a)s (user agent), %(f)s (referrer), %({x-forwarded-for}i)s, %(q)s.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# A visit to any of these is anonymous: even the time it happened is not written down. An
# optional language prefix (/cy/feedback/) is allowed for, should the portal grow one.
UNLOGGED_PATTERN = re.compile(
    r"^(?:/[a-z]{2}(?:-[a-z0-9]+)?)?(?:"
    r"/feedback(?:/|$)"  # the form, the receipt and the thread
    r"|/static/feedback/"  # files only the feedback pages load
    r"|/facilitation/sessions/\d+/questions/"  # asking and supporting, before a session
    r")"
)


def _redacted(environ):
    """The request as the log may see it: the secret of a survey link replaced, no query."""
    environ = dict(environ)
    path = scrub(environ.get("PATH_INFO", ""))
    environ["PATH_INFO"] = path
    environ["RAW_URI"] = path
    environ["QUERY_STRING"] = ""
    return environ


class AnonymousAccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # Gunicorn's own messages ("Error handling request /path?query") are scrubbed too.
        scrub_handlers(self.error_log)
        scrub_handlers(self.access_log)

    def access(self, resp, req, environ, request_time):
        # PATH_INFO is the decoded path Django routes on, so /%66eedback/ is caught too.
        if UNLOGGED_PATTERN.match(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, _redacted(environ), request_time)

    def atoms(self, resp, req, environ, request_time):
        # Whatever environ the caller passes: the path as the log may see it.
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = scrub(atoms["U"] or "")
        return atoms


logger_class = AnonymousAccessLogger
