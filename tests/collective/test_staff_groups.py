from django.contrib.auth.models import Group

from collective.lib.groups import STAFF_GROUPS


def test_the_four_staff_groups_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(STAFF_GROUPS)


def test_staff_of_one_group_cannot_manage_users(library_curator):
    assert not library_curator.has_perm("collective.view_user")
    assert not library_curator.has_perm("auth.change_group")


def test_admin_is_titled_for_the_collective(admin_client):
    assert "Co-Production Collective" in admin_client.get("/admin/").content.decode()


def test_staff_reach_the_admin_and_members_do_not(check_access, cast):
    staff = {"library_curator", "survey_manager", "facilitation_coordinator", "feedback_reader"}
    statuses = {}
    for role in cast:
        from tests.conftest import client_for

        statuses[role] = client_for(cast[role]).get("/admin/").status_code
    assert all(statuses[role] == 200 for role in staff | {"superuser"})
    assert statuses["member"] == 302 and statuses["visitor"] == 302
