from django.utils.translation import gettext_lazy as _

from collective.lib import apps as portal
from collective.lib.groups import LIBRARY_CURATORS


class LibraryConfig(portal.PortalAppConfig):
    name = "library"
    verbose_name = _("Library of Resources")
    nav = (_("Library"), "library:resource-list")
    privacy_template = "library/includes/_privacy.html"
    deletion_template = "library/includes/_deletion.html"
    versioned_models = ("library.Resource", "library.Theme", "library.Copy", "library.Loan")
    # Reader privacy: only the curators see loans; no other staff group gets anything here.
    staff_permissions = {
        LIBRARY_CURATORS: [
            f"library.{action}_{model}"
            for model in ["resource", "theme", "copy", "suggestion"]
            for action in ["view", "add", "change", "delete"]
        ]
        + ["library.view_loan", "library.add_loan", "library.change_loan"],
    }

    def home_panel(self, request):
        from library.models import Resource

        resources = Resource.objects.published().order_by("-created_at", "-id")[:5]
        return "library/includes/_home_panel.html", {"resources": list(resources)}

    def account_panel(self, request):
        from collective.lib.pages import latest
        from library.models import Loan

        loans, more = latest(
            Loan.objects.open()
            .for_member(request.user)
            .select_related("resource")
            .with_queue_place()
            .order_by("requested_at", "id")
        )
        return "library/includes/_account_panel.html", {"loans": loans, "more": more}

    def staff_work(self, request):
        from library.selectors import staff_work

        return staff_work(request.user)

    def export_user_data(self, user):
        from library.models import Loan, Suggestion

        loans = Loan.objects.for_member(user).select_related("resource", "copy")
        suggestions = Suggestion.objects.filter(suggested_by=user)
        return {
            "loans": [
                {
                    "title": loan.resource.title,
                    "status": loan.get_status_display(),
                    "delivery": loan.get_delivery_display(),
                    "postal_address": loan.postal_address,
                    "requested_on": loan.requested_at.date().isoformat(),
                    "loaned_on": loan.loaned_on,
                    "due_on": loan.due_on,
                    "ended_on": loan.ended_on,
                    "renewals": loan.renewals,
                }
                for loan in loans
            ],
            "suggestions": [
                {
                    "title": suggestion.title,
                    "kind": suggestion.get_kind_display(),
                    "link": suggestion.link,
                    "why": suggestion.why,
                    "name": suggestion.name,
                    "status": suggestion.get_status_display(),
                    "suggested_on": suggestion.created_on,
                }
                for suggestion in suggestions
            ],
        }

    def delete_user_data(self, user):
        from library.services import member_library_delete

        member_library_delete(user=user)
