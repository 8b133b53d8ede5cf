from functools import partial

from allauth.account import admin as account_admin
from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from collective.forms import LanguageSelect
from collective.lib import audit
from collective.lib.admin_widgets import ACCESSIBLE_FORMFIELDS, LabelledModelFormSet
from collective.lib.adminscale import LatestRelatedFilter
from collective.lib.apps import portal_apps
from collective.lib.audit import record
from collective.lib.emails import enqueue
from collective.lib.groups import group_label
from collective.models import Commitment, CommitmentUpdate, OutgoingEmail, User

admin.site.site_header = _("Co-Production Collective — staff")
admin.site.site_title = _("Co-Production Collective staff")
admin.site.index_title = _("Back office")
# The side menu takes 300 px from every page: at 1,280 px the lending desk's dates and the
# survey builder no longer fit beside it. Breadcrumbs and the index lead everywhere instead.
admin.site.enable_nav_sidebar = False
# Staff log in through the portal's own log-in (allauth): its failed-login rate limit and the
# second factor apply to the admin too. collective.middleware requires the second factor.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.index_template = "admin/collective_index.html"
_admin_index = admin.site.index


def staff_index(request, extra_context=None):
    """The admin index with "work waiting for you": each app's rows, as far as this person may
    see them (PortalAppConfig.staff_work)."""
    rows = [row for config in portal_apps() for row in config.staff_work(request)]
    return _admin_index(request, extra_context={"staff_work": rows, **(extra_context or {})})


admin.site.index = staff_index


# Django's own words for the user admin's password box, which its Arabic catalogue lacks: listed
# so that `make messages` puts them in the portal's catalogue, where Django's gettext finds them.
DJANGO_WORDS = [
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
]


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        # Each language named in itself and marked with its own lang, as on the profile page.
        widgets = {"language": LanguageSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if groups := self.fields.get("groups"):
            groups.label_from_instance = group_label


class GroupFilter(LatestRelatedFilter):
    def label(self, obj):
        return group_label(obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", ("groups", GroupFilter)]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "pronouns", "language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = []  # checkboxes instead (ACCESSIBLE_FORMFIELDS)
    formfield_overrides = ACCESSIBLE_FORMFIELDS


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("given-up", _("Used all its attempts")),
            ("retrying", _("Failed, being retried")),
            ("waiting", _("Not tried yet")),
        ]

    def queryset(self, request, queryset):
        limit = settings.EMAIL_MAX_ATTEMPTS
        return {
            "given-up": queryset.filter(attempts__gte=limit),
            "retrying": queryset.filter(attempts__gt=0, attempts__lt=limit),
            "waiting": queryset.filter(attempts=0),
        }.get(self.value(), queryset)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Messages not yet delivered. Superusers only: it holds recipients' addresses.

    A message that has used its attempts (EMAIL_MAX_ATTEMPTS) stays here with its last error;
    once the cause is fixed (the mail server's settings, a mistyped address) a superuser sends
    it again with the "Try again" action, which is written to the admin log.
    """

    list_display = ["subject", "created_on", "attempts", "last_error"]
    list_filter = [DeliveryFilter]
    actions = ["retry"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "html",
        "from_email",
        "created_on",
        "attempts",
        "last_error",
    ]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_retry_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Try again to send the selected messages"), permissions=["retry"])
    def retry(self, request, queryset):
        with transaction.atomic():
            emails = list(queryset.select_for_update())
            for email in emails:
                email.attempts = 0
                email.save(update_fields=["attempts"])
                record(request, email, _("Queued again for sending"))
                transaction.on_commit(partial(enqueue, email.pk))
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued again; it leaves this list once sent.",
                "%(count)d messages queued again; they leave this list once sent.",
                len(emails),
            )
            % {"count": len(emails)},
            messages.SUCCESS,
        )


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    """The public "Our commitments" page. Updates are their own list (below), so a commitment
    with years of updates still opens at once; this page links to them."""

    list_display = ["title", "status", "position", "updates_link"]
    list_editable = ["status", "position"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_latest_update()

    def get_changelist_formset(self, request, **kwargs):
        # The status and position boxes on each row get a name (WCAG 2.2: label, select-name).
        return super().get_changelist_formset(request, formset=LabelledModelFormSet, **kwargs)

    @admin.display(description=_("Updates"), ordering="update_count")
    def updates_link(self, obj):
        url = reverse("admin:collective_commitmentupdate_changelist")
        add = reverse("admin:collective_commitmentupdate_add")
        count = ngettext("%(count)d update", "%(count)d updates", obj.update_count) % {
            "count": obj.update_count
        }
        on_title = gettext(" on %(title)s") % {"title": obj.title}
        return format_html(
            '<a href="{}?commitment__id__exact={}">{}<span class="visually-hidden">{}</span></a>'
            ' · <a href="{}?commitment={}">{}<span class="visually-hidden">{}</span></a>',
            url,
            obj.pk,
            count,
            on_title,
            add,
            obj.pk,
            gettext("Add an update"),
            on_title,
        )


@admin.register(CommitmentUpdate)
class CommitmentUpdateAdmin(admin.ModelAdmin):
    list_display = ["commitment", "published_on", "short_text"]
    list_filter = ["commitment"]
    list_select_related = ["commitment"]
    search_fields = ["text"]
    date_hierarchy = "published_on"
    formfield_overrides = ACCESSIBLE_FORMFIELDS

    @admin.display(description=_("Update"))
    def short_text(self, obj):
        return Truncator(obj.text).words(20)


# allauth's own e-mail address admin, with its one action in the audit trail like every other.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(account_admin.EmailAddressAdmin):
    @admin.action(description=_("Mark selected email addresses as verified"))
    def make_verified(self, request, queryset):
        audit.record_each(request, queryset.filter(verified=False), _("Marked as verified"))
        super().make_verified(request, queryset)


# allauth.mfa's admin lets anyone with the permission edit an authenticator's secret data in a
# form, which can only break it (a malformed one even crashes its own page). Authenticators are
# set up by their owner; the admin may see them and delete one (a lost phone), nothing more.
admin.site.unregister(Authenticator)
# allauth names the model by its class, which no catalogue translates: name it here. Only the
# names shown change (`original_attrs`, which migrations read, stay allauth's).
Authenticator._meta.verbose_name = _("authenticator")
Authenticator._meta.verbose_name_plural = _("authenticators")


@admin.register(Authenticator)
class AuthenticatorAdmin(mfa_admin.AuthenticatorAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
