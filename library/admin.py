"""The library back office: the catalogue, suggestions and the lending desk.

Every action that changes a loan or a suggestion calls the same service the site uses.
Loans are visible only to Library curators and superusers (see LibraryConfig.staff_permissions).
"""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit, versions
from collective.lib.admin_widgets import LabelledCappedInlineFormSet
from collective.lib.adminscale import CappedInlineMixin, LatestRelatedFilter
from library import csvio, desk, services
from library.forms import DeclineForm, RecordRequestForm
from library.models import Copy, Loan, Resource, Suggestion, Theme


def _apply(modeladmin, request, queryset, service, done, **kwargs):
    """Run a service on each selected object; report successes and each refusal.

    `done` is logged as it is (the admin log is in the portal's language) and shown translated.
    """
    succeeded = 0
    for obj in queryset:
        try:
            service(**{queryset.model._meta.model_name: obj}, **kwargs)
        except services.LibraryError as error:
            modeladmin.message_user(
                request,
                gettext("%(object)s: %(error)s") % {"object": obj, "error": error},
                messages.ERROR,
            )
        else:
            audit.record(request, obj, done)
            succeeded += 1
    if succeeded:
        modeladmin.message_user(
            request,
            gettext("%(done)s: %(count)s.") % {"done": gettext(done), "count": succeeded},
            messages.SUCCESS,
        )


def _ask_reason(modeladmin, request, items, apply, title, *, action=None):
    """An intermediate page asking why (for declines): `apply(reason)` runs once it is given.

    `items` are (pk, what it is in words); `action` is the changelist action posting here, or
    None for a page of its own.
    """
    form = DeclineForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        apply(form.cleaned_data["reason"])
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "items": items,
        "action": action,
        "opts": modeladmin.model._meta,
        "changelist_url": _changelist_url(modeladmin, request),
    }
    return TemplateResponse(request, "library/admin/decline.html", context)


def _changelist_url(modeladmin, request):
    """The list the curator came from, with its filters."""
    opts = modeladmin.model._meta
    return add_preserved_filters(
        {"preserved_filters": modeladmin.get_preserved_filters(request), "opts": opts},
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
    )


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
            _apply(
                self,
                request,
                queryset,
                service,
                gettext_noop("Suggestions declined"),
                reason=reason,
            )

        items = [(suggestion.pk, f"“{suggestion}”") for suggestion in queryset]
        title = gettext("Decline suggestions")
        return _ask_reason(self, request, items, apply, title, action="decline")


# ---- the lending desk -------------------------------------------------------------------------


class DeskFilter(admin.SimpleListFilter):
    title = _("desk")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [
            ("to-approve", gettext("Requests to approve")),
            ("to-hand-over", gettext("Ready to collect or post")),
            ("waiting", gettext("Waiting for a copy")),
            ("due-soon", gettext("Due soon")),
            ("overdue", gettext("Overdue")),
            ("all", gettext("All loans")),
        ]

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        # The desk opens on the work waiting. Only a bare GET: an action posted from the list
        # applies to the rows the curator ticked, whatever the list showed.
        if request.method == "GET" and not request.GET:
            self.used_parameters[self.parameter_name] = "to-approve"

    def choices(self, changelist):
        # Django's own "All" (no parameter) would open "Requests to approve" again: "All loans"
        # (desk=all) stands in for it.
        return list(super().choices(changelist))[1:]

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


def _loan_words(loan):
    return gettext("“%(title)s” for %(who)s") % {"title": loan.resource, "who": loan.who}


