import datetime

import pytest
from django.urls import reverse

from collective.lib.groups import STAFF_GROUPS
from collective.models import Commitment, CommitmentUpdate
from tests.factories import UserFactory


def _commitment(slug="listening", **kwargs):
    defaults = {"title": "Listening sessions", "summary": "We will listen.", "status": "started"}
    return Commitment.objects.create(slug=slug, **{**defaults, **kwargs})


def test_the_seed_commitments_are_there_from_the_first_migrate(client, db):
    page = client.get(reverse("commitment-list")).content.decode()
    for title in [
        "Hold safe-space discussions with an external facilitator",
        "Survey members on what stops people taking part",
        "Build a Library of Resources",
        "Remove barriers to people from different communities joining",
    ]:
        assert title in page
    assert "19 April 2021" in page


def test_the_page_is_open_to_everyone(check_access, cast):
    check_access([reverse("commitment-list")], allowed=set(cast))
    commitment = Commitment.objects.first()
    check_access([commitment.get_absolute_url()], allowed=set(cast))


def test_each_commitment_shows_its_status_in_words_and_its_newest_update(client, db):
    commitment = _commitment(status="done")
    commitment.updates.create(published_on=datetime.date(2026, 1, 5), text="Older news.")
    commitment.updates.create(published_on=datetime.date(2026, 3, 9), text="Newest news.")
    page = client.get(reverse("commitment-list")).content.decode()
    assert "Status: Done" in page
    assert "9 March 2026" in page and "Newest news." in page
    assert "Older news." not in page
    assert "Read all 2 updates" in page


def test_a_commitment_page_lists_its_updates_newest_first_a_page_at_a_time(client, db):
    commitment = _commitment()
    for day in range(1, 13):
        commitment.updates.create(published_on=datetime.date(2026, 5, day), text=f"Day {day}.")
    first = client.get(commitment.get_absolute_url()).content.decode()
    assert first.index("12 May 2026") < first.index("11 May 2026")
    assert "Day 3." in first and "Day 2." not in first
    assert "Page 1 of 2" in first
    second = client.get(commitment.get_absolute_url() + "?page=2").content.decode()
    assert "Day 2." in second and "Day 1." in second


def test_an_unknown_commitment_is_a_404(client, db):
    assert client.get(reverse("commitment-detail", args=["no-such"])).status_code == 404


def test_a_page_number_that_is_not_a_number_shows_a_page_rather_than_an_error(client, db):
    assert client.get(reverse("commitment-list") + "?page=abc").status_code == 200
    # A NUL byte is refused before any view runs (collective/lib/guard.py): the friendly 400.
    assert client.get(reverse("commitment-list") + "?page=abc%00").status_code == 400


def test_update_text_is_escaped(client, db):
    commitment = _commitment()
    commitment.updates.create(text="<script>alert(1)</script>")
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_home_and_about_link_to_the_commitments(client, db):
    url = reverse("commitment-list")
    assert f'href="{url}"' in client.get(reverse("home")).content.decode()
    assert f'href="{url}"' in client.get(reverse("about")).content.decode()


@pytest.mark.parametrize("group", STAFF_GROUPS)
def test_every_staff_group_can_write_updates_but_not_delete_commitments(db, group):
    user = UserFactory(groups=[group])
    assert user.has_perm("collective.add_commitmentupdate")
    assert user.has_perm("collective.change_commitment")
    assert not user.has_perm("collective.delete_commitment")
    assert not user.has_perm("collective.add_commitment")


def test_members_cannot_write_updates(member):
    assert not member.has_perm("collective.add_commitmentupdate")


@pytest.mark.parametrize("size", [10, 300])
def test_the_pages_run_the_same_queries_at_any_size(
    client, db, django_assert_max_num_queries, size
):
    commitments = [_commitment(slug=f"c{i}", position=i) for i in range(size // 10)]
    CommitmentUpdate.objects.bulk_create(
        CommitmentUpdate(commitment=commitments[i % len(commitments)], text=f"News {i}")
        for i in range(size)
    )
    with django_assert_max_num_queries(4):
        assert client.get(reverse("commitment-list")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(commitments[0].get_absolute_url()).status_code == 200
