"""HTML is compressed (GZipMiddleware), and static files are served precompressed with Brotli
as well as gzip (whitenoise's CompressedManifestStaticFilesStorage, which production uses)."""

import gzip

import brotli
import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CSS = "body { color: #111; }\n" + "".join(f".rule-{n} {{ margin: {n}px; }}\n" for n in range(300))


def test_html_is_gzipped_for_browsers_that_ask(client):
    response = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Co-Production Collective" in gzip.decompress(response.content)


def test_html_is_plain_for_clients_that_do_not_ask(client):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")


def test_static_files_are_served_with_brotli_and_gzip(tmp_path):
    source, root = tmp_path / "static", tmp_path / "staticfiles"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text(CSS)
    with override_settings(
        STATICFILES_DIRS=[source],
        STATIC_ROOT=root,
        STORAGES=PRODUCTION_STORAGES,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        hashed = next(root.glob("css/site.*.css")).name
        assert (root / "css" / f"{hashed}.br").exists()
        browser = Client()  # a new client loads whitenoise, which scans STATIC_ROOT
        url = f"/static/css/{hashed}"
        br = browser.get(url, headers={"accept-encoding": "gzip, br"})
        gz = browser.get(url, headers={"accept-encoding": "gzip"})
        assert br["Content-Encoding"] == "br"
        assert brotli.decompress(b"".join(br.streaming_content)).decode() == CSS
        assert gz["Content-Encoding"] == "gzip"
        assert gzip.decompress(b"".join(gz.streaming_content)).decode() == CSS
        assert int(br["Content-Length"]) < int(gz["Content-Length"]) < len(CSS)
