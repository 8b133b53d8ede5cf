"""Staff open the admin only with a second factor (allauth.mfa: an authenticator app).

The admin holds loans, postal addresses, survey answers and feedback, so a stolen password must
not be enough. Two things are checked on every admin request (`admin_gate`):

1. the account has an authenticator app (a TOTP authenticator), and
2. this session was signed in with it (allauth records each step of a log-in in the session;
   a code from the app or a recovery code is recorded as "mfa").

Without 1, staff are sent to the two-step sign-in page, which says why and how to set the app up
(templates/mfa/index.html); without 2 (signed in
before they set it up, or in a session that skipped it), to type a code from it. Setting the app
up proves the code once, so it counts as signing in with it (`record_activation`).
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

WHY_CODE = _(
    "Type a code from your authenticator app (or a recovery code) to open the staff admin."
)


def has_authenticator_app(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def signed_in_with_second_factor(request):
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def admin_gate(request):
    """A redirect for a staff member who may not open the admin yet, or None when they may."""
    if not has_authenticator_app(request.user):
        return redirect("mfa_index")
    if not signed_in_with_second_factor(request):
        messages.info(request, WHY_CODE)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    return None


def record_activation(sender, request, user, authenticator, **kwargs):
    """allauth's authenticator_added signal: a new app was proven with a code just now."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
