"""The lending desk in the admin: the loan list opens on the work waiting (DeskFilter), with a
button on each row for the loan's next step. Registered by library.admin.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from library import desk, services
from library.admin_actions import ask_reason, changelist_url
from library.forms import RecordRequestForm
from library.models import Loan

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
        return redirect(changelist_url(self, request))

    def decline_view(self, request, object_id):
        loan = self._desk_loan(request, object_id)
        done = ask_reason(
            self,
            request,
            [(loan.pk, _loan_words(loan))],
            lambda reason: self._take_step(request, loan, "decline", reason=reason),
            gettext("Decline a loan request"),
        )
        return done or redirect(changelist_url(self, request))

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
        return ask_reason(
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
