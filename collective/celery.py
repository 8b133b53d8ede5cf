"""The Celery app: `celery -A collective worker -l info` and `celery -A collective beat -l info`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")

app = Celery("collective")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
