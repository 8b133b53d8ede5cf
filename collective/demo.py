"""Demo people for `manage.py seed_demo`. Other apps add their content in their own demo.py."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from collective.lib.groups import STAFF_GROUPS
from collective.models import User

DEMO_PASSWORD = "collective-demo-2026"

MEMBERS = [
    ("amara@example.org", "Amara", "she/her"),
    ("ben@example.org", "Ben", "he/him"),
    ("chidi@example.org", "Chidi", "he/him"),
    ("dana@example.org", "Dana", "they/them"),
    ("esther@example.org", "Esther", ""),
    ("farah@example.org", "Farah", "she/her"),
]


HOW_TO_LOG_IN = (
    f"Log in at http://127.0.0.1:8000/accounts/login/ (password for every demo account: "
    f"{DEMO_PASSWORD}):\n"
    "  staff@example.org  - staff, in every staff group (the admin is at /admin/)\n"
    "  admin@example.org  - superuser\n"
    "  amara@example.org, ben@example.org, chidi@example.org, ... - members\n"
)


def demo_user(email, *, display_name="", pronouns="", **fields):
    """Create (or fetch) a user with a verified e-mail address, so they can log in at once."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "pronouns": pronouns, **fields}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(stdout):
    staff = demo_user("staff@example.org", display_name="Sam (staff)", is_staff=True)
    staff.groups.set(Group.objects.filter(name__in=STAFF_GROUPS))
    demo_user("admin@example.org", display_name="Admin", is_staff=True, is_superuser=True)
    for email, name, pronouns in MEMBERS:
        demo_user(email, display_name=name, pronouns=pronouns)
