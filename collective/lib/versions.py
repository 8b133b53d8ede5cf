"""Data versions: a token per model (or per object) that changes whenever its rows change, so
that anything built from those rows can be cached under the version and never served stale.

    versions.watch("library.Resource", "library.Theme")   # in an AppConfig.ready()
    html = versions.cached_fragment(("library-list", page), ["library.Resource"], render)

A watched model's version is replaced by a new random token on every save and delete (including
cascades and many-to-many changes), and again once the transaction commits, so a page built from
the rows as they were before the commit is never kept under the version that follows it. Writes
that skip the ORM's signals (QuerySet.update(), bulk_create) call `bump()` themselves.

Only content staff publish is watched. Nothing anonymous people send (feedback, survey
responses, anonymous questions) is: the moment a version changes stays in Redis (a key's idle
time), and it must not date an anonymous item (PRODUCT.md, principle 1).

When the cache is down the version is unknown and nothing is cached: pages are built from the
database as if there were no cache.

Within a request (ReadTogetherMiddleware), the versions read are remembered until it ends, and
each is read from Redis once, together with the others the page will ask for: this worker learns
which versions each path's page reads. A signed-in page also reads its member's own version
(collective.auth_backends) and its session (collective.sessions), and all of them come in one
round trip with the session (`read_with`). A round trip to Redis costs about as much as a whole
cached page here (docs/performance.md).
"""

import contextvars
import hashlib
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.safestring import mark_safe

from collective.lib.memory import Kept

PREFIX = "version:"
# A cached fragment expires even if nothing changed: pages that say "upcoming" or "open now"
# move on with the clock, and a write that skipped the signals is forgotten after this long.
FRAGMENT_SECONDS = 60
_watched = set()
# Values read or built by this process, by key: (expires at, value). A key names the versions
# the value was built from, so a kept value is never stale; it saves a page the round trip to
# Redis and the unpickling of a large fragment. A value is shared: callers must not change it.
_kept = {}
_KEPT = 256
# The request being served (ReadTogetherMiddleware), and by path the versions its page read the
# last time this worker served it: none of them personal (a member's own version is not
# learned), and a path that reads none is not kept.
_request = contextvars.ContextVar("versions_request", default=None)
_read_by_path = Kept(512)


class _Reads:
    """One request's versions: found (by key) and asked for (to learn, in order)."""

    __slots__ = ("path", "found", "asked")

    def __init__(self, path):
        self.path = path
        self.found = {}
        self.asked = {}


def _key(label, pk=None):
    # Named after the database too: a test run (its own test database) sharing Redis with a
    # development server must never read the server's pages, nor the server the tests'.
    database = connection.settings_dict["NAME"]
    return f"{PREFIX}{database}:{label.lower()}" + (f":{pk}" if pk is not None else "")


def _label_key(label):
    return _key(*label) if isinstance(label, tuple) else _key(label)


def bump(label, pk=None):
    """Give `label` (and the one object `pk`, when given) a new version after commit."""
    keys = [_key(label)] + ([_key(label, pk)] if pk is not None else [])

    def replace():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
        reads = _request.get()
        if reads is not None:  # read again, should the write not have reached Redis
            for key in keys:
                reads.found.pop(key, None)

    # Now, so this process's next read sees its own write; and again after commit, so a page
    # built meanwhile by another worker from the rows as they were is not kept under the
    # version that follows the write.
    replace()
    transaction.on_commit(replace)


def current(*labels):
    """One string naming the present version of every label, or None when the cache is down.

    A label is "app.Model" or ("app.Model", pk) for one object's own version.
    """
    keys = []
    reads = _request.get()
    for label in labels:
        key = _label_key(label)
        keys.append(key)
        if reads is not None and not _personal(label):
            reads.asked[key] = None
    if reads is None:
        found = _from_redis(keys)
    else:
        missing = [key for key in keys if key not in reads.found]
        if missing:
            ahead = [key for key in _ahead(reads) if key not in missing]
            read = _from_redis(missing + ahead)
            if read is None:
                return None
            reads.found.update(read)
        found = reads.found
    if found is None:
        return None
    return ".".join(found[key] for key in keys)


