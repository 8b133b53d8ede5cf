"""The feedback readers' back office: triage, internal notes and replies to the sender."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from collective.lib.adminscale import CappedInlineMixin
from feedback import services
from feedback.forms import clean_text
from feedback.models import Feedback, Message


class FeedbackAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label=_("Reply to the sender"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The sender reads it with their receipt code; if they asked for a reply by e-mail, it "
            "is e-mailed to them too. Internal notes above are never shown to them."
        ),
    )

    class Meta:
        model = Feedback
        fields = ["status", "notes"]

    def clean_reply(self):
        return clean_text(self.cleaned_data["reply"]) if self.cleaned_data["reply"] else ""


class MessageInline(CappedInlineMixin, admin.TabularInline):
    model = Message
    ordering = ["-position"]
    inline_select_related = ["feedback"]
    fields = ["position", "from_staff", "sent_on", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("reply")
    verbose_name_plural = _("replies in this conversation (the latest 50)")

    def has_add_permission(self, request, obj=None):
        return False  # replies go through "Reply to the sender", which also sends the e-mail

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    form = FeedbackAdminForm
    list_display = ["__str__", "excerpt", "status", "wants_reply", "reply_count"]
    list_filter = ["status", "topic", "received_on", "wants_reply"]
    search_fields = ["message", "notes"]
    date_hierarchy = "received_on"
    ordering = ["-received_on", "id"]
    actions = ["mark_read", "mark_actioned", "mark_closed"]
    inlines = [MessageInline]
    readonly_fields = [
        "topic",
        "received_on",
        "message",
        "wants_reply",
        "contact_name",
        "contact_email",
        "closed_on",
    ]
    fieldsets = [
        (None, {"fields": ["topic", "received_on", "message"]}),
        (_("Reply by e-mail"), {"fields": ["wants_reply", "contact_name", "contact_email"]}),
        (_("Triage"), {"fields": ["status", "closed_on", "notes"]}),
        (_("Reply"), {"fields": ["reply"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reply_count=Count("messages"))

    @admin.display(description=_("message"))
    def excerpt(self, obj):
        return Truncator(obj.message).chars(80)

    @admin.display(description=_("replies"), ordering="reply_count")
    def reply_count(self, obj):
        return obj.reply_count

    def has_add_permission(self, request):
        return False  # feedback comes only from the public form

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["notes"])
        if "status" in form.changed_data:
            # Through the service, which keeps closed_on (the retention clock) right.
            services.feedback_set_status(feedback_ids=[obj.pk], status=obj.status)
        if form.cleaned_data.get("reply"):
            services.feedback_reply(feedback_id=obj.pk, body=form.cleaned_data["reply"])
            if obj.wants_reply:
                saved = gettext(
                    "Your reply is saved; the sender can read it and it is e-mailed to them."
                )
            else:
                saved = gettext("Your reply is saved; the sender can read it.")
            self.message_user(request, saved)

    def _set_status(self, request, queryset, status):
        label = Feedback.Status(status).label.lower()
        # Only what was done and by whom: the entry names the feedback by topic and day.
        marked = gettext("Marked as %(status)s") % {"status": label}
        audit.record_each(request, queryset.exclude(status=status), marked)
        changed = services.feedback_set_status(
            feedback_ids=list(queryset.values_list("pk", flat=True)), status=status
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d feedback marked as %(status)s.",
                "%(count)d feedback marked as %(status)s.",
                changed,
            )
            % {"count": changed, "status": label},
        )

    @admin.action(description=_("Mark selected feedback as read"), permissions=["change"])
    def mark_read(self, request, queryset):
        self._set_status(request, queryset, Feedback.Status.READ)

    @admin.action(description=_("Mark selected feedback as actioned"), permissions=["change"])
    def mark_actioned(self, request, queryset):
        self._set_status(request, queryset, Feedback.Status.ACTIONED)

    @admin.action(description=_("Mark selected feedback as closed"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Feedback.Status.CLOSED)
