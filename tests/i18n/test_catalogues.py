"""The shipped catalogues are complete, compiled, safe to format, and up to date with the source.

Every language in settings.LANGUAGES but the source language (en-gb) ships
locale/<language>/LC_MESSAGES/django.po and its compiled .mo (committed: running the portal
needs no gettext). `make messages` extracts and compiles them (docs/translating.md).
"""

import re

import polib
import pytest

from tests.conftest import missing_service
from tests.i18n import catalogues
from tests.i18n.catalogues import SHIPPED

# %(name)s and %s / %d (with flags), but not %% (a literal percent sign).
PERCENT = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
BRACE = re.compile(r"\{[a-zA-Z0-9_]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def catalogue(language):
    path = catalogues.catalogue_path(language)
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


def placeholders(text, entry):
    """The format placeholders Python fills in (only for messages flagged as format strings)."""
    if "python-brace-format" in entry.flags:
        return sorted(BRACE.findall(text))
    if "python-format" in entry.flags:
        return sorted(PERCENT.findall(text.replace("%%", "")))
    return []


def translations(entry):
    if entry.msgid_plural:
        return [text for _index, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_is_translated(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} not translated: {untranslated[:10]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy (check, then remove the flag): {fuzzy[:10]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_the_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    mo_path = catalogues.catalogue_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    mo = {catalogues.key(entry): entry for entry in polib.mofile(str(mo_path))}
    for entry in po.translated_entries():
        compiled = mo.get(catalogues.key(entry))
        assert compiled is not None, f"{mo_path}: recompile (`make messages`): {entry.msgid!r}"
        assert translations(compiled) == translations(entry), f"{mo_path}: recompile"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_the_placeholders_and_tags(language):
    """A translation that names a placeholder the code does not fill in fails at run time."""
    problems = format_problems(catalogue(language))
    assert not problems, f"{language}: placeholders or tags differ:\n" + "\n".join(problems)


def test_a_lost_or_invented_placeholder_is_found():
    po = polib.POFile()
    entries = [
        ("Hello %(name)s", "Cześć %(name)s", None),
        ("Due on %(date)s", "Termin %(data)s", None),
        ('<a href="%(url)s">Read</a>', "Czytaj", None),
    ]
    for msgid, msgstr, _ in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"]))
    po.append(
        polib.POEntry(
            msgid="%(counter)s book",
            msgid_plural="%(counter)s books",
            msgstr_plural={0: "jedna książka", 1: "%(counter)s książki", 2: "%(counter)s książek"},
            flags=["python-format"],
        )
    )
    assert [problem.split(" -> ")[0] for problem in format_problems(po)] == [
        "'Due on %(date)s'",
        "'<a href=\"%(url)s\">Read</a>'",
    ]


def format_problems(po):
    problems = []
    for entry in po.translated_entries():
        texts = translations(entry)
        if entry.msgid_plural:
            # A plural form may leave the number out ("one book", in some languages "two
            # books"), but every form together must use every name, and none may add one.
            expected = set(
                placeholders(entry.msgid, entry) + placeholders(entry.msgid_plural, entry)
            )
            forms = [set(placeholders(text, entry)) for text in texts]
            bad = any(form - expected for form in forms) or set().union(*forms) != expected
        else:
            bad = placeholders(texts[0], entry) != placeholders(entry.msgid, entry)
        tags = sorted(TAG.findall(entry.msgid))
        if bad or any(sorted(TAG.findall(text)) != tags for text in texts):
            problems.append(f"{entry.msgid!r} -> {texts!r}")
    return problems


@pytest.mark.parametrize("language", SHIPPED)
def test_the_catalogue_has_every_message_of_the_source(language):
    """A string marked since the last `make messages` would show in English."""
    if not catalogues.have_xgettext():
        missing_service("xgettext not found (apt-get install gettext)")
    source = {catalogues.key(entry) for entry in catalogues.extract() if entry.msgid}
    shipped = {catalogues.key(entry) for entry in catalogue(language) if not entry.obsolete}
    missing = sorted(source - shipped)
    unused = sorted(shipped - source)
    assert not missing, f"{language}: run `make messages` and translate: {missing[:10]}"
    assert not unused, f"{language}: no longer in the source (`make messages`): {unused[:10]}"
