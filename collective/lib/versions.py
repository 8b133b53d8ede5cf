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
"""

import hashlib
import time
import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.safestring import mark_safe

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


def _key(label, pk=None):
    # Named after the database too: a test run (its own test database) sharing Redis with a
    # development server must never read the server's pages, nor the server the tests'.
    database = connection.settings_dict["NAME"]
    return f"{PREFIX}{database}:{label.lower()}" + (f":{pk}" if pk is not None else "")


def bump(label, pk=None):
    """Give `label` (and the one object `pk`, when given) a new version after commit."""
    keys = [_key(label)] + ([_key(label, pk)] if pk is not None else [])

    def replace():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)

    # Now, so this process's next read sees its own write; and again after commit, so a page
    # built meanwhile by another worker from the rows as they were is not kept under the
    # version that follows the write.
    replace()
    transaction.on_commit(replace)


def current(*labels):
    """One string naming the present version of every label, or None when the cache is down.

    A label is "app.Model" or ("app.Model", pk) for one object's own version.
    """
    keys = [_key(*label) if isinstance(label, tuple) else _key(label) for label in labels]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # add(), not set(): two workers starting at once agree on the first token written.
        for key, token in missing.items():
            cache.add(key, token, timeout=None)
        found.update(cache.get_many(list(missing)))
    if len(found) < len(keys):
        return None
    return ".".join(found[key] for key in keys)


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
