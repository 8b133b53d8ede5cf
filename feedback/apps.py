from django.utils.translation import gettext_lazy as _

from collective.lib import apps as portal
from collective.lib.groups import FEEDBACK_READERS


class FeedbackConfig(portal.PortalAppConfig):
    name = "feedback"
    verbose_name = _("Anonymous feedback")
    nav = (_("Anonymous feedback"), "feedback:feedback-create")
    # Feedback readers only: every other staff group gets nothing here, not even "view".
    # Replies are written on the feedback's own page (change_feedback), which sends the e-mail.
    staff_permissions = {
        FEEDBACK_READERS: [
            "feedback.view_feedback",
            "feedback.change_feedback",
            "feedback.view_message",
        ],
    }
    privacy_template = "feedback/includes/_privacy.html"
    deletion_template = "feedback/includes/_deletion.html"
    # No export_user_data / delete_user_data: no feedback is linked to any account.

    def staff_work(self, request):
        from feedback.selectors import staff_work

        return staff_work(request.user)
