import json
import logging
import re
from functools import lru_cache

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt

from collective.forms import DeleteAccountForm, ProfileForm
from collective.lib import versions
from collective.lib.apps import portal_apps
from collective.models import Commitment
from collective.services import user_delete, user_export

logger = logging.getLogger(__name__)

COMMITMENTS_PER_PAGE = 20
UPDATES_PER_PAGE = 10


def _panels(method_name, request):
    panels = []
    for config in portal_apps():
        panel = getattr(config, method_name)(request)
        if panel is not None:
            panels.append({"template": panel[0], **panel[1]})
    return panels


def _home_panel_html(config, request):
    panel = config.home_panel(request)
    if panel is None:
        return ""
    context = {"panel": panel[1], "user": request.user, "request": request}
    return render_to_string(panel[0], context)


def home(request):
    """Each app's "happening now" panel. Those of apps that declare their models are cached
    together under the version of that data (they show the same to every visitor, and to
    every member); the others are built on each request."""
    configs = portal_apps()
    versioned = [config for config in configs if config.versioned_models]
    cached = versions.cached(
        ("home-panels", request.user.is_authenticated),
        [label for config in versioned for label in config.versioned_models],
        lambda: {config.label: _home_panel_html(config, request) for config in versioned},
    )
    panels = []
    for config in configs:
        html = cached[config.label] if config in versioned else _home_panel_html(config, request)
        if html.strip():
            panels.append(mark_safe(html))
    return render(request, "collective/home.html", {"panels": panels})


def about(request):
    return render(request, "collective/about.html")


def privacy(request):
    templates = [config.privacy_template for config in portal_apps() if config.privacy_template]
    return render(request, "collective/privacy.html", {"privacy_templates": templates})


@lru_cache(maxsize=1)
def _threat_model_html():
    """docs/privacy.md as HTML, read once per process: the page and the repo say the same."""
    text = (settings.BASE_DIR / "docs" / "privacy.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    count = iter(range(1, 100))
    # Wide tables scroll inside a focusable region, so the page itself never scrolls sideways.
    html = re.sub(
        "<table>",
        lambda _: (
            f'<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="Table {next(count)}"><table class="table table-sm">'
        ),
        html,
    )
    return mark_safe(html.replace("</table>", "</table></div>"))  # html=False: no raw HTML in


def privacy_threat_model(request):
    return render(request, "collective/privacy_threat_model.html", {"body": _threat_model_html()})


def commitment_list(request):
    page = Paginator(Commitment.objects.with_latest_update(), COMMITMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "collective/commitment_list.html", {"page_obj": page})


def commitment_detail(request, slug):
    commitment = get_object_or_404(Commitment, slug=slug)
    page = Paginator(commitment.updates.all(), UPDATES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"commitment": commitment, "page_obj": page}
    return render(request, "collective/commitment_detail.html", ctx)


def contact(request):
    return render(request, "collective/contact.html")


@require_GET
def healthz(request):
    """Liveness: the process answers. It says nothing about the database or Redis, so a
    supervisor does not restart healthy web containers because a shared service is down."""
    return HttpResponse("ok", content_type="text/plain")


def _database_answers():
    for _attempt in range(2):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return True
        except DatabaseError:
            # A connection kept open (CONN_MAX_AGE) across a database restart is dead: drop it
            # and ask once more on a fresh one, so readiness reports the database, not the socket.
            connection.close()
    return False


def _redis_answers():
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1, retry_on_timeout=False
    )
    try:
        return client.ping()
    except redis.RedisError:
        return False
    finally:
        client.close()


@require_GET
def readyz(request):
    """Readiness: 200 when the database and Redis both answer, 503 otherwise (compose's health
    check and a load balancer use it). The body names each service and its state, never a
    host, a password or an error message."""
    states = {"database": _database_answers()}
    if settings.REDIS_URL:
        states["redis"] = _redis_answers()
    ready = all(states.values())
    if not ready:
        down = ", ".join(name for name, up in states.items() if not up)
        logger.warning("Not ready: %s not answering", down)
    lines = [f"{name} {'ok' if up else 'unavailable'}" for name, up in states.items()]
    if not settings.REDIS_URL:
        lines.append("redis not configured (tasks run in-process)")
    response = HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain", status=200 if ready else 503
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def account_home(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your profile is saved."))
        return redirect("account-home")
    ctx = {"form": form, "panels": _panels("account_panel", request)}
    return render(request, "collective/account.html", ctx)


@never_cache
@login_required
@require_GET
def account_export(request):
    data = {"exported_on": timezone.localdate().isoformat(), **user_export(user=request.user)}
    response = HttpResponse(
        json.dumps(data, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-collective-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_delete(user=user)
        messages.success(request, gettext("Your account and your personal data have been deleted."))
        return redirect("home")
    templates = [config.deletion_template for config in portal_apps() if config.deletion_template]
    return render(
        request, "collective/account_delete.html", {"form": form, "deletion_templates": templates}
    )
