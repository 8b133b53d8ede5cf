import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library.models import Loan, Resource, Theme
from tests.library.factories import ResourceFactory, ThemeFactory

CHANGELIST = reverse("admin:library_resource_changelist")
EXPORT = reverse("admin:library_resource_export")
IMPORT = reverse("admin:library_resource_import")


def test_bulk_publish_and_unpublish(client, library_curator):
    drafts = ResourceFactory.create_batch(3, published=False)
    client.force_login(library_curator)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [r.pk for r in drafts]})
    assert Resource.objects.published().count() == 3
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert Resource.objects.published().count() == 2


def _rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_export_streams_the_catalogue_as_csv(client, library_curator):
    theme = ThemeFactory(name="Allyship")
    ResourceFactory(title="=HYPERLINK(evil)", themes=[theme], published=False)
    client.force_login(library_curator)
    response = client.get(EXPORT)
    assert response.streaming
    rows = _rows(response)
    assert rows[0]["title"] == "'=HYPERLINK(evil)"  # never run as a spreadsheet formula
    assert (rows[0]["themes"], rows[0]["published"]) == ("Allyship", "no")


def _upload(client, text):
    file = SimpleUploadedFile("r.csv", text.encode(), content_type="text/csv")
    return client.post(IMPORT, {"file": file}, follow=True)


def test_import_creates_and_updates_resources(client, library_curator):
    existing = ResourceFactory(title="Old title")
    client.force_login(library_curator)
    text = (
        "id,kind,title,creators,year,themes,published\n"
        f"{existing.pk},book,New title,Akala,2018,History; Race,yes\n"
        ",video,The danger of a single story,Chimamanda Ngozi Adichie,2009,,no\n"
    )
    response = _upload(client, text)
    assert "Imported: 1 new, 1 updated." in response.content.decode()
    existing.refresh_from_db()
    assert (existing.title, existing.published) == ("New title", True)
    assert sorted(existing.themes.values_list("name", flat=True)) == ["History", "Race"]
    assert Resource.objects.get(kind="video").published is False


def test_an_invalid_row_imports_nothing_and_says_which_row(client, library_curator):
    client.force_login(library_curator)
    text = "kind,title,year\nbook,Fine,2000\nspaceship,,nineteen\n"
    page = _upload(client, text).content.decode()
    assert "Row 3, kind" in page and "Row 3, title" in page and "Row 3, year" in page
    assert not Resource.objects.exists()
    assert not Theme.objects.exists()


def test_a_file_that_is_not_csv_gets_a_clear_message(client, library_curator):
    client.force_login(library_curator)
    file = SimpleUploadedFile("r.csv", b"\xff\xfe\x00garbage", content_type="text/csv")
    page = client.post(IMPORT, {"file": file}).content.decode()
    assert "UTF-8" in page
    assert "must include" in _upload(client, "name,colour\nx,y\n").content.decode()


def test_a_copy_added_in_the_admin_goes_to_the_first_person_waiting(
    client, library_curator, on_loan, book, other_member
):
    from library import services

    waiting = services.loan_request(resource=book, borrower=other_member)
    client.force_login(library_curator)
    client.post(
        reverse("admin:library_copy_add"),
        {"resource": book.pk, "code": "CPC-NEW-1", "condition": "new", "notes": ""},
    )
    assert Loan.objects.get(pk=waiting.pk).status == "offered"
    assert Loan.objects.get(pk=waiting.pk).copy.code == "CPC-NEW-1"


def _image(fmt="PNG", size=(40, 60)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return buffer.getvalue()


def _add_resource(client, cover):
    data = {
        "kind": "book",
        "title": "With a cover",
        "language": "en",
        "cover": cover,
        "copies-TOTAL_FORMS": "0",
        "copies-INITIAL_FORMS": "0",
    }
    return client.post(reverse("admin:library_resource_add"), data)


def test_a_cover_image_is_accepted(client, library_curator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(library_curator)
    response = _add_resource(client, SimpleUploadedFile("c.png", _image(), "image/png"))
    assert response.status_code == 302
    assert Resource.objects.get().cover.name.startswith("library/covers/")


def test_a_cover_that_is_not_an_image_or_too_large_is_refused_clearly(
    client, library_curator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(library_curator)
    fake = SimpleUploadedFile("c.png", b"not an image", "image/png")
    assert "Upload a valid image" in _add_resource(client, fake).content.decode()
    settings.LIBRARY_COVER_MAX_BYTES = 100
    big = SimpleUploadedFile("c.png", _image(size=(400, 400)), "image/png")
    assert "too large" in _add_resource(client, big).content.decode()
    gif = SimpleUploadedFile("c.gif", _image("GIF"), "image/gif")
    settings.LIBRARY_COVER_MAX_BYTES = 10**6
    assert "File extension" in _add_resource(client, gif).content.decode()
    assert not Resource.objects.exists()


def test_curators_filter_the_catalogue_by_language(client, library_curator):
    ResourceFactory(title="Ten Inny", language="pl")
    ResourceFactory(title="An English book")
    client.force_login(library_curator)
    response = client.get(CHANGELIST, {"language__exact": "pl"})
    assert [r.title for r in response.context["cl"].result_list] == ["Ten Inny"]
    assert "By language" in response.content.decode()


def test_the_language_goes_out_and_comes_back_in_the_csv(client, library_curator):
    polish = ResourceFactory(title="Ten Inny", language="pl")
    english = ResourceFactory(title="An English book")
    client.force_login(library_curator)
    assert {row["title"]: row["language"] for row in _rows(client.get(EXPORT))} == {
        "Ten Inny": "pl",
        "An English book": "en",
    }
    # A file without the column (from before it existed) keeps each resource's language.
    text = f"id,kind,title,language\n{polish.pk},book,Ten Inny,\n{english.pk},book,Book,ar\n"
    assert "Imported: 0 new, 2 updated." in _upload(client, text).content.decode()
    polish.refresh_from_db(), english.refresh_from_db()
    assert (polish.language, english.language) == ("pl", "ar")
    bad = _upload(client, "kind,title,language\nbook,Fine,klingon\n").content.decode()
    assert "Row 2, language" in bad
