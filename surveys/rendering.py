"""A survey page's form as HTML, written in Python.

The survey page is the portal's hottest form: rendered through crispy-forms it took a template
(and a dozen included ones) per field, most of the page's time. This writes the same markup
directly: a label (or a fieldset and legend for choices), the hint and the error message next
to the field, each linked with aria-describedby, "*" on required questions, and the ids the
error summary links to (`id_q1`). tests/surveys/test_page_rendering.py checks each of these.
"""

import re

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from collective.lib import versions
from collective.lib.memory import Kept
from collective.lib.pages import paginate
from collective.templatetags.collective_chrome import kept_page
from surveys.apps import SurveysConfig
from surveys.forms import PageForm
from surveys.models import Findings, Question, Survey

# Blank pages' markup, by survey structure version, questions shown and language.
_blank_pages = Kept(128)


def page_form_html(form):
    """render_page_form(form), kept in memory when the page is blank.

    A page with nothing typed and nothing saved is the same for every respondent who sees the
    same questions: it depends only on the survey's structure (its data version), which of the
    page's questions apply, and the language. A page with answers is rendered afresh and never
    kept.
    """
    if form.is_bound or form.initial or form.version is None:
        return render_page_form(form)
    shown = tuple(question.pk for question in form.questions)
    key = (form.version, shown, frozenset(form.visible) & frozenset(shown), get_language())
    return _blank_pages.get_or_build(key, lambda: render_page_form(form))


def render_page_form(form):
    """Every question of a PageForm, each in its `survey-question` block."""
    blocks = []
    for question in form.questions:
        others = {
            str(choice.pk): form[choice.other_field_name]
            for choice in question.choices.all()
            if choice.other_field_name in form.fields
        }
        fields = [_field(form[question.field_name], question, others)]
        blocks.append(
            format_html(
                '<div class="survey-question"{}>{}</div>',
                _show_if_attrs(question),
                mark_safe("".join(fields)),
            )
        )
    return mark_safe("\n".join(blocks))


def _show_if_attrs(question):
    if question.show_if_question_id is None:
        return ""
    values = ",".join(str(choice.pk) for choice in question.show_if_choices.all())
    return format_html(
        ' data-show-if="q{}" data-show-if-values="{}"', question.show_if_question_id, values
    )


def _field(bound, question, others=None):
    if question is not None and question.kind in Question.CATEGORICAL_KINDS:
        return _choices(bound, others or {})
    return _input(bound)


def _described_by(bound):
    ids = []
    if bound.help_text:
        ids.append(f"{bound.auto_id}_helptext")
    if bound.errors:
        ids.append(f"{bound.auto_id}_error")
    return " ".join(ids)


def _help(bound):
    if not bound.help_text:
        return ""
    # The help text was escaped when the form was built (it holds staff-typed text).
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>', bound.auto_id, bound.help_text
    )


def _required_mark(bound):
    return mark_safe('<span class="asteriskField">*</span>') if bound.field.required else ""


def _choices(bound, others):
    """Radios or checkboxes as one fieldset; grouped choices as a fieldset each. An "other"
    choice has its own "please specify" box right under it (`others`: choice value → field);
    with JavaScript, the box shows only while its choice is ticked (other-box.js)."""
    widget = bound.field.widget
    invalid = bool(bound.errors)
    attrs = {"id": bound.auto_id}
    if widget.use_required_attribute(bound.initial) and bound.field.required:
        attrs["required"] = True
    if invalid:
        attrs["aria-invalid"] = "true"
    groups = []
    for group, options, _index in widget.optgroups(
        bound.html_name, widget.format_value(bound.value()), attrs
    ):
        items = mark_safe(
            "".join(
                format_html(
                    '<div class="form-check"><input type="{}" class="form-check-input{}" '
                    'name="{}" value="{}"{}><label for="{}" class="form-check-label">{}</label>'
                    "</div>{}",
                    option["type"],
                    " is-invalid" if invalid else "",
                    option["name"],
                    option["value"],
                    _attrs(option["attrs"], skip={"id"}, first_id=option["attrs"]["id"]),
                    option["attrs"]["id"],
                    option["label"],
                    _other_box(others.get(str(option["value"])), option["attrs"]["id"]),
                )
                for option in options
            )
        )
        if group:
            items = format_html(
                '<fieldset class="choice-group"><legend class="fs-6">{}</legend>{}</fieldset>',
                group,
                items,
            )
        groups.append(items)
    described = _described_by(bound)
    return format_html(
        '<div id="div_{id}" class="mb-4"><fieldset{described}>'
        '<legend class="form-label fs-6 fw-semibold">{label}{mark}</legend>{help}{errors}'
        '<div id="{id}" class="choice-options" tabindex="-1">{groups}</div></fieldset></div>',
        id=bound.auto_id,
        described=format_html(' aria-describedby="{}"', described) if described else "",
        label=bound.label,
        mark=_required_mark(bound),
        help=_help(bound),
        errors=_choice_errors(bound),
        groups=mark_safe("".join(groups)),
    )


def _other_box(bound, option_id):
    if bound is None:
        return ""
    return format_html(
        '<div class="other-box ms-4" data-other-for="{}">{}</div>', option_id, _input(bound)
    )


def _choice_errors(bound):
    if not bound.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
        bound.auto_id,
        format_html_join(
            "", '<p class="mb-1"><strong>{}</strong></p>', ((e,) for e in bound.errors)
        ),
    )


