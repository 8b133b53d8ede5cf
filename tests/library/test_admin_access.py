"""Reader privacy: only Library curators and superusers see who has what."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

CURATORS = {"library_curator", "superuser"}


@pytest.fixture
def admin_urls(on_loan):
    return [
        reverse("admin:library_loan_changelist"),
        reverse("admin:library_loan_change", args=[on_loan.pk]),
        reverse("admin:library_loan_add"),
        reverse("admin:library_resource_changelist"),
        reverse("admin:library_suggestion_changelist"),
        reverse("admin:library_copy_changelist"),
        reverse("admin:library_resource_export"),
        reverse("admin:library_resource_import"),
    ]


def test_only_curators_reach_the_library_admin(cast, admin_urls):
    for role, user in cast.items():
        client = client_for(user)
        for url in admin_urls:
            status = client.get(url).status_code
            if role in CURATORS:
                assert status == 200, (role, url, status)
            elif user is not None and user.is_staff:
                assert status == 403, (role, url, status)
            else:
                # Visitors and members are sent to the admin login page.
                assert status == 302, (role, url, status)


def test_other_staff_do_not_even_see_the_library_in_the_admin(cast, on_loan):
    for role in ["survey_manager", "facilitation_coordinator", "feedback_reader"]:
        page = client_for(cast[role]).get(reverse("admin:index")).content.decode()
        assert "/admin/library/" not in page, role
    page = client_for(cast["library_curator"]).get(reverse("admin:index")).content.decode()
    assert "/admin/library/loan/" in page


def test_curators_cannot_delete_loan_history(library_curator, on_loan):
    client = client_for(library_curator)
    url = reverse("admin:library_loan_delete", args=[on_loan.pk])
    assert client.get(url).status_code == 403
