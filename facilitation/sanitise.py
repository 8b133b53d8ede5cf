"""Meeting notes are written by coordinators as limited HTML and shown to everyone.

nh3 (a Rust HTML sanitiser) keeps only the tags below: no scripts, styles, images, iframes or
event-handler attributes, and links only to http(s) and mailto.
"""

import nh3

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_notes_html(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
