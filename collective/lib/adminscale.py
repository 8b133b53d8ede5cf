"""Admin pages that stay the same size however much data there is: capped inlines, and list
filters on a foreign key that offer the latest rows rather than every row."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet

INLINE_CAP = 50


class CappedInlineFormSet(BaseInlineFormSet):
    """The first `cap` rows of the inline's queryset (its ordering decides which)."""

    cap = INLINE_CAP

    def get_queryset(self):
        # Sliced once and kept: the formset asks for its queryset once per row.
        if not hasattr(self, "_capped"):
            self._capped = super().get_queryset()[: self.cap]
        return self._capped


class CappedInlineMixin:
    """For inlines that can grow without bound (recommendations, registrations, replies,
    sections, copies): shows the `cap` first rows, related rows fetched in the same query.
    Rows past the cap are left as they are when the page is saved; their own admin list has
    them all."""

    cap = INLINE_CAP
    formset = CappedInlineFormSet
    #: Related objects each row displays: a readonly foreign key, and whatever the row's
    #: __str__ reads (the tabular inline prints it), the parent included.
    inline_select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.inline_select_related)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.cap = self.cap
        return formset


class LatestRelatedFilter(admin.RelatedFieldListFilter):
    """A filter on a foreign key (or many-to-many) offering its `cap` newest rows, plus the one
    chosen: Django's own lists every row (1,000 surveys, 1,000 links in the sidebar). Older rows
    are still reached through search or the related object's own page."""

    cap = 25

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        latest = list(model._default_manager.order_by("-pk")[: self.cap])
        chosen = [value for value in (self.lookup_val or []) if str(value).isdigit()]
        known = {str(obj.pk) for obj in latest}
        latest += list(model._default_manager.filter(pk__in=set(chosen) - known))
        return [(obj.pk, self.label(obj)) for obj in latest]

    def label(self, obj):
        return str(obj)
