"""Paginating the portal's lists: every list a person can grow shows a page at a time."""

from django.core.paginator import Paginator

PAGE_SIZE = 20
# An account page panel shows this many of the newest items, then links to the full list.
PANEL_SIZE = 5


def latest(queryset, size=PANEL_SIZE):
    """(the first `size` items, whether there are more): one query whatever the total."""
    items = list(queryset[: size + 1])
    return items[:size], len(items) > size


def paginate(request, queryset, *, param="page", per_page=PAGE_SIZE):
    """The page of `queryset` named by `?param=` (the first page for anything unusable)."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def other_params(request, param="page"):
    """The query string without `param`, to keep filters (and other lists' pages) in links."""
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()
