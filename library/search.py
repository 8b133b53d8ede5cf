"""Catalogue search: PostgreSQL full-text search where available, a simple match on SQLite.

On PostgreSQL, `Resource.search_vector` is kept up to date by a trigger and GIN-indexed
(migration 0001): the title weighs most, then the creators, then the description and the
reason it was recommended. Results are ranked by relevance. SQLite (development) has no
full-text search here, so it matches each word anywhere in those fields and sorts by title.
"""

import difflib
import re
from urllib.parse import urlsplit

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from library.models import Resource

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"


def clean_query(text):
    """Collapse whitespace, drop control characters and cap the length (huge input is fine)."""
    text = "".join(ch for ch in (text or "") if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search_resources(queryset, text):
    """Filter `queryset` to resources matching `text`, best match first."""
    text = clean_query(text)
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "title", "id")
        )
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(creators__icontains=word)
            | Q(description__icontains=word)
            | Q(why_recommended__icontains=word)
        )
    return queryset.order_by("title", "id")


def normalise_title(title):
    words = re.sub(r"[^\w\s]", " ", (title or "").casefold()).split()
    return " ".join(word for word in words if word not in {"the", "a", "an"})


def normalise_link(link):
    parts = urlsplit((link or "").strip().casefold())
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def similar_resources(*, title, link="", limit=5):
    """Resources that may be the same as a suggestion: the same link, or a very similar title.

    The database narrows the field (same link host, or a shared significant word in the title);
    difflib then compares the normalised titles.
    """
    wanted_title = normalise_title(title)
    wanted_link = normalise_link(link)
    words = sorted((w for w in wanted_title.split() if len(w) > 3), key=len, reverse=True)[:3]
    narrow = Q(title__iexact=title.strip())
    for word in words:
        narrow |= Q(title__icontains=word)
    if wanted_link:
        narrow |= Q(link__icontains=wanted_link.split("/")[0])
    matches = []
    for resource in Resource.objects.filter(narrow).only("id", "title", "link")[:200]:
        same_link = wanted_link and normalise_link(resource.link) == wanted_link
        ratio = difflib.SequenceMatcher(None, wanted_title, normalise_title(resource.title)).ratio()
        if same_link or ratio >= 0.85:
            matches.append((not same_link, -ratio, resource))
    return [resource for *_, resource in sorted(matches, key=lambda m: m[:2])][:limit]
