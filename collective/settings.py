"""Settings for Collective, read from the environment.

Every variable has a development default, so a fresh checkout runs with no configuration:
SQLite, Celery tasks run eagerly, e-mail printed to the console. Production sets DEBUG=0 and
must then provide a real SECRET_KEY and ALLOWED_HOSTS (see the README's table of variables).
"""

import tempfile
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET_KEY = "django-insecure-development-only-never-use-in-production-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY)
# Old keys still accepted after a rotation (signed cookies, survey answers waiting for release).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

if not DEBUG:
    # Refuse to start rather than run in production with a guessable key or open hosts.
    if (
        SECRET_KEY == _DEV_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
        or (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5)
    ):
        raise ImproperlyConfigured(
            "DEBUG is off: set SECRET_KEY to a random value of at least 50 characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG is off: set ALLOWED_HOSTS (comma-separated host names).")

INSTALLED_APPS = [
    "collective",
    # Survey content in several languages (surveys/translation.py); before the admin, as it asks.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "surveys",
    "library",
    "facilitation",
    "feedback",
]

# ---- Survey content in several languages (django-modeltranslation, surveys/translation.py).
# A translated field gets a column per language (title_en_gb, title_ar, title_pl); `title` reads
# the active language's, falling back to the original (the default language's) text when that
# part has no translation yet.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-gb"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-gb",)
# ---- end of survey content languages

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed here (static files are precompressed by whitenoise, which GZip leaves
    # alone). Since Django 4.2 it pads each response against BREACH-style length attacks.
    "django.middleware.gzip.GZipMiddleware",
    # A page's data versions (collective.lib.versions) read once, together, with the session.
    "collective.lib.versions.ReadTogetherMiddleware",
    "csp.middleware.CSPMiddleware",
    # The language: the language cookie (the picker), else the browser's Accept-Language. Before
    # the guard and the error pages, so that a refused request is answered in its own language
    # (not in whichever the worker's thread used last); it needs no session.
    "django.middleware.locale.LocaleMiddleware",
    "collective.lib.guard.InputGuardMiddleware",
    "collective.lib.errors.FriendlyErrorPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the log-in is known: a member's own language (User.language) wins over the browser's.
    "collective.language.MemberLanguageMiddleware",
    # After the log-in is known: staff open the admin only once signed in with a second factor.
    "collective.middleware.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "collective.urls"
WSGI_APPLICATION = "collective.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collective.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite for development, PostgreSQL in production and CI (DATABASE_URL).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if not DEBUG else 0)
# A kept connection is checked before each request reuses it, so after a database restart the
# first request of every worker reconnects instead of failing on a dead connection. The check
# costs no round trip while the connection is quiet (collective/lib/postgres/base.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction mode, server-side cursors (QuerySet.iterator(), the streamed
# CSV exports) cannot outlive a transaction: turn them off (docs/deploy.md, "PgBouncer").
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    # Django's backend, waiting up to DATABASE_CONNECT_WAIT seconds for a restarting server.
    DATABASES["default"]["ENGINE"] = "collective.lib.postgres"
DATABASE_CONNECT_WAIT = env.float("DATABASE_CONNECT_WAIT", default=5.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache (allauth's rate limits, the feedback rate limit) and Celery's broker.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open when Redis is down, so sign-up and feedback keep working (principle 4).
            "BACKEND": "collective.lib.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "collective",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "collective.User"
# Django's and allauth's, with a signed-in member's row kept in the worker's memory between
# requests while it is unchanged (collective/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "collective.auth_backends.ModelBackend",
    "collective.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "account-home"
LOGIN_URL = "account_login"

# django-allauth 65.x: e-mail is the login, verification is mandatory, rate limits stay on.
ACCOUNT_ADAPTER = "collective.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Co-Production Collective] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's forms with messages that say what to do, per field (collective/forms.py).
ACCOUNT_FORMS = {
    "login": "collective.forms.LoginForm",
    "signup": "collective.forms.SignupForm",
    "reset_password": "collective.forms.ResetPasswordForm",
    "change_password": "collective.forms.ChangePasswordForm",
}
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so they are visible and reviewed.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}

# allauth.mfa: an authenticator app (TOTP) with recovery codes as the fallback. Required for
# staff before any admin page opens (collective.middleware); members may turn it on themselves.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Co-Production Collective"
# One 30-second step either side, so a phone whose clock drifts a little still works; a code is
# still accepted only once (allauth remembers used codes in the cache).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
MFA_ADAPTER = "collective.adapters.MFAAdapter"
# Encrypts the authenticator keys in the database; empty means derived from SECRET_KEY. Changing
# it (or SECRET_KEY while this is empty) makes every authenticator app stop working.
MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY", default="")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-gb"
# Each language named in itself (the picker shows these). Arabic is written right to left: Django
# sets LANGUAGE_BIDI, and base.html switches to dir="rtl" and Bootstrap's RTL stylesheet.
# Adding a language: docs/translating.md.
LANGUAGES = [("en-gb", "English"), ("ar", "العربية"), ("pl", "Polski")]
# The portal's own catalogues (locale/<language>/LC_MESSAGES/django.po). en_GB is hand-written:
# it puts allauth's messages in the portal's words (sign in, sign up, sign out; sentence case).
# Compiled .mo files are committed, so running the portal needs no gettext (`make messages`).
LOCALE_PATHS = [BASE_DIR / "locale"]
# The picker's choice is remembered for a year; the cookie names only a language.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/London"
# Dates and times per language: collective/formats/ (templates name a format, never spell one).
FORMAT_MODULE_PATH = ["collective.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: the console in development; EMAIL_URL (smtp://user:pass@host:587/?tls=True) in production.
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
vars().update(env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Co-Production Collective <coproduction@ucl.ac.uk>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = "coproduction@ucl.ac.uk"
EMAIL_TIMEOUT = 10
# Tries per message (the task's retries with backoff, plus the beat sweep); after that it waits
# in the admin's outbox (superusers) with its last error until someone retries it.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=12)

# Celery: eager (no broker, no worker) unless REDIS_URL is set.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Publishing gives up quickly when Redis is down; the outbox sweep re-sends later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker keeps reconnecting for as long as Redis is away (None: no limit), instead of
# exiting after 100 tries; collective/celery.py also works around kombu's crash on the way.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Beat: exactly one process per deployment (two would send every job twice). Its schedule file
# remembers when each job last ran, so it must live on persistent storage (BEAT_SCHEDULE_FILE); a
# fresh file starts every interval job's clock again, and a daily job redeployed daily never runs.
CELERY_BEAT_SCHEDULER = "collective.beat.HeartbeatScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = env.str("BEAT_SCHEDULE_FILE", default="celerybeat-schedule")
CELERY_BEAT_MAX_LOOP_INTERVAL = 30  # seconds: beat ticks (and touches its heartbeat) this often
BEAT_HEARTBEAT_FILE = env.str(
    "BEAT_HEARTBEAT_FILE", default=str(Path(tempfile.gettempdir()) / "collective-beat.heartbeat")
)
BEAT_HEALTH_MAX_AGE = env.int("BEAT_HEALTH_MAX_AGE", default=120)  # seconds; see beat_health
CELERY_BEAT_SCHEDULE = {
    "collective-send-pending-email": {
        "task": "collective.tasks.send_pending_emails",
        "schedule": 120.0,
    },
    "collective-retry-failed-email": {
        "task": "collective.tasks.send_pending_emails",
        "schedule": 60 * 60.0,
        "kwargs": {"failed": True},
    },
    "collective-clear-expired-sessions": {
        "task": "collective.tasks.clear_expired_sessions",
        "schedule": 24 * 60 * 60.0,
    },
}

# ---- surveys ----------------------------------------------------------------------------------
# Anonymous answers wait sealed until a batch of at least the survey's threshold is released into
# the results (or the survey closes): see docs/surveys.md, "How anonymity is kept".
CELERY_BEAT_SCHEDULE["surveys-release-responses"] = {
    "task": "surveys.tasks.release_responses",
    "schedule": 5 * 60.0,
}
# Results are computed in the background when a page finds them stale; this catches the rest.
CELERY_BEAT_SCHEDULE["surveys-results-refresh-stale"] = {
    "task": "surveys.tasks.results_refresh_stale",
    "schedule": 10 * 60.0,
}

# ---- library ----------------------------------------------------------------------------------
from celery.schedules import crontab  # noqa: E402  (kept inside the library block it serves)

LIBRARY_LOAN_DAYS = env.int("LIBRARY_LOAN_DAYS", default=28)
LIBRARY_MAX_ACTIVE_LOANS = env.int("LIBRARY_MAX_ACTIVE_LOANS", default=3)  # loans + requests
LIBRARY_MAX_RENEWALS = env.int("LIBRARY_MAX_RENEWALS", default=2)
LIBRARY_PICKUP_DAYS = env.int("LIBRARY_PICKUP_DAYS", default=7)
LIBRARY_DUE_SOON_DAYS = env.int("LIBRARY_DUE_SOON_DAYS", default=3)
LIBRARY_OVERDUE_REMINDER_DAYS = [
    int(days) for days in env.list("LIBRARY_OVERDUE_REMINDER_DAYS", default=["1", "7", "14"])
]
LIBRARY_ANONYMISE_AFTER_DAYS = env.int("LIBRARY_ANONYMISE_AFTER_DAYS", default=90)
LIBRARY_SUGGESTIONS_PER_HOUR = env.int("LIBRARY_SUGGESTIONS_PER_HOUR", default=10)
LIBRARY_COVER_MAX_BYTES = 2 * 1024 * 1024
LIBRARY_PAGE_SIZE = 20
CELERY_BEAT_SCHEDULE["library-ready-notices"] = {
    "task": "library.tasks.send_ready_notices",
    "schedule": crontab(minute="*/15"),
}
CELERY_BEAT_SCHEDULE["library-due-soon-reminders"] = {
    "task": "library.tasks.send_due_soon_reminders",
    "schedule": crontab(hour=9, minute=0),
}
CELERY_BEAT_SCHEDULE["library-overdue-reminders"] = {
    "task": "library.tasks.send_overdue_reminders",
    "schedule": crontab(hour=9, minute=10),
}
CELERY_BEAT_SCHEDULE["library-expire-offers"] = {
    "task": "library.tasks.expire_uncollected_offers",
    "schedule": crontab(hour=1, minute=0),
}
CELERY_BEAT_SCHEDULE["library-curator-digest"] = {
    "task": "library.tasks.send_curator_digest",
    "schedule": crontab(hour=8, minute=30),
}
CELERY_BEAT_SCHEDULE["library-anonymise-loans"] = {
    "task": "library.tasks.anonymise_old_loans",
    "schedule": crontab(hour=2, minute=0),
}

# ---- facilitation -----------------------------------------------------------------------------
# The day-before reminder: hourly, so a session created late in the day still gets one; each
# place is reminded once however often the job runs (Registration.reminded_on).
CELERY_BEAT_SCHEDULE["facilitation-session-reminders"] = {
    "task": "facilitation.tasks.send_session_reminders",
    "schedule": 60 * 60.0,
}
# Who supported which question is hidden under a random key per session, destroyed when the
# session starts (its questions close): this job destroys it within five minutes of the start.
CELERY_BEAT_SCHEDULE["facilitation-destroy-support-keys"] = {
    "task": "facilitation.tasks.destroy_support_keys",
    "schedule": crontab(minute="*/5"),
}
# Access needs are kept until this many days after the session ends, then blanked (least data).
FACILITATION_ACCESS_NEEDS_DAYS = env.int("FACILITATION_ACCESS_NEEDS_DAYS", default=30)
CELERY_BEAT_SCHEDULE["facilitation-purge-access-needs"] = {
    "task": "facilitation.tasks.purge_access_needs",
    "schedule": 24 * 60 * 60.0,
}

# ---- feedback ---------------------------------------------------------------------------------
# Closed feedback (and its replies) is deleted this many days after it was closed.
FEEDBACK_RETENTION_DAYS = env.int("FEEDBACK_RETENTION_DAYS", default=90)
# At most this many submissions, and this many wrong receipt codes, per client address per window.
# The address is only ever seen through a keyed hash whose key lives in the cache for a day.
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=20)
FEEDBACK_CODE_ATTEMPTS_LIMIT = env.int("FEEDBACK_CODE_ATTEMPTS_LIMIT", default=10)
FEEDBACK_RATE_WINDOW_SECONDS = 60 * 60
FEEDBACK_MESSAGE_MAX_LENGTH = 5000
# Feedback readers get one digest at each of these local times (HH:MM, comma-separated): how
# many items wait, never which, so that no e-mail dates a piece of feedback (docs/privacy.md).
FEEDBACK_DIGEST_TIMES = env.list("FEEDBACK_DIGEST_TIMES", default=["08:00", "16:00"])
for _at in FEEDBACK_DIGEST_TIMES:
    try:
        _hour, _minute = (int(part) for part in _at.split(":"))
        if not (0 <= _hour < 24 and 0 <= _minute < 60):
            raise ValueError(_at)
    except ValueError:
        raise ImproperlyConfigured(
            f"FEEDBACK_DIGEST_TIMES: {_at!r} is not a time of day like 08:00."
        ) from None
    CELERY_BEAT_SCHEDULE[f"feedback-digest-{_hour:02d}{_minute:02d}"] = {
        "task": "feedback.tasks.send_feedback_digest",
        "schedule": crontab(hour=_hour, minute=_minute),
    }
CELERY_BEAT_SCHEDULE["feedback-purge-closed"] = {
    "task": "feedback.tasks.purge_closed_feedback",
    "schedule": 6 * 60 * 60.0,
}

# ---- security ---------------------------------------------------------------------------------
# Behind N reverse proxies the client's address is the Nth from the right in X-Forwarded-For;
# rate limits (allauth's and the feedback form's) key on it. 0: use REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Sessions are read from the cache and written through to the database: a signed-in page costs
# one query less, and a session outlives a Redis restart. The user is kept in an indexed column,
# so that deleting an account ends every session of it at once, both copies (collective/models.py,
# Session). Logging out or sending an anonymous survey deletes both copies too.
SESSION_ENGINE = "collective.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 31536000 if not DEBUG else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env.bool("BEHIND_TLS_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    # __Host- cookies are only sent over HTTPS, for this host, for every path.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_NAME = "__Host-language"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    # No link token, query string, receipt code or client address reaches the log, whatever a
    # library puts in its message (collective/lib/logscrub.py; the worker and gunicorn too).
    "filters": {
        "scrub": {"()": "collective.lib.logscrub.ScrubFilter"},
        "one_line": {"()": "collective.lib.guard.OneLineSecurityFilter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]},
        # Refused input (a NUL byte, too big a body, broken multipart): one WARNING line each,
        # without a traceback; these are visitors' mistakes or probes, not faults.
        "security": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["one_line", "scrub"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers would bypass the scrubbing (and its mail_admins handler would
        # e-mail each error's request, client address and browser included): ours only.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Keep request warnings (4xx) out of the log: only errors are worth a line.
        "django.request": {"level": "ERROR"},
        "django.security": {"handlers": ["security"], "level": "WARNING", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}
