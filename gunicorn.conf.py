"""Gunicorn settings for the web container: `gunicorn -c gunicorn.conf.py collective.wsgi`.

The access log is part of the portal's anonymity promise (PRODUCT.md, principle 1): no line
records a client address, a forwarded-for header or a user agent, and the anonymous feedback
pages (and the files only they load) get no line at all. Settings given on the command line
override these.
"""

import os
import re

from gunicorn.glogging import Logger

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

# A visit to any of these is anonymous: even the time it happened is not written down.
UNLOGGED_PATHS = ("/feedback/", "/static/feedback/")
# Asking or supporting a question before a facilitated session is anonymous too.
UNLOGGED_PATTERN = re.compile(r"^/facilitation/sessions/\d+/questions/")
# A survey link's token works like a password for the survey: it is written as <token>.
# (deploy/nginx/nginx.conf applies the same rules to the proxy's log.)
LINK_TOKEN = re.compile(r"^/surveys/link/[^/]*")


class AnonymousAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        # PATH_INFO is the decoded path Django routes on, so /%66eedback/ is caught too.
        path = environ.get("PATH_INFO", "")
        if (
            path.rstrip("/") == "/feedback"
            or path.startswith(UNLOGGED_PATHS)
            or UNLOGGED_PATTERN.match(path)
        ):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = LINK_TOKEN.sub("/surveys/link/<token>", atoms["U"] or "")
        return atoms


logger_class = AnonymousAccessLogger
