"""The staff groups. Each has least privilege: an app grants its group(s) what they need."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils.translation import gettext_lazy as _

LIBRARY_CURATORS = "Library curators"
SURVEY_MANAGERS = "Survey managers"
FACILITATION_COORDINATORS = "Facilitation coordinators"
FEEDBACK_READERS = "Feedback readers"
STAFF_GROUPS = [LIBRARY_CURATORS, SURVEY_MANAGERS, FACILITATION_COORDINATORS, FEEDBACK_READERS]
# The names above are the database's (English, fixed by migration collective 0002); staff read
# them in their own language.
GROUP_LABELS = {
    LIBRARY_CURATORS: _("Library curators"),
    SURVEY_MANAGERS: _("Survey managers"),
    FACILITATION_COORDINATORS: _("Facilitation coordinators"),
    FEEDBACK_READERS: _("Feedback readers"),
}


def group_label(group):
    """A group's name as staff read it: a staff group's in their language, any other as named."""
    return GROUP_LABELS.get(group.name, group.name)


def sync_staff_groups(**kwargs):
    """post_migrate: give each staff group exactly the permissions the apps declare.

    The groups themselves are created by migration collective 0002; this runs after every
    migrate (and after a test database flush), once permissions exist, so that a permission an
    app stops declaring is also taken away.
    """
    from django.contrib.auth.models import Group, Permission

    from collective.lib.apps import portal_apps

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    wanted = {name: set() for name in STAFF_GROUPS}
    for app_config in portal_apps():
        for group_name, perms in app_config.staff_permissions.items():
            wanted[group_name].update(perms)
    for group_name, perms in wanted.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = [_permission(Permission, perm) for perm in sorted(perms)]
        group.permissions.set(permissions)


def _permission(Permission, dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)
