"""What the library's admin pages share: running a service on the rows a curator ticked, and
asking why before a decline (library.admin, library.admin_desk).
"""

from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from collective.lib import audit
from library import services
from library.forms import DeclineForm


def apply_to_each(modeladmin, request, queryset, service, done, **kwargs):
    """Run a service on each selected object; report successes and each refusal.

    `done` is logged as it is (the admin log is in the portal's language) and shown translated.
    """
    succeeded = 0
    for obj in queryset:
        try:
            service(**{queryset.model._meta.model_name: obj}, **kwargs)
        except services.LibraryError as error:
            modeladmin.message_user(
                request,
                gettext("%(object)s: %(error)s") % {"object": obj, "error": error},
                messages.ERROR,
            )
        else:
            audit.record(request, obj, done)
            succeeded += 1
    if succeeded:
        modeladmin.message_user(
            request,
            gettext("%(done)s: %(count)s.") % {"done": gettext(done), "count": succeeded},
            messages.SUCCESS,
        )


def ask_reason(modeladmin, request, items, apply, title, *, action=None):
    """An intermediate page asking why (for declines): `apply(reason)` runs once it is given.

    `items` are (pk, what it is in words); `action` is the changelist action posting here, or
    None for a page of its own.
    """
    form = DeclineForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        apply(form.cleaned_data["reason"])
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "items": items,
        "action": action,
        "opts": modeladmin.model._meta,
        "changelist_url": changelist_url(modeladmin, request),
    }
    return TemplateResponse(request, "library/admin/decline.html", context)


def changelist_url(modeladmin, request):
    """The list the curator came from, with its filters."""
    opts = modeladmin.model._meta
    return add_preserved_filters(
        {"preserved_filters": modeladmin.get_preserved_filters(request), "opts": opts},
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
    )