def _date(value):
    if not value:
        return ""
    return format_html(
        '<time class="desk-date" datetime="{}">{}</time>',
        value.isoformat(),
        date_format(value, "j M"),
    )


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = [
        "resource",
        "who",
        "status_line",
        "copy_code",
        "requested_on",
        "pickup_on",
        "due",
        "late",
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
        # A loan changes only through the desk's steps (the services), never by editing fields.
        # Its id is shown as "loan number": Django names every id field "ID", untranslated.
        return ["loan_number" if field.name == "id" else field.name for field in Loan._meta.fields]

    @admin.display(description=_("loan number"))
    def loan_number(self, obj):
        return obj.pk

    def add_view(self, request, form_url="", extra_context=None):
        return self.record_request_view(request)

    def get_list_display(self, request):
        return [*self.list_display, self._next_step_column(request)]

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<path:object_id>/desk/decline/",
                view(self.decline_view),
                name="library_loan_decline",
            ),
            path(
                "<path:object_id>/desk/<slug:step>/",
                view(self.step_view),
                name="library_loan_step",
            ),
            *super().get_urls(),
        ]

    # ---- columns

    @admin.display(description=_("borrower"))
    def who(self, obj):
        return obj.who

    @admin.display(description=_("status"), ordering="status")
    def status_line(self, obj):
        delivery = (
            gettext("by post") if obj.delivery == Loan.Delivery.POST else gettext("to collect")
        )
        return format_html("{}<br>{}", obj.get_status_display(), delivery)

    @admin.display(description=_("copy"), ordering="copy__code")
    def copy_code(self, obj):
        return format_html('<span class="nowrap">{}</span>', obj.copy.code) if obj.copy_id else ""

    @admin.display(description=_("requested"), ordering="requested_at")
    def requested_on(self, obj):
        return _date(timezone.localtime(obj.requested_at).date())

    @admin.display(description=_("pick up by"), ordering="pickup_by")
    def pickup_on(self, obj):
        return _date(obj.pickup_by)

    @admin.display(description=_("due"), ordering="due_on")
    def due(self, obj):
        return _date(obj.due_on)

    @admin.display(description=_("overdue"))
    def late(self, obj):
        if not obj.is_overdue():
            return ""
        days = (timezone.localdate() - obj.due_on).days
        label = ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
        return format_html('<span class="desk-late">{}</span>', label)

    def _next_step_column(self, request):
        preserved = self.get_preserved_filters(request)
        can_change = self.has_change_permission(request)

        @admin.display(description=_("next step"))
        def next_step(loan):
            if not can_change:
                return ""
            return self._step_buttons(loan, preserved)

        return next_step

    def _step_buttons(self, loan, preserved):
        """Buttons inside the changelist's own form (forms cannot nest): each posts it, with
        its CSRF token, to the step's address. The decline step opens a page for the reason."""
        suffix = f"?{preserved}" if preserved else ""
        buttons = []
        for step in desk.next_steps(loan):
            label = desk.LABELS[step]
            name = gettext("%(step)s “%(title)s” for %(who)s") % {
                "step": str(label).rstrip("…"),
                "title": loan.resource,
                "who": loan.who,
            }
            if step == "decline":
                url = reverse("admin:library_loan_decline", args=[loan.pk]) + suffix
                item = format_html(
                    '<a class="button secondary" href="{}" aria-label="{}">{}</a>', url, name, label
                )
            else:
                url = reverse("admin:library_loan_step", args=[loan.pk, step]) + suffix
                item = format_html(
                    '<button type="submit" class="button" formmethod="post" formaction="{}" '
                    'aria-label="{}">'
                    "{}</button>",
                    url,
                    name,
                    label,
                )
            buttons.append((item,))
        return format_html(
            '<ul class="row-buttons">{}</ul>', format_html_join("", "<li>{}</li>", buttons)
        )

    # ---- the desk's steps

    def _desk_loan(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404("No such loan.")
        queryset = Loan.objects.select_related("resource", "copy", "borrower")
        return get_object_or_404(queryset, pk=object_id)

    def _take_step(self, request, loan, step, **kwargs):
        try:
            said = desk.take_step(request, loan, step, **kwargs)
        except services.LibraryError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, said, messages.SUCCESS)

    def step_view(self, request, object_id, step):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        loan = self._desk_loan(request, object_id)
        if step not in desk.LABELS or step == "decline":
            raise Http404("No such step.")
        self._take_step(request, loan, step)
        return redirect(_changelist_url(self, request))

    def decline_view(self, request, object_id):
        loan = self._desk_loan(request, object_id)
        done = _ask_reason(
            self,
            request,
            [(loan.pk, _loan_words(loan))],
            lambda reason: self._take_step(request, loan, "decline", reason=reason),
            gettext("Decline a loan request"),
        )
        return done or redirect(_changelist_url(self, request))

    # ---- the same steps for several loans at once

    def _for_each(self, request, queryset, step, **kwargs):
        for loan in queryset.select_related("resource", "copy", "borrower"):
            self._take_step(request, loan, step, **kwargs)

    @admin.action(
        description=_("Approve (reserve the copy, tell the borrower)"), permissions=["change"]
    )
    def approve(self, request, queryset):
        self._for_each(request, queryset, "approve")

    @admin.action(description=_("Mark collected (now on loan)"), permissions=["change"])
    def mark_collected(self, request, queryset):
        self._for_each(request, queryset, "collected")

    @admin.action(description=_("Mark posted (now on loan)"), permissions=["change"])
    def mark_posted(self, request, queryset):
        self._for_each(request, queryset, "posted")

    @admin.action(description=_("Mark returned"), permissions=["change"])
    def mark_returned(self, request, queryset):
        self._for_each(request, queryset, "returned")

    @admin.action(description=_("Decline (with a reason)"), permissions=["change"])
    def decline(self, request, queryset):
        loans = list(queryset.select_related("resource", "copy", "borrower"))
        return _ask_reason(
            self,
            request,
            [(loan.pk, _loan_words(loan)) for loan in loans],
            lambda reason: self._for_each(request, queryset, "decline", reason=reason),
            gettext("Decline loan requests"),
            action="decline",
        )

    # ---- a request for someone who asked by e-mail

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
                    request, loan, "Recorded a request made by e-mail.", flag=audit.ADDITION
                )
                self.message_user(
                    request,
                    gettext("Recorded: “%(title)s” for %(who)s, %(status)s.")
                    % {
                        "title": loan.resource,
                        "who": loan.who,
                        "status": loan.get_status_display().lower(),
                    },
                )
                return redirect("admin:library_loan_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Record a loan request"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "library/admin/record_request.html", context)
