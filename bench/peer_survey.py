"""Our member survey's first page against django-survey-and-report's survey form, in one run.

    DATABASE_URL=postgres://…/throwaway REDIS_URL=redis://127.0.0.1:6379/N \\
        .venv/bin/python bench/peer_survey.py [--seconds 5] [--rounds 3] [--port 8180]

Installs django-survey-and-report (the peer people would pick instead) from PyPI into a
throwaway virtualenv (/tmp/collective-peer-venv, kept between runs), builds a minimal project
for it on PostgreSQL (a database named after ours plus `_peer`), seeds a survey holding the same
questions and choices as our member survey's first page, and serves both with gunicorn -w 2
(ours with gunicorn.conf.py and DEBUG=0, signed in as a member; the peer's form is open to
visitors). wrk measures them in turn, round after round; prints requests per second and our
ratio to the peer (target ≥ 1.5x). Both servers are stopped at the end.
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402

TARGET = 1.5
PEER = "django-survey-and-report==1.5.0"
PEER_VENV = Path(os.environ.get("PEER_VENV", "/tmp/collective-peer-venv"))

PEER_SETTINGS = """
import os
SECRET_KEY = os.environ["PEER_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles", "survey",
]
MIDDLEWARE = [  # what `startproject` gives
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "peer_urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql", "NAME": os.environ["PEER_DB_NAME"],
    "USER": os.environ["PEER_DB_USER"], "PASSWORD": os.environ.get("PEER_DB_PASSWORD", ""),
    "HOST": os.environ["PEER_DB_HOST"], "PORT": os.environ["PEER_DB_PORT"], "CONN_MAX_AGE": 60,
}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
STATIC_URL = "/static/"
USE_TZ = True
CHOICES_SEPARATOR = "|"  # our choices contain commas
CSV_DIRECTORY = os.environ["PEER_CSV_DIRECTORY"]
LOGIN_URL = "/admin/login/"
"""

PEER_URLS = """
from django.urls import include, path
from django.http import HttpResponse
urlpatterns = [
    path("survey/", include("survey.urls")),
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain")),
]
"""

PEER_SEED = """
import json, sys
import django
django.setup()
from survey.models import Category, Question, Survey
page = json.loads(sys.argv[1])
Survey.objects.all().delete()
survey = Survey.objects.create(
    name=page["title"], description="", need_logged_user=False, display_method=Survey.BY_CATEGORY,
)
category = Category.objects.create(name=page["section"], survey=survey, order=0)
for order, q in enumerate(page["questions"]):
    Question.objects.create(
        survey=survey, category=category, text=q["text"], order=order, required=q["required"],
        type=q["type"], choices="|".join(q["choices"]) or None,
    )
print(survey.pk)
"""


def our_first_page():
    """The member survey's first page as plain data, for the peer to show the same."""
    from surveys.member_survey import SLUG
    from surveys.models import Question, Survey
    from surveys.selectors import survey_structure

    survey = Survey.objects.get(slug=SLUG)
    section = survey_structure(survey).sections[0]
    kinds = {
        Question.Kind.SINGLE: "radio",
        Question.Kind.YES_NO: "radio",
        Question.Kind.MULTIPLE: "select-multiple",
        Question.Kind.SHORT_TEXT: "short-text",
        Question.Kind.LONG_TEXT: "text",
        Question.Kind.RATING: "radio",
        Question.Kind.NUMBER: "integer",
    }
    questions = [
        {
            "text": question.text,
            "required": question.required,
            "type": kinds[question.kind],
            "choices": [choice.text for choice in question.choices.all()],
        }
        for question in section.question_list
    ]
    return {"title": survey.title, "section": section.title, "questions": questions}


def ensure_peer_venv():
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run(
        [python, "-m", "pip", "install", "-q", PEER, "gunicorn", "psycopg[binary]"], check=True
    )
    return python


def peer_database():
    """A database next to ours for the peer, created if missing."""
    from django.conf import settings
    from django.db import connection

    ours = settings.DATABASES["default"]
    name = f"{ours['NAME']}_peer"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    return {
        "PEER_DB_NAME": name,
        "PEER_DB_USER": ours["USER"],
        "PEER_DB_PASSWORD": ours["PASSWORD"] or "",
        "PEER_DB_HOST": ours["HOST"],
        "PEER_DB_PORT": str(ours["PORT"] or 5432),
    }


def prepare_peer(python, page):
    project = Path(tempfile.mkdtemp(prefix="collective-peer-"))
    (project / "peer_settings.py").write_text(textwrap.dedent(PEER_SETTINGS))
    (project / "peer_urls.py").write_text(textwrap.dedent(PEER_URLS))
    (project / "csv").mkdir()
    env = {
        **os.environ,
        **peer_database(),
        "DJANGO_SETTINGS_MODULE": "peer_settings",
        "PEER_SECRET_KEY": os.environ["SECRET_KEY"],
        "PEER_CSV_DIRECTORY": str(project / "csv"),
        "PYTHONPATH": str(project),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        env.pop(name, None)
    run = {"cwd": project, "env": env, "check": True}
    subprocess.run([python, "-m", "django", "migrate", "-v0"], **run)
    out = subprocess.run(
        [python, "-c", PEER_SEED, json.dumps(page)], capture_output=True, text=True, **run
    )
    return project, env, int(out.stdout.strip().splitlines()[-1])


def peer_gunicorn(python, project, env, port):
    """The peer under gunicorn -w 2, with the same gunicorn.conf.py as ours."""
    return _harness.gunicorn(
        port, app="django.core.wsgi:get_wsgi_application()", cwd=project, python=python, env=env
    )


def main():
    args = _harness.start(__doc__)
    from pages import bench_member

    from surveys.member_survey import SLUG

    cookie = _harness.session_cookie(bench_member())
    page = our_first_page()
    python = ensure_peer_venv()
    project, env, peer_id = prepare_peer(python, page)
    ours_path, peer_path = f"/surveys/{SLUG}/page/1/", f"/survey/{peer_id}/"
    rates = {"ours": [], "peer": []}
    with (
        _harness.gunicorn(args.port) as ours,
        peer_gunicorn(python, project, env, args.port + 1) as peer,
    ):
        for base, path, signed_in in [(ours, ours_path, True), (peer, peer_path, False)]:
            status, body = _harness.fetch(base + path, cookie if signed_in else None)
            missing = [q["text"] for q in page["questions"] if q["text"] not in body.decode()]
            if status != 200 or missing:
                sys.exit(f"{base}{path} answered {status}; questions missing: {missing}")
        for number in range(1, args.rounds + 1):
            rates["ours"].append(
                _harness.wrk(ours + ours_path, seconds=args.seconds, cookie=cookie)
            )
            rates["peer"].append(_harness.wrk(peer + peer_path, seconds=args.seconds))
            ratio = rates["ours"][-1] / rates["peer"][-1]
            print(
                f"round {number}: ours {rates['ours'][-1]:.0f} req/s, "
                f"django-survey-and-report {rates['peer'][-1]:.0f} req/s, {ratio:.2f}x",
                flush=True,
            )
    ratios = [o / p for o, p in zip(rates["ours"], rates["peer"], strict=True)]
    ratio = _harness.median(ratios)
    print(
        f"\nMember survey page 1 vs django-survey-and-report's form ({len(page['questions'])} "
        f"questions each), median of {args.rounds} rounds: {ratio:.2f}x "
        f"({'ok' if ratio >= TARGET else 'BELOW TARGET'}, target ≥ {TARGET}x)"
    )
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
