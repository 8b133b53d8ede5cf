"""The library back office: the catalogue, suggestions and the lending desk.

Every action that changes a loan or a suggestion calls the same service the site uses.
Loans are visible only to Library curators and superusers (see LibraryConfig.staff_permissions).
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

from collective.lib import audit, versions
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from library import csvio, services
from library.forms import DeclineForm, RecordRequestForm
from library.models import Copy, Loan, Resource, Suggestion, Theme


def _apply(modeladmin, request, queryset, service, done, **kwargs):
    """Run a service on each selected object; report successes and each refusal."""
    succeeded = 0
    for obj in queryset:
        try:
            service(**{queryset.model._meta.model_name: obj}, **kwargs)
        except services.LibraryError as error:
            modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
        else:
            audit.record(request, obj, done)
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, f"{done}: {succeeded}.", messages.SUCCESS)


def _ask_reason(modeladmin, request, queryset, service, done, title):
    """An intermediate page asking why (for declines); applies the service once it is given."""
    form = DeclineForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        _apply(modeladmin, request, queryset, service, done, reason=form.cleaned_data["reason"])
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "library/admin/decline.html", context)


# ---- catalogue --------------------------------------------------------------------------------


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CopyInline(CappedInlineMixin, admin.TabularInline):
    model = Copy
    cap = 100
    verbose_name_plural = "copies (the first 100: the copies list has every one)"
    inline_select_related = ["resource"]  # a copy's name reads its resource
    extra = 0
    fields = ["code", "condition", "notes", "withdrawn"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "creators", "year", "published", "copy_count", "created_at"]
    list_filter = ["published", "kind", ("themes", LatestRelatedFilter)]
    search_fields = ["title", "creators", "description", "recommended_by"]
    # A search box, not a list of every theme (curators add themes freely).
    autocomplete_fields = ["themes"]
    inlines = [CopyInline]
    actions = ["publish", "unpublish", "export_csv"]
    change_list_template = "library/admin/resource_change_list.html"
    date_hierarchy = "created_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_copies=Count("copies", distinct=True))

    @admin.display(description="copies", ordering="n_copies")
    def copy_count(self, obj):
        return obj.n_copies

    @admin.action(description="Publish the selected resources", permissions=["change"])
    def publish(self, request, queryset):
        audit.record_each(request, queryset.filter(published=False), "Published")
        count = queryset.update(published=True)
        versions.bump("library.Resource")  # update() sends no signal: the catalogue's cache
        self.message_user(request, f"Published {count} resource(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected resources", permissions=["change"])
    def unpublish(self, request, queryset):
        audit.record_each(request, queryset.filter(published=True), "Unpublished")
        count = queryset.update(published=False)
        versions.bump("library.Resource")
        self.message_user(request, f"Unpublished {count} resource(s).", messages.SUCCESS)

    @admin.action(description="Export the selected resources as CSV", permissions=["view"])
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
                errors = ["The file has a header but no rows."]
            if not errors:
                created, updated = csvio.import_rows(rows)
                self.message_user(
                    request, f"Imported: {created} new, {updated} updated.", messages.SUCCESS
                )
                return redirect("admin:library_resource_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import resources from CSV",
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

    @admin.display(description="possible duplicates in the catalogue")
    def possible_duplicates(self, obj):
        matches = obj.possible_duplicates() if obj.pk else []
        if not matches:
            return "None found"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:library_resource_change", args=[r.pk]), r.title) for r in matches),
        )

    @admin.action(description="Accept into the catalogue (as unpublished resources)")
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
                    'Accepted “{}”: <a href="{}">complete and publish the new resource</a>.{}',
                    resource.title,
                    url,
                    " It may duplicate: " + ", ".join(d.title for d in duplicates)
                    if duplicates
                    else "",
                ),
                messages.WARNING if duplicates else messages.SUCCESS,
            )

    @admin.action(description="Decline (with a reason)")
    def decline(self, request, queryset):
        return _ask_reason(
            self,
            request,
            queryset,
            services.suggestion_decline,
            "Suggestions declined",
            "Decline suggestions",
        )


# ---- the lending desk -------------------------------------------------------------------------


class DeskFilter(admin.SimpleListFilter):
    title = "desk"
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [
            ("to-approve", "Requests to approve"),
            ("to-hand-over", "Ready to collect or post"),
            ("waiting", "Waiting for a copy"),
            ("due-soon", "Due soon"),
            ("overdue", "Overdue"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "to-approve":
            return queryset.filter(status=Loan.Status.REQUESTED)
        if value == "to-hand-over":
            return queryset.filter(status__in=[Loan.Status.APPROVED, Loan.Status.OFFERED])
        if value == "waiting":
            return queryset.filter(status=Loan.Status.WAITING).order_by("requested_at")
        if value == "due-soon":
            return queryset.filter(pk__in=Loan.objects.due_soon())
        if value == "overdue":
            return queryset.filter(pk__in=Loan.objects.overdue())
        return queryset


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = [
        "resource",
        "who",
        "status",
        "delivery",
        "copy",
        "requested_on",
        "pickup_by",
        "due_on",
        "is_late",
    ]
    list_filter = [DeskFilter, "status", "delivery"]
    search_fields = [
        "resource__title",
        "borrower__email",
        "borrower__display_name",
        "borrower_name",
        "borrower_email",
        "copy__code",
    ]
    # The copy's name reads its resource (Copy.__str__).
    list_select_related = ["resource", "copy__resource", "borrower"]
    actions = ["approve", "mark_collected", "mark_posted", "mark_returned", "decline"]
    date_hierarchy = "requested_at"

    def has_delete_permission(self, request, obj=None):
        return False  # loans are history: they end and are anonymised, never deleted

    def get_readonly_fields(self, request, obj=None):
        # A loan changes only through the actions (the services), never by editing fields.
        return [field.name for field in Loan._meta.fields]

    def add_view(self, request, form_url="", extra_context=None):
        return self.record_request_view(request)

    @admin.display(description="borrower")
    def who(self, obj):
        return obj.who

    @admin.display(description="requested", ordering="requested_at")
    def requested_on(self, obj):
        return obj.requested_at.date()

    @admin.display(description="overdue", boolean=True)
    def is_late(self, obj):
        return obj.is_overdue()

    @admin.action(
        description="Approve (reserve the copy, tell the borrower)", permissions=["change"]
    )
    def approve(self, request, queryset):
        _apply(self, request, queryset, services.loan_approve, "Approved")

    @admin.action(description="Mark collected (now on loan)", permissions=["change"])
    def mark_collected(self, request, queryset):
        _apply(self, request, queryset, services.loan_mark_collected, "Marked collected")

    @admin.action(description="Mark posted (now on loan)", permissions=["change"])
    def mark_posted(self, request, queryset):
        _apply(self, request, queryset, services.loan_mark_posted, "Marked posted")

    @admin.action(description="Mark returned", permissions=["change"])
    def mark_returned(self, request, queryset):
        _apply(self, request, queryset, services.loan_return, "Marked returned")

    @admin.action(description="Decline (with a reason)", permissions=["change"])
    def decline(self, request, queryset):
        return _ask_reason(
            self, request, queryset, services.loan_decline, "Declined", "Decline loan requests"
        )

    def record_request_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RecordRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                loan = services.loan_request(
                    resource=data["resource"],
                    borrower=data["borrower"],
                    borrower_name=data["name"],
                    borrower_email=data["email"],
                    delivery=data["delivery"],
                    postal_address=data["postal_address"],
                )
            except services.LibraryError as error:
                form.add_error(None, str(error))
            else:
                # Never the person's name here: the entry outlives the loan's anonymisation.
                audit.record(
                    request, loan, "Recorded a request made by e-mail", flag=audit.ADDITION
                )
                self.message_user(
                    request, f"Recorded: {loan.who}, {loan.get_status_display().lower()}."
                )
                return redirect("admin:library_loan_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Record a loan request",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "library/admin/record_request.html", context)
