"""No input gives a server error: generated input to every path, query parameter and form.

Hypothesis draws requests for every role of the cast (visitor, members, each staff group,
superuser): every URL pattern of the project, the admin's included (changelists, change, add,
history, delete, autocomplete, custom pages, actions), with known and generated path values; the
query parameters each page uses (its GET forms and the links it prints, the admin's filters and
autocomplete parameters) with generated values; and every form the pages show, POSTed with some
fields kept and others generated (formset counts, ids, NUL bytes, huge numbers, malformed URLs).

Every answer must be below 500, and the captured log must hold no ERROR and no traceback.
The demo content (`seed_demo`) gives every page something to show. Each request runs inside a
savepoint that is rolled back, so a delete action or a log-out cannot starve later examples.
Bounded for CI: FUZZ_EXAMPLES generated requests (default 10,400), a few minutes.
"""

import html.parser
import logging
import os
import re
import time
import urllib.parse
from collections import defaultdict
from http.cookies import SimpleCookie

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import CAST

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10400"))

# Values that broke, or could break, something once: malformed URLs for `next`, NUL bytes,
# numbers out of every column's range, formset counts, dates that do not exist.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "https://[::1",
    "http://[",
    "//evil.example/",
    "javascript:alert(1)",
    "-1",
    "0",
    "1",
    "2",
    "1000000",
    "99999999999999999999999",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "1.5",
    "'",
    '"',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202egnp.exe",
    "ü" * 300,
    "x" * 5000,
    "2026-02-30",
    "99999-12-31",
    "0000-00-00",
    "12:99",
    "true",
    "on",
    "None",
    "[]",
    "{}",
    "1,2,3",
    "__proto__",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
]

# Parameters every changelist understands, beyond its filter links.
ADMIN_QUERY = ["q", "o", "p", "all", "_popup", "_to_field", "_changelist_filters", "e"]


def values(known=()):
    """A generated value: a nasty one, any text, any integer, or a value the page itself uses."""
    choices = [
        st.sampled_from(NASTY),
        st.text(max_size=30),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
    ]
    if known:
        choices.append(st.sampled_from(sorted(known)))
        choices.append(st.sampled_from(sorted(known)))  # the page's own values, more often
    return st.one_of(choices)


# ---- what there is to request ---------------------------------------------------------------


def url_templates(resolver=None, prefix=""):
    """(template, pattern) for every URL pattern: `library/resources/<int:pk>/` and so on."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_templates(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route, entry


PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>(?P<rx>[^)]*)\)")


def split_template(template):
    """['library/resources/', ('int', 'pk'), '/'] from a route or a regex pattern."""
    template = template.replace("^", "").replace("$", "").replace("\\", "")
    parts, last = [], 0
    for match in PARAM.finditer(template):
        parts.append(template[last : match.start()])
        if match.group("name"):
            parts.append((match.group("conv") or "str", match.group("name")))
        else:
            parts.append(("regex:" + match.group("rx"), match.group("rname")))
        last = match.end()
    parts.append(template[last:])
    return parts


class PageParser(html.parser.HTMLParser):
    """The forms on a page (method, action, fields with their values) and its query links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": defaultdict(set),
                "files": set(),
            }
            self.forms.append(self._form)
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            self.links.append(attrs["href"])
        elif self._form is None or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            if attrs.get("type") == "file":
                self._form["files"].add(attrs["name"])
            else:
                self._form["fields"][attrs["name"]].add(attrs.get("value") or "")
        elif tag == "textarea":
            self._form["fields"][attrs["name"]].add("")
        elif tag == "select":
            self._select = attrs["name"]
            self._form["fields"][self._select]
        elif tag == "option" and self._select:
            self._form["fields"][self._select].add(attrs.get("value") or "")
        elif tag == "button" and attrs.get("name"):
            self._form["fields"][attrs["name"]].add(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


class World:
    """Everything the fuzzer can aim at, discovered from the URL patterns and the pages."""

    def __init__(self):
        self.templates = []  # split templates
        self.path_values = defaultdict(set)  # param name -> known values
        self.forms = {}  # (path, method) -> {"fields": {name: values}, "files": names}
        self.queries = defaultdict(lambda: defaultdict(set))  # path -> name -> values
        self.pages = set()

    def known_for(self, template, name):
        model = admin_model(template)
        if model is not None and name == "object_id":
            return {str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:5]}
        return self.path_values[name]

    def concrete(self, template):
        """The template with known values, or None when a parameter has none."""
        path = ""
        for part in template:
            if isinstance(part, str):
                path += part
                continue
            known = sorted(self.known_for(template, part[1]))
            if not known:
                return None
            path += urllib.parse.quote(known[0], safe="/")
        return "/" + path


