from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _

from collective.lib import apps as portal
from collective.lib.groups import STAFF_GROUPS


class CollectiveConfig(portal.PortalAppConfig):
    name = "collective"
    verbose_name = _("Accounts and pages")
    privacy_template = "collective/includes/_privacy.html"
    deletion_template = "collective/includes/_deletion.html"
    footer = (_("Our commitments"), "commitment-list")
    # Every staff group keeps the public record of the commitments: each commitment's status and
    # its dated updates. Creating or deleting a commitment is left to superusers.
    staff_permissions = {
        group: [
            "collective.view_commitment",
            "collective.change_commitment",
            "collective.view_commitmentupdate",
            "collective.add_commitmentupdate",
            "collective.change_commitmentupdate",
        ]
        for group in STAFF_GROUPS
    }

    def ready(self):
        super().ready()
        from collective.lib import admin_guard
        from collective.lib.groups import sync_staff_groups

        admin_guard.install()

        post_migrate.connect(sync_staff_groups, sender=self, dispatch_uid="sync-staff-groups")

        from allauth.mfa.signals import authenticator_added

        from collective.second_factor import record_activation

        authenticator_added.connect(record_activation, dispatch_uid="second-factor-activation")

        from collective.lib import versions

        # Signed-in requests read the member's row from memory under its version
        # (collective/auth_backends.py): every change to a user must replace it.
        versions.watch("collective.User")
        from collective.auth_backends import forget

        post_delete.connect(forget, sender=self.get_model("User"), dispatch_uid="forget-user")

    def export_user_data(self, user):
        return {
            "email": user.email,
            "display_name": user.display_name,
            "pronouns": user.pronouns,
            "language": user.language,
            "date_joined": user.date_joined.date().isoformat(),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        }
