"""The strict CSP forbids inline scripts, event handlers and style attributes on every page."""

import re

from tests.feedback.conftest import FORM_URL, OPEN_URL, REPLY_URL, form_data, shown_code

INLINE = re.compile(r"""\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)""")


def test_no_feedback_page_has_inline_code(client, db):
    thanks = client.post(FORM_URL, form_data())
    code = shown_code(thanks)
    pages = [
        client.get(FORM_URL),
        client.post(FORM_URL, {}),
        thanks,
        client.get(OPEN_URL),
        client.post(OPEN_URL, {"code": "not a code"}),
        client.post(OPEN_URL, {"code": code}),
        client.post(REPLY_URL, {"code": code, "body": ""}),
    ]
    for response in pages:
        html = response.content.decode()
        assert not INLINE.search(html), INLINE.search(html).group(0)