def admin_model(template):
    if not template or not isinstance(template[0], str) or not template[0].startswith("admin/"):
        return None
    bits = template[0].split("/")
    if len(bits) >= 3:
        for model in admin.site._registry:
            if (model._meta.app_label, model._meta.model_name) == (bits[1], bits[2]):
                return model
    return None


def known_path_values(world):
    """Values that resolve: every object's id, slugs, tokens, and the admin's app labels."""
    from facilitation.models import Question as SessionQuestion
    from surveys.models import Survey

    pool = world.path_values
    for model in admin.site._registry:
        ids = model._default_manager.values_list("pk", flat=True)[:3]
        pool["pk"].update(str(pk) for pk in ids)
    for survey in Survey.objects.all()[:5]:
        pool["slug"].add(survey.slug)
        pool["token"].add(survey.token)
    pool["question_id"].update(
        str(pk) for pk in SessionQuestion.objects.values_list("pk", flat=True)[:3]
    )
    pool["question_id"].update(pool["pk"])
    pool["page"].update({"1", "2", "3"})
    pool["app_label"].update({model._meta.app_label for model in admin.site._registry})
    pool["object_id"].update(pool["pk"])
    pool["content_type_id"].update({"1", "2"})
    for name in ("key", "uidb36", "url", "path", "id"):
        pool[name].update({"1", "abc"})


def discover(world, clients):
    """GET every concrete URL as a few roles and note its forms and query parameters."""
    for template in world.templates:
        path = world.concrete(template)
        if path is None or path.startswith("/media/"):
            continue
        world.pages.add(path)
        for client in clients:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = PageParser()
            parser.feed(response.content.decode(errors="replace"))
            for form in parser.forms:
                action = urllib.parse.urljoin(path, form["action"]).split("?")[0] or path
                if not action.startswith("/"):
                    continue
                if form["method"] == "get":
                    for name, vals in form["fields"].items():
                        world.queries[action][name].update(vals)
                    continue
                entry = world.forms.setdefault(
                    (action, form["method"]), {"fields": defaultdict(set), "files": set()}
                )
                for name, vals in form["fields"].items():
                    entry["fields"][name].update(vals)
                entry["files"].update(form["files"])
            for link in parser.links:
                url = urllib.parse.urlparse(urllib.parse.urljoin(path, link))
                if url.netloc and url.netloc != "testserver":
                    continue
                for name, value in urllib.parse.parse_qsl(url.query, keep_blank_values=True):
                    world.queries[url.path or path][name].add(value)
    for path in world.pages:
        if path.startswith("/admin/") and path.count("/") == 4:  # a changelist
            for name in ADMIN_QUERY:
                world.queries[path][name].add("")
    for model, model_admin in admin.site._registry.items():
        for field in getattr(model_admin, "autocomplete_fields", ()):
            query = world.queries["/admin/autocomplete/"]
            query["app_label"].add(model._meta.app_label)
            query["model_name"].add(model._meta.model_name)
            query["field_name"].add(field)
            query["term"].add("a")
            query["page"].add("2")


# ---- drawing one request ----------------------------------------------------------------------


@st.composite
def path_request(draw, world):
    template = draw(st.sampled_from(world.templates))
    path = ""
    for part in template:
        if isinstance(part, str):
            path += part
            continue
        known = world.known_for(template, part[1])
        value = draw(values(known))
        path += urllib.parse.quote(value, safe="" if draw(st.booleans()) else "/")
    return ("get", "/" + path, [], None)


@st.composite
def query_request(draw, world):
    path = draw(st.sampled_from(sorted(world.queries)))
    params = world.queries[path]
    names = draw(st.lists(st.sampled_from(sorted(params)), min_size=1, max_size=4))
    pairs = [(name, draw(values(params[name]))) for name in names]
    if draw(st.booleans()):
        pairs.append((draw(st.text(max_size=10)), draw(values())))
    return ("get", path, pairs, None)


@st.composite
def form_request(draw, world):
    (path, method) = draw(st.sampled_from(sorted(world.forms)))
    form = world.forms[(path, method)]
    data = {}
    for name, known in form["fields"].items():
        how = draw(st.sampled_from(["keep", "keep", "generate", "drop"]))
        if how == "drop":
            continue
        if how == "keep" and known:
            data[name] = draw(st.sampled_from(sorted(known)))
        else:
            data[name] = draw(values(known))
    if draw(st.integers(0, 5)) == 0:
        data[draw(st.text(min_size=1, max_size=20))] = draw(values())
    files = {}
    for name in form["files"]:
        if draw(st.booleans()):
            # Any name a browser could send; one Django itself refuses to build ("", "." or a
            # path ending in "/") becomes "x" (the test's client, not the portal, would fail).
            file_name = draw(st.text(min_size=1, max_size=20))
            if os.path.basename(file_name) in {"", ".", ".."}:
                file_name = "x"
            files[name] = SimpleUploadedFile(
                file_name,
                draw(st.binary(max_size=200)),
                content_type=draw(st.sampled_from(["image/png", "text/plain", ""])),
            )
    encoding = draw(st.sampled_from(["multipart", "urlencoded"]))
    return (method, path, data, (encoding, files))


