"""Writes that change surveys, responses and invitations. Each runs in one transaction."""

import logging
import secrets
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from collective.lib import emails, versions
from surveys.content_languages import ORIGINAL, all_languages, column, original_language
from surveys.models import (
    Answer,
    Draft,
    InvitationSend,
    Participation,
    Question,
    Recipient,
    Response,
    SealedResponse,
    Section,
    Survey,
)
from surveys.results import results_refresh_enqueue
from surveys.sealing import seal, unseal

logger = logging.getLogger(__name__)

#: At closing, a last batch smaller than the threshold is mixed with this many released responses
#: (or four times the threshold, if more), taken back at random and written again with it.
TAKE_BACK = 100


class AlreadyTakenPart(Exception):
    """The member has already answered this survey."""


class SurveyNotOpen(Exception):
    """The survey is not open for answers (not yet, or no longer)."""


class AlreadyReceived(Exception):
    """A visitor sent the same review form twice: the first copy was saved."""


def draft_save(*, survey, user, data, page):
    """Keep what the member has entered so far, exactly as typed."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Draft.objects.update_or_create(
                    survey=survey, user=user, defaults={"data": data, "page": page}
                )
        except IntegrityError:  # the same member saved twice at once: the second write wins
            Draft.objects.filter(survey=survey, user=user).update(data=data, page=page)


def response_submit(*, survey, user, answers):
    """Record a member's answers: the participation and the answers, in one transaction.

    Identified survey: the Response (with the user) is written at once. Anonymous survey: the
    answers wait sealed (no user, random key, no date) until `responses_release` writes them as
    a Response in a batch of its own, so nothing the database keeps pairs the participation with
    the response once it is released. The member's draft goes in the same transaction, so no
    copy of their answers stays linked to them. Nothing here is logged, on purpose.
    """
    with transaction.atomic():
        # Lock the member's row so that two submits at once queue here: the second one then
        # sees the first one's participation. The unique constraint is the backstop.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if not survey.is_open():
            raise SurveyNotOpen
        if Participation.objects.filter(survey=survey, user=user).exists():
            raise AlreadyTakenPart
        today = timezone.localdate()
        try:
            with transaction.atomic():
                Participation.objects.create(survey=survey, user=user, took_part_on=today)
        except IntegrityError:
            raise AlreadyTakenPart from None
        if survey.is_anonymous:
            SealedResponse.objects.create(survey=survey, answers=seal(_answer_items(answers)))
        else:
            response = Response.objects.create(survey=survey, user=user, submitted_on=today)
            Answer.objects.bulk_create(_answer_rows(response, _answer_items(answers)))
        Draft.objects.filter(survey=survey, user=user).delete()
        emails.send(
            "surveys-confirmation",
            to=[user.email],
            context={"survey": survey, "user": user, "took_part_on": today},
        )


def response_submit_visitor(*, survey, answers, submission_key, after=None):
    """Record the answers of someone without an account (an anonymous link survey).

    Nothing about the visitor is stored: the answers wait sealed like a member's, then become a
    response with no user, a random id and the release date. `submission_key` (a keyed hash of
    the form's random nonce) is unique, so the same form sent twice, even at once, is saved
    once. `after` runs inside the same transaction, so the caller can delete the visitor's
    draft together with the submit.
    """
    with transaction.atomic():
        if not survey.is_open() or not survey.open_to_visitors:
            raise SurveyNotOpen
        if response_received(submission_key=submission_key):
            raise AlreadyReceived  # already sent, and already released into the results
        try:
            with transaction.atomic():
                SealedResponse.objects.create(
                    survey=survey,
                    answers=seal(_answer_items(answers)),
                    submission_key=submission_key,
                )
        except IntegrityError:
            raise AlreadyReceived from None
        if after is not None:
            after()


def response_received(*, submission_key, survey=None):
    """Whether a visitor's form with this key was saved (waiting or released)."""
    waiting = SealedResponse.objects.filter(submission_key=submission_key)
    released = Response.objects.filter(submission_key=submission_key)
    if survey is not None:
        waiting, released = waiting.filter(survey=survey), released.filter(survey=survey)
    return waiting.exists() or released.exists()


def _answer_items(answers):
    """The answers as plain data, one item per future Answer row (a JSON-able list)."""
    items = []
    for answer in answers:
        question = answer.question.pk
        if answer.choices:
            for choice in answer.choices:
                text = answer.texts.get(choice.pk, "") if choice.is_other else ""
                items.append({"question": question, "choice": choice.pk, "text": text})
        else:
            items.append({"question": question, "number": answer.number, "text": answer.text})
    return items


def _answer_rows(response, items):
    return [
        Answer(
            response=response,
            question_id=item["question"],
            choice_id=item.get("choice"),
            number=item.get("number"),
            text=item.get("text", ""),
        )
        for item in items
    ]


def responses_release(*, survey, minimum=None):
    """Write the waiting anonymous answers of `survey` into the results, as one batch.

    Runs in a transaction of its own, so every released row carries this transaction's stamp,
    not the submit's; the batch is written in a random order (`SystemRandom`), with the release
    date and new random ids, so neither row order, `ctid`, `xmin`, ids nor dates line a
    response up with a participation. A batch holds at least the survey's threshold (the
    smallest group a response hides in), or, once the survey is closed, whatever remains; a
    remainder smaller than the threshold is rewritten together with released responses taken
    back at random (`_take_back_released`), so the last few are not a small batch of their
    own. `minimum` overrides the batch size (tests). Returns the number of responses released.
    """
    with transaction.atomic():
        # skip_locked: a second release running at the same time leaves these rows alone.
        sealed = list(
            SealedResponse.objects.select_for_update(skip_locked=True).filter(survey=survey)
        )
        closed = survey.is_closed()
        needed = minimum or (1 if closed else survey.threshold)
        if not sealed or len(sealed) < needed:
            return 0
        today, known = timezone.localdate(), _known_ids(survey)
        batch = [
            (
                Response(survey=survey, submitted_on=today, submission_key=row.submission_key),
                [item for item in unseal(row.answers) if _still_exists(item, known)],
            )
            for row in sealed
        ]
        SealedResponse.objects.filter(pk__in=[row.pk for row in sealed]).delete()
        if closed and len(sealed) < survey.threshold:
            batch += _take_back_released(survey, today)
        secrets.SystemRandom().shuffle(batch)
        Response.objects.bulk_create([response for response, _ in batch])
        Answer.objects.bulk_create(
            [row for response, items in batch for row in _answer_rows(response, items)]
        )
        # The protected results are recomputed in the background once the batch is in (the
        # beat job `results_refresh_stale` is the safety net if the broker is down).
        transaction.on_commit(lambda: results_refresh_enqueue(survey))
        return len(sealed)


def _known_ids(survey):
    questions = Question.objects.filter(section__survey=survey)
    return (
        set(questions.values_list("pk", flat=True)),
        set(questions.values_list("choices__pk", flat=True)) | {None},
    )


def _still_exists(item, known):
    """Staff may have deleted a question or a choice while the answer waited: skip it."""
    questions, choices = known
    return item["question"] in questions and item.get("choice") in choices


def _take_back_released(survey, today):
    """Released responses of the survey, chosen at random, deleted and returned for rewriting
    with the last batch, so that it is not a small batch of its own. Their number is bounded
    (TAKE_BACK), so closing a survey of any size costs the same."""
    rng = secrets.SystemRandom()
    ids = list(Response.objects.filter(survey=survey, user=None).values_list("pk", flat=True))
    chosen = rng.sample(ids, min(len(ids), max(TAKE_BACK, 4 * survey.threshold)))
    items = defaultdict(list)
    for row in Answer.objects.filter(response__in=chosen).values(
        "response_id", "question_id", "choice_id", "number", "text"
    ):
        items[row["response_id"]].append(
            {
                "question": row["question_id"],
                "choice": row["choice_id"],
                "number": row["number"],
                "text": row["text"],
            }
        )
    released = list(Response.objects.filter(pk__in=chosen))
    Answer.objects.filter(response__in=chosen).delete()
    Response.objects.filter(pk__in=chosen).delete()
    return [
        (
            Response(
                id=response.pk,
                survey=survey,
                submitted_on=today,
                submission_key=response.submission_key,
            ),
            items[response.pk],
        )
        for response in released
    ]


def survey_publish(*, survey):
    with transaction.atomic():
        if not Question.objects.filter(section__survey=survey).exists():
            raise ValidationError(
                gettext("“%(survey)s” has no questions yet.") % {"survey": survey}
            )
        survey.status = Survey.Status.PUBLISHED
        survey.save(update_fields=["status"])


def survey_close(*, survey):
    with transaction.atomic():
        now = timezone.now()
        survey.status = Survey.Status.CLOSED
        if survey.closes_at is None or survey.closes_at > now:
            survey.closes_at = now
        survey.save(update_fields=["status", "closes_at"])
        # What is still waiting goes into the results now, not at the next beat run.
        transaction.on_commit(lambda: _enqueue_release(survey.pk))


def _enqueue_release(survey_id):
    from surveys import tasks

    try:
        tasks.release_survey_responses.delay(survey_id)
    except Exception:  # the broker is down: the rows wait in PostgreSQL for the beat job
        logger.warning("Could not enqueue the release of survey %s; the beat job will", survey_id)


def survey_delete_responses(*, survey):
    """Retention: delete every response of a closed survey. Participation records remain,
    so the survey still knows who took part (and nobody can answer twice)."""
    with transaction.atomic():
        if not survey.is_closed():
            raise ValidationError(
                gettext("“%(survey)s” is still open: close it before deleting responses.")
                % {"survey": survey}
            )
        deleted = survey.responses.count() + survey.sealed_responses.count()
        Answer.objects.filter(response__survey=survey).delete()
        Response.objects.filter(survey=survey).delete()
        SealedResponse.objects.filter(survey=survey).delete()
        Draft.objects.filter(survey=survey).delete()
        return deleted


def survey_duplicate(*, survey):
    """A draft copy with every section, question, choice and show-if condition."""
    with transaction.atomic():
        slug = _free_slug(survey.slug)
        texts = all_languages(survey, "title", "intro")  # the translations are copied too
        texts[column("title", ORIGINAL)] += " (copy)"
        copy = Survey.objects.create(
            **texts,
            slug=slug,
            audience=survey.audience,
            mode=survey.mode,
            threshold=survey.threshold,
        )
        question_map, choice_map = {}, {}
        for section in survey.sections.order_by("position", "id"):
            new_section = Section.objects.create(
                survey=copy, **all_languages(section, "title", "intro"), position=section.position
            )
            for question in section.questions.order_by("position", "id"):
                old_pk = question.pk
                conditions = list(question.show_if_choices.values_list("pk", flat=True))
                choices = list(question.choices.order_by("position", "id"))
                question.pk = None
                question.section = new_section
                question.show_if_question_id = question_map.get(question.show_if_question_id)
                question.save()
                question_map[old_pk] = question.pk
                for choice in choices:
                    old_choice = choice.pk
                    choice.pk = None
                    choice.question = question
                    choice.save()
                    choice_map[old_choice] = choice.pk
                question.show_if_choices.set(
                    [choice_map[pk] for pk in conditions if pk in choice_map]
                )
        return copy


def _free_slug(slug):
    base = f"{slug[:70]}-copy"
    candidate, number = base, 2
    while Survey.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def invitation_send_start(*, survey, kind, group=None, by=None):
    """Record a send, its recipients and one outbox e-mail for each, in one transaction.

    The messages are in the outbox when the send commits, so an outage of Redis or the worker
    delays them but loses none (the beat sweep sends what is left); each person once per send.
    """
    with transaction.atomic():
        if not survey.is_open():
            raise ValidationError(
                gettext("“%(survey)s” is not open, so nobody can answer it yet.")
                % {"survey": survey}
            )
        send = InvitationSend.objects.create(survey=survey, kind=kind, group=group, created_by=by)
        for recipient_id in invitation_recipients_create(send_id=send.pk):
            recipient_notify(recipient_id=recipient_id)
        return send


def invitation_recipients_create(*, send_id):
    """Everyone the send should reach, as Recipient rows. Safe to run again: the unique
    constraint keeps one row per person, so a rerun adds nobody twice."""
    with transaction.atomic():
        send = InvitationSend.objects.select_related("survey").get(pk=send_id)
        people = get_user_model().objects.filter(
            is_active=True, emailaddress__verified=True, emailaddress__primary=True
        )
        if send.group_id:
            people = people.filter(groups=send.group_id)
        if send.kind == InvitationSend.Kind.REMINDER:
            people = people.exclude(survey_participations__survey=send.survey)
        Recipient.objects.bulk_create(
            [Recipient(send=send, user_id=pk) for pk in people.values_list("pk", flat=True)],
            ignore_conflicts=True,
        )
        return list(send.recipients.filter(sent_on__isnull=True).values_list("pk", flat=True))


def recipient_notify(*, recipient_id):
    """E-mail one recipient, once. The row lock stops a retry and a rerun both sending."""
    with transaction.atomic():
        recipient = (
            Recipient.objects.select_for_update()
            .select_related("send__survey", "user")
            .filter(pk=recipient_id, sent_on__isnull=True)
            .first()
        )
        if recipient is None:
            return False
        send, survey = recipient.send, recipient.send.survey
        if not survey.is_open():
            return False
        took_part = Participation.objects.filter(survey=survey, user=recipient.user).exists()
        if send.kind == InvitationSend.Kind.REMINDER and took_part:
            return False
        emails.send(
            f"surveys-{send.kind}",
            to=[recipient.user.email],
            context={"survey": survey, "user": recipient.user},
        )
        recipient.sent_on = timezone.localdate()
        recipient.save(update_fields=["sent_on"])
        return True


def question_prepare(*, question):
    """After the admin saves a question: yes/no questions get their two choices."""
    with transaction.atomic():
        question.ensure_yes_no_choices()


def findings_publish(*, findings):
    """Publish "what we heard" for a closed survey (dated today); refuse an open survey's."""
    if not findings.can_publish():
        raise ValidationError(
            gettext("Close the survey first: findings are published once every answer is in.")
        )
    findings.published_on = timezone.localdate()
    findings.save(update_fields=["published_on"])


def findings_unpublish(*, findings):
    findings.published_on = None
    findings.save(update_fields=["published_on"])


# ---- the builder: order of pages and questions -----------------------------------------------


def _pages(survey):
    """The survey's pages, in order, each as [section, [question, ...]], locked for the move."""
    Survey.objects.select_for_update().get(pk=survey.pk)  # one builder edit at a time
    sections = list(Section.objects.filter(survey=survey).order_by("position", "id"))
    questions = Question.objects.filter(section__survey=survey).order_by("position", "id")
    pages = {section.pk: [section, []] for section in sections}
    for question in questions:
        pages[question.section_id][1].append(question)
    return list(pages.values())


def _check_conditions(pages):
    """Every show-if condition must point to an earlier question (the form enforces the same)."""
    seen = set()
    for _, questions in pages:
        for question in questions:
            condition = question.show_if_question_id
            if condition is not None and condition not in seen:
                earlier = Question.objects.get(pk=condition)
                raise ValidationError(
                    gettext(
                        "“%(question)s” is shown depending on the answer to “%(earlier)s”, "
                        "so it has to come after it."
                    )
                    % {"question": question.text, "earlier": earlier.text}
                )
            seen.add(question.pk)


def _save(pages):
    sections, questions = [], []
    for page_position, (section, page_questions) in enumerate(pages):
        section.position = page_position
        sections.append(section)
        for position, question in enumerate(page_questions):
            question.position, question.section_id = position, section.pk
            questions.append(question)
    Section.objects.bulk_update(sections, ["position"])
    Question.objects.bulk_update(questions, ["position", "section"])
    # bulk_update sends no signal: cached survey structures (respondents, preview) must move on.
    versions.bump("surveys.Section")
    versions.bump("surveys.Question")


def question_move(*, question, up):
    """Move a question one place up or down; past the top or bottom of its page it moves to
    the end of the page before, or the start of the page after."""
    with transaction.atomic():
        pages = _pages(question.section.survey)
        where = next(i for i, (section, _) in enumerate(pages) if section.pk == question.section_id)
        page = pages[where][1]
        index = next(i for i, q in enumerate(page) if q.pk == question.pk)
        moved = page.pop(index)
        if up and index > 0:
            page.insert(index - 1, moved)
        elif not up and index < len(page):
            page.insert(index + 1, moved)
        elif up and where > 0:
            pages[where - 1][1].append(moved)
        elif not up and where < len(pages) - 1:
            pages[where + 1][1].insert(0, moved)
        else:
            already = (
                gettext("“%(question)s” is already the first.")
                if up
                else gettext("“%(question)s” is already the last.")
            )
            raise ValidationError(already % {"question": question.text})
        _check_conditions(pages)
        _save(pages)


def section_move(*, section, up):
    """Move a page, with its questions, one place up or down."""
    with transaction.atomic():
        pages = _pages(section.survey)
        index = next(i for i, (s, _) in enumerate(pages) if s.pk == section.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(pages):
            already = (
                gettext("“%(page)s” is already the first page.")
                if up
                else gettext("“%(page)s” is already the last page.")
            )
            raise ValidationError(already % {"page": section.title})
        pages[index], pages[other] = pages[other], pages[index]
        _check_conditions(pages)
        _save(pages)


def section_add(*, survey, title):
    """A new page at the end of the survey."""
    with transaction.atomic():
        position = len(_pages(survey))
        with original_language():  # staff type the original title; translations come later
            return Section.objects.create(survey=survey, title=title, position=position)


def question_place(*, question):
    """A question added from the builder goes last on its page."""
    with transaction.atomic():
        last = (
            Question.objects.filter(section=question.section_id)
            .exclude(pk=question.pk)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        question.position = 0 if last is None else last + 1
        question.save(update_fields=["position"])
