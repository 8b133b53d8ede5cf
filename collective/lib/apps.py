"""How an app of the portal plugs into the shared pages without `collective` importing it.

Each app's `AppConfig` subclasses `PortalAppConfig` and fills in what it offers (import the
module, `from collective.lib import apps as portal`, so that Django finds a single AppConfig class
in the app's apps.py). The home page, the navigation, the account page, "download my data",
"delete my account", the privacy notice, the staff groups and the admin's overview of work
waiting all ask every installed app through `portal_apps()`.

The hooks, and who calls them:
- `nav`, `footer`: the layout (collective.context_processors.portal);
- `staff_permissions`: the staff groups (collective.lib.groups, after every migrate);
- `privacy_template`, `deletion_template`: the privacy notice and "delete my account";
- `home_panel(request)`: the home page; `account_panel(request)`: the account page;
- `export_user_data(user)`, `delete_user_data(user)`: "download my data", "delete my account";
- `staff_work(request)`: the admin index's "work waiting for you" (collective.admin);
- not a hook but a convention: a module `<app>.demo` with `seed(stdout)` is run by
  `manage.py seed_demo`.
A hook's body is one call to the app's selector or service; queries live in the app.
"""

from django.apps import AppConfig, apps


class PortalAppConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"

    #: Shown in the main navigation, in INSTALLED_APPS order: (label, URL name) or None.
    nav = None
    #: Shown in every page's footer: (label, URL name) or None.
    footer = None
    #: Permissions each staff group gets on this app's models, e.g.
    #: {"Library curators": ["library.view_loan", "library.change_loan"]}.
    staff_permissions = {}
    #: Template included on the privacy notice: what this app stores, how long, who sees it.
    privacy_template = None
    #: Template included in "delete my account": what happens to each kind of record.
    deletion_template = None
    #: Models whose rows cached pages are built from ("app.Model"): each gets a data version
    #: (collective.lib.versions) that changes on every save and delete. Never a model holding
    #: anything anonymous people send: a version's change would date it.
    versioned_models = ()

    def ready(self):
        from collective.lib import versions

        versions.watch(*self.versioned_models)

    def home_panel(self, request):
        """(template name, context) for "what is happening now" on the home page, or None."""
        return None

    def account_panel(self, request):
        """(template name, context) for the member's account page, or None."""
        return None

    def staff_work(self, request):
        """Work waiting in this app for the admin index: a list of (label, count, URL) rows.

        Only rows `request.user` may see (their permissions), each URL the admin changelist
        filtered to that work, each count one query whatever the data size.
        """
        return []

    def export_user_data(self, user):
        """What this app holds about `user`, as JSON-serialisable data (or None)."""
        return None

    def delete_user_data(self, user):
        """Called inside the transaction that deletes `user`, before the user row goes.

        Anonymise what must outlive the account (counts for reports) and delete the rest;
        whatever is left pointing at the user is removed by its foreign key's on_delete.
        """


def portal_apps():
    return [config for config in apps.get_app_configs() if isinstance(config, PortalAppConfig)]
