"""The feedback pages. All of them: no cache, no session, no log line, nothing about the visitor.

The thank-you and thread pages are the answers to POSTs, not redirects: the receipt code must
never travel in an address (it would land in access logs and history) and there is no session
to carry it across a redirect (a session would tie the visit to the sender).
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from collective.lib.nonces import new_nonce
from feedback import ratelimit, receipts, services
from feedback.forms import FeedbackForm, ReceiptCodeForm, SenderReplyForm
from feedback.models import Feedback

TOO_MANY_SUBMISSIONS = _(
    "We have had a lot of feedback from your connection in the last hour, so we cannot take more "
    "just now. Your message is still here: please try again in an hour."
)
TOO_MANY_CODES = _(
    "Too many wrong receipt codes have been tried from your connection. Please try again in an "
    "hour."
)
WRONG_CODE = _(
    "We cannot find feedback with that receipt code. Check each digit and try again. If the "
    "feedback was closed more than a few months ago, it has been deleted."
)


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_create(request):
    data = request.POST if request.method == "POST" else None
    form = FeedbackForm(data, initial={"nonce": new_nonce()})
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        code = receipts.code_for(fields["nonce"])
        feedback = Feedback.objects.for_code(code)
        if feedback is None:  # not a resubmission of a form already sent
            if not ratelimit.submission_allowed(request):
                form.add_error(None, TOO_MANY_SUBMISSIONS)
                return render(request, "feedback/feedback_form.html", {"form": form}, status=429)
            feedback, _created = services.feedback_submit(
                code=code,
                topic=fields["topic"],
                message=fields["message"],
                wants_reply=fields["wants_reply"],
                contact_name=fields["contact_name"],
                contact_email=fields["contact_email"],
            )
        ctx = {"code": receipts.grouped(code), "feedback": feedback}
        return render(request, "feedback/feedback_thanks.html", ctx)
    return render(request, "feedback/feedback_form.html", {"form": form})


def _thread(request, feedback, code, *, reply_form=None, sent=False):
    reply_form = reply_form or SenderReplyForm(initial={"code": receipts.grouped(code)})
    ctx = {
        "feedback": feedback,
        "thread": feedback.messages.all(),
        "reply_form": reply_form,
        "sent": sent,
    }
    return render(request, "feedback/feedback_thread.html", ctx)


def _code_page(request, form, *, refusal=None, status=200):
    ctx = {"form": form, "refusal": refusal}
    return render(request, "feedback/receipt_form.html", ctx, status=status)


def _typed_code(request):
    """What was typed in the code box, shown back in an unbound form after a refusal."""
    return ReceiptCodeForm(initial={"code": request.POST.get("code", "")[:100]})


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_open(request):
    """Enter a receipt code to read the replies to one's feedback."""
    if request.method != "POST":
        return _code_page(request, ReceiptCodeForm())
    if not ratelimit.code_attempts_left(request):
        return _code_page(request, _typed_code(request), refusal=TOO_MANY_CODES, status=429)
    form = ReceiptCodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, form)
    feedback = Feedback.objects.for_code(form.cleaned_data["code"])
    if feedback is None:
        ratelimit.wrong_code(request)
        form.add_error("code", WRONG_CODE)
        return _code_page(request, form)
    return _thread(request, feedback, form.cleaned_data["code"])


@never_cache
@require_POST
def message_create(request):
    """The sender answers a reply, proving with the code (in the POST body) that it is theirs."""
    if not ratelimit.code_attempts_left(request):
        return _code_page(request, ReceiptCodeForm(), refusal=TOO_MANY_CODES, status=429)
    code = receipts.normalise(request.POST.get("code", ""))
    feedback = Feedback.objects.for_code(code) if code else None
    if feedback is None:
        ratelimit.wrong_code(request)
        return _code_page(request, ReceiptCodeForm(), refusal=WRONG_CODE)
    form = SenderReplyForm(request.POST)
    if not form.is_valid():
        return _thread(request, feedback, code, reply_form=form)
    try:
        services.message_from_sender(feedback_id=feedback.pk, body=form.cleaned_data["body"])
    except services.FeedbackClosed:
        pass  # the page says the conversation is closed, and shows the answer was not sent
    else:
        return _thread(request, Feedback.objects.get(pk=feedback.pk), code, sent=True)
    return _thread(request, Feedback.objects.get(pk=feedback.pk), code, reply_form=form)
