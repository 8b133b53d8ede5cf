"""Every admin changelist and change page costs the same at 10 and at 1,000 rows of
everything, as a superuser: no more queries, and no more rows rendered (changelists show a page,
inlines that grow without bound are capped)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.performance.conftest import assert_flat

pytestmark = pytest.mark.django_db


def _hub(data, model):
    """The object whose change page has the most to show: a hub with children, else any row."""
    for name in ["resource", "facilitator", "session", "survey", "section", "question", "feedback"]:
        obj = getattr(data, name)
        if isinstance(obj, model):
            return obj
    if model is data.member.__class__:
        return data.member
    return model._default_manager.order_by("pk").first()


def admin_urls(data):
    def urls():
        found = []
        for model in admin.site._registry:
            info = (model._meta.app_label, model._meta.model_name)
            found.append(reverse("admin:{}_{}_changelist".format(*info)))
            obj = _hub(data, model)
            if obj is not None:
                found.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        return found

    return urls


def test_every_admin_page_costs_the_same_at_any_size(
    client, superuser, portal_data, django_assert_max_num_queries
):
    client.force_login(superuser)
    assert_flat(client, admin_urls(portal_data), portal_data, django_assert_max_num_queries)