def _attrs(attrs, *, skip=(), first_id=None):
    """id="…" required checked… for one option (the id first, as Django writes it)."""
    parts = [format_html(' id="{}"', first_id)] if first_id else []
    for name, value in attrs.items():
        if name in skip or value is False or value is None:
            continue
        parts.append(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        )
    return mark_safe("".join(parts))


def _input(bound):
    """A text box, text area or number, with its label above."""
    widget = bound.field.widget
    invalid = bool(bound.errors)
    attrs = bound.build_widget_attrs(dict(widget.attrs))
    kind = getattr(widget, "input_type", "textarea")
    css = {"text": "textinput", "number": "numberinput", "textarea": "textarea"}.get(kind, kind)
    attrs["class"] = f"{css} form-control" + (" is-invalid" if invalid else "")
    if invalid:
        attrs["aria-invalid"] = "true"
    described = _described_by(bound)
    if described:
        attrs["aria-describedby"] = described
    value = widget.format_value(bound.value())
    if kind == "textarea":
        attrs.setdefault("cols", "40")
        control = format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            bound.html_name,
            _attrs(attrs, skip={"id"}, first_id=None) + format_html(' id="{}"', bound.auto_id),
            value or "",
        )
    else:
        shown = format_html(' value="{}"', value) if value not in (None, "") else ""
        control = format_html(
            '<input type="{}" name="{}"{}{} id="{}">',
            kind,
            bound.html_name,
            shown,
            _attrs(attrs, skip={"id"}),
            bound.auto_id,
        )
    errors = ""
    if invalid:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bound.auto_id,
            format_html_join(
                "",
                '<span id="error_{}_{}"><strong>{}</strong></span>',
                ((n, bound.auto_id, e) for n, e in enumerate(bound.errors, start=1)),
            ),
        )
    label_class = "form-label requiredField" if bound.field.required else "form-label"
    return format_html(
        '<div id="div_{id}" class="mb-3"><label for="{id}" class="{label_class}">{label}{mark}'
        "</label>{control}{errors}{help}</div>",
        id=bound.auto_id,
        label_class=label_class,
        label=bound.label,
        mark=_required_mark(bound),
        control=control,
        errors=errors,
        help=_help(bound),
    )


# ---- a survey page: questions and buttons, kept when blank


def page_context(request, structure, page, form, *, preview=False):
    return {
        "survey": structure.survey,
        "section": structure.section(page),
        "page": page,
        "page_count": structure.page_count,
        "form": form,
        "preview": preview,
        "signed_in": request.user.is_authenticated,
    }


def render_page(request, structure, page, form, *, preview=False):
    ctx = page_context(request, structure, page, form, preview=preview)
    return render(request, "surveys/survey_page.html", ctx)


def render_blank_page(request, structure, page, questions, visible):
    """A page with nothing typed on it is the same for everyone who sees the same questions
    of the same version of the survey: it is kept whole (collective_chrome.kept_page), and its
    form is not even built again."""
    shown = tuple(question.pk for question in questions)
    key = ("survey-page", page, shown, frozenset(visible) & frozenset(shown))

    def context():
        form = PageForm(questions=questions, visible=visible, version=structure.version)
        return page_context(request, structure, page, form)

    return kept_page(request, structure.version, key, "surveys/survey_page.html", context)


# ---- the surveys list: the same for every member, but for where each member is with each survey

STATES = ("done", "draft", "new")


def _state_marker(survey_id):
    # An HTML comment: a survey's title or anything else from the data is escaped and cannot
    # write one.
    return f"<!--survey-state:{survey_id}-->"


_STATE_MARKERS = re.compile(r"<!--survey-state:(\d+)-->")


def survey_list_content(request):
    """The open surveys' list (a page of it) and the "What we heard" links, as every member
    sees them, with a marker where each survey's state goes: {"html", "survey_ids", "states"}
    (the HTML of each state, in this language)."""
    listed = Survey.objects.listed().order_by("-opens_at", "title", "pk")
    page = paginate(request, listed)
    surveys = list(page.object_list)
    for survey in surveys:
        survey.state_marker = mark_safe(_state_marker(survey.pk))
    heard = Findings.objects.visible_to(request.user).select_related("survey")[:3]
    context = {"surveys": surveys, "page": page, "heard": heard}
    return {
        "html": render_to_string("surveys/includes/_survey_list_content.html", context),
        "survey_ids": [survey.pk for survey in surveys],
        "states": {
            state: render_to_string("surveys/includes/_survey_state.html", {"state": state})
            for state in STATES
        },
    }


def with_member_states(html, content, states):
    """The kept list's HTML (or a page holding it) with each survey's state for this member
    ({id: state}; "new" when not named), in one pass over the page however many it lists."""
    listed = set(content["survey_ids"])

    def state(marker):
        survey_id = int(marker.group(1))
        if survey_id not in listed:
            return marker.group(0)
        return content["states"][states.get(survey_id, "new")]

    return _STATE_MARKERS.sub(state, html)


def render_survey_list(request, content, states):
    """The surveys list page: kept whole (collective_chrome.kept_page) around the kept list,
    with this member's states filled in."""
    return kept_page(
        request,
        versions.current(*SurveysConfig.versioned_models),  # read already: no round trip
        ("survey-list", content["html"]),
        "surveys/survey_list.html",
        lambda: {"content": mark_safe(content["html"])},
        fill=lambda html: with_member_states(html, content, states),
    )
