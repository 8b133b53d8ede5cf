import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from collective.forms import DeleteAccountForm, ProfileForm
from collective.lib.apps import portal_apps
from collective.models import Commitment
from collective.services import user_delete, user_export

COMMITMENTS_PER_PAGE = 20
UPDATES_PER_PAGE = 10


def _panels(method_name, request):
    panels = []
    for config in portal_apps():
        panel = getattr(config, method_name)(request)
        if panel is not None:
            panels.append({"template": panel[0], **panel[1]})
    return panels


def home(request):
    return render(request, "collective/home.html", {"panels": _panels("home_panel", request)})


def about(request):
    return render(request, "collective/about.html")


def privacy(request):
    templates = [config.privacy_template for config in portal_apps() if config.privacy_template]
    return render(request, "collective/privacy.html", {"privacy_templates": templates})


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
    return HttpResponse("ok", content_type="text/plain")


@login_required
def account_home(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("account-home")
    ctx = {"form": form, "panels": _panels("account_panel", request)}
    return render(request, "collective/account.html", ctx)


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


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_delete(user=user)
        messages.success(request, "Your account and your personal data have been deleted.")
        return redirect("home")
    templates = [config.deletion_template for config in portal_apps() if config.deletion_template]
    return render(
        request, "collective/account_delete.html", {"form": form, "deletion_templates": templates}
    )
