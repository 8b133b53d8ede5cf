"""Admin inlines that stay the same size however many rows their object gathers."""

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
    """For read-only inlines that grow without bound (recommendations, registrations,
    replies): shows the `cap` first rows, related rows fetched in the same query."""

    cap = INLINE_CAP
    formset = CappedInlineFormSet
    #: Related objects each row displays (a readonly foreign key reads its row otherwise).
    inline_select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.inline_select_related)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.cap = self.cap
        return formset
