"""Reading and making translation catalogues for the tests (polib; xgettext where installed).

`extract()` runs Django's own `makemessages` on a copy of the source in a temporary directory, so
nothing under locale/ is touched and the result is what `make messages` would extract now.
"""

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.utils.translation import to_locale

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
# The languages the portal ships a catalogue for (en-gb is the source language: its catalogue
# is hand-written, only rewording allauth's messages).
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What `make messages` leaves out (keep the two lists the same).
NOT_SOURCE = [".*", "tests", "bench", "build", "staticfiles", "deploy", "docs", "locale", "media"]


def locale_name(language):
    return to_locale(language)


def catalogue_path(language):
    return LOCALE / locale_name(language) / "LC_MESSAGES" / "django.po"


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def have_xgettext():
    return shutil.which("xgettext") is not None and shutil.which("msgmerge") is not None


@functools.cache
def extract():
    """The portal's messages as `make messages` finds them in the source now: a polib file."""
    with tempfile.TemporaryDirectory(prefix="collective-messages-") as tmp:
        copy = Path(tmp) / "source"
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.sqlite3")
        shutil.copytree(BASE_DIR, copy, ignore=_top_level(NOT_SOURCE, ignore))
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "ar"]
            + ["--no-location", "--no-obsolete", "--extension", "html,txt,py"],
            cwd=copy,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "collective.settings"},
            check=True,
            capture_output=True,
        )
        return polib.pofile(str(copy / "locale" / "ar" / "LC_MESSAGES" / "django.po"))


def _top_level(names, ignore):
    def ignored(directory, entries):
        top = set(shutil.ignore_patterns(*names)(directory, entries))
        return (top if Path(directory) == BASE_DIR else set()) | ignore(directory, entries)

    return ignored


def third_party_entries(language="ar"):
    """What Django and the installed apps (allauth, ...) translate themselves into `language`."""
    paths = [Path(__import__("django").__file__).parent / "conf" / "locale"]
    paths += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    entries = []
    for path in paths:
        mo = path / language / "LC_MESSAGES" / "django.mo"
        if mo.exists() and not str(mo).startswith(str(BASE_DIR / "locale")):
            entries += [entry for entry in polib.mofile(str(mo)) if entry.msgid]
    return entries


# ---- the pseudo language ---------------------------------------------------------------------
PSEUDO = "en-xa"
_LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒğħíĵķłɱñøþʠŕšŧúṽŵẋýžÁƁÇĐÉƑĞĦÍĴĶŁṀÑØÞɊŔŠŦÚṼŴẊÝŽ",
)
# Left as they are: placeholders (%(name)s, %s, {name}), HTML tags and entities.
_KEEP = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifrx%]"
    r"|\{[a-zA-Z0-9_.]*\}|<[^>]*>|&[a-zA-Z0-9#]+;"
)


def pseudo(text):
    """`Save %(title)s` -> `⟦Šáṽé %(title)s⟧`: every letter changed, placeholders kept."""
    if not text:
        return text
    out, at = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[at : match.start()].translate(_LOOK_ALIKES))
        out.append(match.group())
        at = match.end()
    out.append(text[at:].translate(_LOOK_ALIKES))
    return "⟦" + "".join(out) + "⟧"


def build_pseudo_locale(directory, portal_entries):
    """Write <directory>/en_XA/LC_MESSAGES/django.mo: every message, pseudo-translated."""
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "Language": locale_name(PSEUDO),
    }
    seen = set()
    for entry in [*portal_entries, *third_party_entries()]:
        # A message and a plural one with the same msgid are two messages to gettext (the
        # portal's "Please correct the error below." and the admin's, with its plural).
        message = (key(entry), bool(entry.msgid_plural))
        if not entry.msgid or message in seen or entry.obsolete:
            continue
        seen.add(message)
        pseudo_entry = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid)
        if entry.msgid_plural:
            pseudo_entry.msgid_plural = entry.msgid_plural
            pseudo_entry.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
        else:
            pseudo_entry.msgstr = pseudo(entry.msgid)
        po.append(pseudo_entry)
    target = Path(directory) / locale_name(PSEUDO) / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    po.save_as_mofile(str(target / "django.mo"))
    return target / "django.mo"