def read_with(cache_key, *labels):
    """cache.get(cache_key), with the versions of `labels` and of what this request's page will
    ask for read in the same round trip and remembered for current() until the request ends.

    For the session (collective.sessions), with its member's own version: a signed-in page then
    makes one round trip to Redis, not three.
    """
    reads = _request.get()
    if reads is None:
        return cache.get(cache_key)
    keys = [_label_key(label) for label in labels]
    keys = [key for key in dict.fromkeys([*keys, *_ahead(reads)]) if key not in reads.found]
    found = cache.get_many([cache_key, *keys])
    # A version not yet in Redis is left to current(), which writes its first token.
    reads.found.update((key, found[key]) for key in keys if key in found)
    return found.get(cache_key)


def _personal(label):
    return isinstance(label, tuple) and label[0] == settings.AUTH_USER_MODEL


def _ahead(reads):
    return [key for key in _read_by_path.get(reads.path, ()) if key not in reads.found]


def _from_redis(keys):
    """{key: token} for every key, writing a first token where there is none; None when the
    cache is down."""
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # add(), not set(): two workers starting at once agree on the first token written.
        for key, token in missing.items():
            cache.add(key, token, timeout=None)
        found.update(cache.get_many(list(missing)))
    if len(found) < len(keys):
        return None
    return found


class ReadTogetherMiddleware:
    """Opens the request's versions (see above) and, when it ends, remembers which versions its
    path read. Before everything that reads a version: the session, the member, the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = _Reads(request.path_info)
        token = _request.set(reads)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
            asked = tuple(reads.asked)
            if asked and _read_by_path.get(reads.path) != asked:
                if len(_read_by_path) >= _read_by_path.size:
                    _read_by_path.clear()
                _read_by_path[reads.path] = asked


def cached(name, labels, build, *, timeout=FRAGMENT_SECONDS, in_redis=True):
    """What `build()` returns (anything the cache can pickle), cached under `name` and the
    versions of `labels`.

    `name` says everything else the value depends on (page number, query, whether the person is
    signed in): it must never hold anything personal, the value is shared by everyone. The
    active language is part of the key: a fragment holds words in one language. With
    `in_redis=False` the value is kept only in each worker's memory (each worker builds it once
    per version): for what everyone sees alike but Redis should not hold.
    """
    version = current(*labels)
    if version is None:
        return build()
    language = translation.get_language()
    digest = hashlib.sha256(repr((name, labels, version, language)).encode()).hexdigest()[:32]
    key = f"fragment:{digest}"
    now = time.time()
    kept = _kept.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    kept = cache.get(key) if in_redis else None
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] > now):
        kept = (now + timeout, build())
        if in_redis:
            cache.set(key, kept, timeout)
    if len(_kept) >= _KEPT:
        _kept.clear()
    _kept[key] = kept
    return kept[1]


def cached_fragment(name, labels, render, *, timeout=FRAGMENT_SECONDS):
    """The HTML `render()` returns, cached as `cached()` does."""
    return mark_safe(cached(name, labels, lambda: str(render()), timeout=timeout))


def _on_save(sender, instance, **kwargs):
    bump(sender._meta.label, instance.pk)


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        bump(type(instance)._meta.label, instance.pk)
        if kwargs.get("model") is not None:
            bump(kwargs["model"]._meta.label)


def watch(*labels):
    """Keep a version for each model named: bumped on every save, delete and m2m change."""
    for label in labels:
        if label in _watched:
            continue
        model = apps.get_model(label)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"versions-save-{label}")
        post_delete.connect(_on_save, sender=model, dispatch_uid=f"versions-delete-{label}")
        for field in model._meta.local_many_to_many:
            uid = f"versions-m2m-{label}-{field.name}"
            m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=uid)
        _watched.add(label)
