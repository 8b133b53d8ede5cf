"""Demo people for `manage.py seed_demo`. Other apps add their content in their own demo.py."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from cryptography.fernet import InvalidToken
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


STAFF = ["staff@example.org", "admin@example.org"]


def how_to_log_in():
    """What a newcomer needs to sign in, second factor included (printed last by seed_demo)."""
    lines = [
        f"Sign in at http://127.0.0.1:8000/accounts/login/ (password for every demo account: "
        f"{DEMO_PASSWORD}):",
        "  staff@example.org  - staff, in every staff group (the admin is at /admin/)",
        "  admin@example.org  - superuser",
        "  Staff also type a code from an authenticator app (the admin needs it). Add the key",
        "  below to an app (Aegis, Google Authenticator, 1Password...), or type a recovery code",
        "  (each works once):",
    ]
    for email in STAFF:
        secret, codes = demo_second_factor(User.objects.get(email=email))
        lines.append(f"    {email}: key {secret}")
        lines.append(f"      recovery codes: {' '.join(codes)}")
    lines.append("  amara@example.org, ben@example.org, chidi@example.org, ... - members")
    return "\n".join(lines) + "\n"


def demo_second_factor(user):
    """Give a demo staff account an authenticator app: (its key, its unused recovery codes).

    The secrets are encrypted with a key derived from SECRET_KEY: if it changed since the demo
    was seeded (a benchmark's throwaway key), the old ones cannot be read and are replaced."""
    try:
        return _demo_second_factor(user)
    except InvalidToken:
        Authenticator.objects.filter(user=user).delete()
        return _demo_second_factor(user)


def _demo_second_factor(user):
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if app is None:
        app = TOTP.activate(user, generate_totp_secret()).instance
    secret = decrypt(app.data["secret"])
    codes = RecoveryCodes.activate(user)
    return secret, codes.get_unused_codes()


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
    admin = demo_user("admin@example.org", display_name="Admin", is_staff=True, is_superuser=True)
    for user in [staff, admin]:
        demo_second_factor(user)
    for email, name, pronouns in MEMBERS:
        demo_user(email, display_name=name, pronouns=pronouns)