def requests_for(world):
    return st.one_of(
        path_request(world), query_request(world), form_request(world), form_request(world)
    )


def send(client, request):
    method, path, data, body = request
    if method == "get":
        query = urllib.parse.urlencode(data)
        return client.get(path + ("?" + query if query else ""))
    encoding, files = body
    if encoding == "urlencoded" and not files:
        return client.generic(
            "POST",
            path,
            urllib.parse.urlencode(list(data.items())),
            content_type="application/x-www-form-urlencoded",
        )
    return client.post(path, {**data, **files})


# ---- the test ---------------------------------------------------------------------------------


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


@pytest.fixture
def log_collector():
    collector = Collector()
    loggers = [logging.getLogger(), logging.getLogger("django.security")]
    for logger in loggers:
        logger.addHandler(collector)
    yield collector
    for logger in loggers:
        logger.removeHandler(collector)


@pytest.fixture
def world(db, cast, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))
    world = World()
    world.templates = [split_template(template) for template, _ in url_templates()]
    known_path_values(world)
    clients = [role_client(cast["superuser"]), role_client(cast["member"]), role_client(None)]
    discover(world, clients)
    return world


class FuzzClient(Client):
    """The test client without its bookkeeping: no copy of every template's context, no cookie
    updates (each example restores the role's cookies), exceptions answered as 500s. About
    twice as fast on admin pages, which render hundreds of widget templates."""

    def request(self, **request):
        return self.handler(self._base_environ(**request))


def role_client(user):
    client = FuzzClient(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.services
def test_no_generated_input_gives_a_server_error(world, cast, log_collector):
    clients = {role: role_client(user) for role, user in cast.items()}
    cookies = {
        role: {key: morsel.value for key, morsel in client.cookies.items()}
        for role, client in clients.items()
    }
    failures, counted = [], {"requests": 0}
    started = time.monotonic()

    @settings_for_ci
    @given(
        role=st.sampled_from(CAST),
        request=requests_for(world),
        cookie=st.one_of(st.none(), values()),
    )
    def run(role, request, cookie):
        client = clients[role]
        client.cookies = SimpleCookie(cookies[role])  # a log-out must not change the role
        if cookie is not None:
            # A real server hands headers to Django as latin-1 (PEP 3333): send the UTF-8 bytes.
            client.cookies["csrftoken"] = cookie.encode().decode("latin-1")
        cache.clear()  # rate limits would otherwise answer 429 to most of the run
        before = len(log_collector.records)
        savepoint = transaction.savepoint()
        try:
            response = send(client, request)
        finally:
            transaction.savepoint_rollback(savepoint)
        counted["requests"] += 1
        logged = log_collector.records[before:]
        if response.status_code >= 500 or logged:
            failures.append((role, request, response.status_code, logged))

    run()
    elapsed = time.monotonic() - started
    print(f"{counted['requests']} generated requests in {elapsed:.0f} s, {len(failures)} failures")
    assert counted["requests"] >= min(EXAMPLES, 10_000) * 0.95
    unique = {}
    for failure in failures:
        unique.setdefault(signature(failure), failure)
    assert not failures, "\n".join(describe(failure) for failure in list(unique.values())[:40])


def signature(failure):
    """Failures with the same path shape and the same error count once in the report."""
    _, (method, path, _, _), status, logged = failure
    error = logged[0].exc_info[0].__name__ if logged and logged[0].exc_info else status
    return method, re.sub(r"/\d+/", "/N/", path), error


def describe(failure):
    role, (method, path, data, _), status, logged = failure
    lines = [f"{role} {method.upper()} {path} {data!r:.300} -> {status}"]
    for record in logged[:2]:
        lines.append(f"    {record.name}: {record.getMessage()[:300]}")
        if record.exc_info:
            lines.append(f"    {record.exc_info[0].__name__}: {str(record.exc_info[1])[:300]}")
    return "\n".join(lines)


settings_for_ci = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # report every failure; no shrinking
    suppress_health_check=list(HealthCheck),
)
