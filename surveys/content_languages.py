"""Survey content in several languages: the helpers around django-modeltranslation's columns
(surveys/translation.py says which fields are translated and why this library)."""

from django.conf import settings
from django.utils import translation
from modeltranslation import settings as mt_settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

#: The language survey content is written in first; every other one is a translation of it.
ORIGINAL = mt_settings.DEFAULT_LANGUAGE


def content_languages():
    """[(code, name)] of the languages survey content has columns for: those of LANGUAGES when
    the models were loaded (a language added to LANGUAGES later, as a test's pseudo language is,
    has no column to read or write)."""
    return [
        (code, name) for code, name in settings.LANGUAGES if code in mt_settings.AVAILABLE_LANGUAGES
    ]


def translation_languages():
    """[(code, name)] of the languages content can be translated into (all but the original)."""
    return [(code, name) for code, name in content_languages() if code != ORIGINAL]


def column(field, language):
    """The attribute holding `field` in `language`: column("title", "ar") == "title_ar"."""
    return build_localized_fieldname(field, language)


def translated_fields(model):
    return list(translator.get_options_for_model(model).fields)


def original_language():
    """Where staff write the original text: reading and setting `title` then means the
    original's column, whatever language the admin is shown in."""
    return translation.override(ORIGINAL)


def all_languages(obj, *fields):
    """{column: value} of `fields` in every language, to copy an object's texts whole."""
    return {
        column(field, code): getattr(obj, column(field, code))
        for field in fields
        for code, _name in content_languages()
    }


def translations_fill(obj, texts):
    """Give `obj` the translations found in `texts` ({language: {original text: translation}})
    for each translated field still empty in that language; never overwrite a translation
    staff wrote. Saves only when something changed. Returns the number of texts filled."""
    changed = []
    for field in translated_fields(type(obj)):
        original = getattr(obj, column(field, ORIGINAL))
        for language, known in texts.items():
            name = column(field, language)
            if original and not getattr(obj, name) and original in known:
                setattr(obj, name, known[original])
                changed.append(name)
    if changed:
        obj.save(update_fields=changed)
    return len(changed)


def every_language(field, prefix=""):
    """Lookups for `field` in every language, for admin searches: a plain "title" means the
    admin's own language only, so a survey not yet translated into it would not be found."""
    return [f"{prefix}{column(field, code)}" for code, _name in content_languages()]
