"""CSV export (streamed row by row) and import (validated as a whole, all or nothing) of the
catalogue, for curators in the admin. The same columns go out and come back in, so a curator
can export, edit in a spreadsheet and import again: a row with an `id` updates that resource.
"""

import csv
import io

from django import forms
from django.db import transaction
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from library.models import Resource, Theme

COLUMNS = [
    "id",
    "kind",
    "title",
    "creators",
    "year",
    "language",
    "description",
    "link",
    "themes",
    "recommended_by",
    "why_recommended",
    "published",
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
TRUE = {"1", "yes", "true", "y"}


class _Echo:
    def write(self, value):
        return value


def _safe(value):
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_rows(queryset):
    """Yield CSV lines: a header, then one line per resource, fetched in chunks."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for resource in queryset.prefetch_related("themes").order_by("id").iterator(chunk_size=500):
        yield writer.writerow(
            [
                resource.pk,
                resource.kind,
                _safe(resource.title),
                _safe(resource.creators),
                resource.year or "",
                resource.language,
                _safe(resource.description),
                _safe(resource.link),
                "; ".join(theme.name for theme in resource.themes.all()),
                _safe(resource.recommended_by),
                _safe(resource.why_recommended),
                "yes" if resource.published else "no",
            ]
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        # The column names are the file's, the same in every language: marked as code.
        help_text=format_lazy(
            _("UTF-8, with a header row. Columns: {columns}."),
            columns=mark_safe(", ".join(f"<code>{column}</code>" for column in COLUMNS)),
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(gettext("The file is too large: the limit is 5 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                gettext("Save the file as CSV in UTF-8 and try again.")
            ) from error
        return text


class _RowForm(forms.ModelForm):
    link = forms.URLField(required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "creators",
            "year",
            "language",
            "description",
            "link",
            "recommended_by",
            "why_recommended",
        ]


def parse(text):
    """Validate every row. Returns (rows, errors); rows are (resource or None, data, themes)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"kind", "title"} - set(reader.fieldnames or [])
    if missing:
        columns = ", ".join(sorted(missing))
        return [], [gettext("The header row must include: %(columns)s.") % {"columns": columns}]
    rows, errors = [], []
    existing = {}
    try:
        records = list(reader)
    except csv.Error as error:
        return [], [gettext("The file is not valid CSV: %(error)s.") % {"error": error}]
    if len(records) > MAX_IMPORT_ROWS:
        limit = MAX_IMPORT_ROWS
        return [], [gettext("Import at most %(limit)s rows at a time.") % {"limit": limit}]
    ids = [r.get("id", "").strip() for r in records if (r.get("id") or "").strip().isdigit()]
    existing = Resource.objects.in_bulk([int(i) for i in ids])
    for number, record in enumerate(records, start=2):
        record = {key: (value or "").strip() for key, value in record.items() if key}
        resource = None
        if record.get("id"):
            resource = existing.get(int(record["id"])) if record["id"].isdigit() else None
            if resource is None:
                errors.append(
                    gettext("Row %(number)s: no resource has id %(id)s.")
                    % {"number": number, "id": record["id"]}
                )
                continue
        # Files from before resources had a language (or a blank cell) keep the one they have.
        record["language"] = record.get("language") or (resource.language if resource else "en")
        form = _RowForm(record, instance=resource)
        if not form.is_valid():
            for field, messages in form.errors.items():
                errors.extend(
                    gettext("Row %(number)s, %(field)s: %(message)s")
                    % {"number": number, "field": field, "message": message}
                    for message in messages
                )
            continue
        themes = [name.strip() for name in record.get("themes", "").split(";") if name.strip()]
        if any(not slugify(name) or len(name) > 80 for name in themes):
            errors.append(
                gettext("Row %(number)s, themes: each theme needs a name of 1 to 80 letters.")
                % {"number": number}
            )
            continue
        published = record.get("published", "").casefold() in TRUE
        rows.append((form, themes, published))
    return rows, errors


@transaction.atomic
def import_rows(rows):
    """Save validated rows; returns (created, updated)."""
    created = updated = 0
    for form, theme_names, published in rows:
        is_new = form.instance.pk is None
        resource = form.save(commit=False)
        resource.published = published
        resource.save()
        themes = []
        for name in theme_names:
            theme, _ = Theme.objects.get_or_create(slug=slugify(name)[:80], defaults={"name": name})
            themes.append(theme)
        resource.themes.set(themes)
        created, updated = created + is_new, updated + (not is_new)
    return created, updated
