"""The portal's date and time formats per language (FORMAT_MODULE_PATH).

Templates name a format (`|date:"DATE_FORMAT"`), never spell one out, so each language gets
its own order, month case and clock: "1 December 2026" in English, "1 grudnia 2026" in Polish
(the month in the genitive, Django's `E`), a 24-hour clock in Polish. What a language does not
set here comes from Django's own formats for it.
"""
