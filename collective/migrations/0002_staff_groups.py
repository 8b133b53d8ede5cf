from django.db import migrations

STAFF_GROUPS = ["Library curators", "Survey managers", "Facilitation coordinators", "Feedback readers"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=STAFF_GROUPS).delete()


class Migration(migrations.Migration):
    """The staff groups. Their permissions are declared by each app (`staff_permissions` on its
    AppConfig) and applied after every migrate by collective.lib.groups.sync_staff_groups."""

    dependencies = [("collective", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, remove_groups)]
