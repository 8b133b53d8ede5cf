"""Settings for the processes the fault tests start: production settings, a quick hasher.

Sign-up hashes a password (about a second with Django's hasher on a busy machine); the fault
tests sign up dozens of people under load, so they use a fast hasher instead. Nothing else
differs from production.
"""

import os

from collective.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collectstatic step for a throwaway stack: static files are served without the manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail to files the test reads (EMAIL_URL's filemail:// takes no absolute path).
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["FAULTS_MAIL_DIR"]
