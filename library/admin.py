"""The library back office: the catalogue, suggestions and the lending desk.

Every action that changes a loan or a suggestion calls the same service the site uses.
Loans are visible only to Library curators and superusers (see LibraryConfig.staff_permissions).
The lending desk is in library.admin_desk, the helpers both share in library.admin_actions.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit, versions
from collective.lib.admin_widgets import LabelledCappedInlineFormSet
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from library import csvio, services
from library.admin_actions import apply_to_each, ask_reason
from library.admin_desk import DeskFilter, LoanAdmin  # noqa: F401  (registers the desk)
from library.models import Copy, Resource, Suggestion, Theme

# ---- catalogue --------------------------------------------------------------------------------


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CopyInline(CappedInlineMixin, admin.TabularInline):
    model = Copy
    formset = LabelledCappedInlineFormSet  # capped, and each box named
    cap = 100
    verbose_name_plural = _("copies (the first 100: the copies list has every one)")
    inline_select_related = ["resource"]  # a copy's name reads its resource
    extra = 0
    fields = ["code", "condition", "notes", "withdrawn"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "language",
        "creators",
        "year",
        "published",
        "copy_count",
        "created_at",
    ]
    list_filter = ["published", "kind", "language", ("themes", LatestRelatedFilter)]
    search_fields = ["title", "creators", "description", "recommended_by"]
    # A search box, not a list of every theme (curators add themes freely).
    autocomplete_fields = ["themes"]
    inlines = [CopyInline]
    actions = ["publish", "unpublish", "export_csv"]
    change_list_template = "library/admin/resource_change_list.html"
    date_hierarchy = "created_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # Ordered again: a counted queryset drops Meta.ordering, and the autocomplete pages it.
        counted = super().get_queryset(request).annotate(n_copies=Count("copies", distinct=True))
        return counted.order_by(*Resource._meta.ordering)

    @admin.display(description=_("copies"), ordering="n_copies")
    def copy_count(self, obj):
        return obj.n_copies

    @admin.action(description=_("Publish the selected resources"), permissions=["change"])
    def publish(self, request, queryset):
        audit.record_each(request, queryset.filter(published=False), "Published")
        count = queryset.update(published=True)
        versions.bump("library.Resource")  # update() sends no signal: the catalogue's cache
        self.message_user(
            request,
            ngettext("Published %(count)s resource(s).", "Published %(count)s resource(s).", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected resources"), permissions=["change"])
    def unpublish(self, request, queryset):
        audit.record_each(request, queryset.filter(published=True), "Unpublished")
        count = queryset.update(published=False)
        versions.bump("library.Resource")
        self.message_user(
            request,
            ngettext(
                "Unpublished %(count)s resource(s).", "Unpublished %(count)s resource(s).", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the selected resources as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        audit.record_each(request, queryset, "Exported as CSV")
        return self._csv_response(queryset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A copy added (or back in service) goes to whoever is waiting for this title.
        services.copies_offer(resource=form.instance)

    def get_urls(self):
        extra = [
            path(
                "export-csv/",
                self.admin_site.admin_view(self.export_all_view),
                name="library_resource_export",
            ),
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_view),
                name="library_resource_import",
            ),
        ]
        return extra + super().get_urls()

    def _csv_response(self, queryset):
        response = StreamingHttpResponse(
            csvio.export_rows(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="library-resources.csv"'
        return response

    def export_all_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._csv_response(Resource.objects.all())

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = csvio.ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            rows, errors = csvio.parse(form.cleaned_data["file"])
            if not errors and not rows:
                errors = [gettext("The file has a header but no rows.")]
            if not errors:
                created, updated = csvio.import_rows(rows)
                self.message_user(
                    request,
                    gettext("Imported: %(created)s new, %(updated)s updated.")
                    % {"created": created, "updated": updated},
                    messages.SUCCESS,
                )
                return redirect("admin:library_resource_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import resources from CSV"),
            "form": form,
            "errors": errors[:200],
            "more_errors": max(len(errors) - 200, 0),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "library/admin/import.html", context)


@admin.register(Copy)
class CopyAdmin(admin.ModelAdmin):
    list_display = ["code", "resource", "condition", "withdrawn"]
    list_filter = ["withdrawn", "condition"]
    search_fields = ["code", "resource__title"]
    list_select_related = ["resource"]
    autocomplete_fields = ["resource"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.copies_offer(resource=obj.resource)


# ---- suggestions ------------------------------------------------------------------------------


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "created_on", "name", "suggested_by"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "creators", "link", "why"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_select_related = ["suggested_by", "resource"]
    actions = ["accept", "decline"]
    readonly_fields = [
        "possible_duplicates",
        "suggested_by",
        "created_on",
        "decided_on",
        "resource",
    ]
    fields = [
        "status",
        "possible_duplicates",
        "title",
        "kind",
        "creators",
        "link",
        "why",
        "name",
        "suggested_by",
        "created_on",
        "decline_reason",
        "decided_on",
        "resource",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Status changes go through the actions, so that the member is told.
        return [*self.readonly_fields, "status", "decline_reason"]

    @admin.display(description=_("possible duplicates in the catalogue"))
    def possible_duplicates(self, obj):
        matches = obj.possible_duplicates() if obj.pk else []
        if not matches:
            return gettext("None found")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:library_resource_change", args=[r.pk]), r.title) for r in matches),
        )

    @admin.action(description=_("Accept into the catalogue (as unpublished resources)"))
    def accept(self, request, queryset):
        for suggestion in queryset:
            duplicates = suggestion.possible_duplicates()
            try:
                resource = services.suggestion_accept(suggestion=suggestion)
            except services.LibraryError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            audit.record(request, suggestion, "Accepted into the catalogue")
            audit.record(request, resource, "Created from a suggestion", flag=audit.ADDITION)
            url = reverse("admin:library_resource_change", args=[resource.pk])
            self.message_user(
                request,
                format_html(
                    "{}{}",
                    format_html(
                        gettext(
                            'Accepted “{title}”: <a href="{url}">complete and publish the new '
                            "resource</a>."
                        ),
                        title=resource.title,
                        url=url,
                    ),
                    " "
                    + gettext("It may duplicate: %(titles)s")
                    % {"titles": ", ".join(d.title for d in duplicates)}
                    if duplicates
                    else "",
                ),
                messages.WARNING if duplicates else messages.SUCCESS,
            )

    @admin.action(description=_("Decline (with a reason)"))
    def decline(self, request, queryset):
        def apply(reason):
            service = services.suggestion_decline
            apply_to_each(
                self,
                request,
                queryset,
                service,
                gettext_noop("Suggestions declined"),
                reason=reason,
            )

        items = [(suggestion.pk, f"“{suggestion}”") for suggestion in queryset]
        title = gettext("Decline suggestions")
        return ask_reason(self, request, items, apply, title, action="decline")
