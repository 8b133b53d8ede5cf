from io import StringIO

from feedback import demo
from feedback.models import Feedback, Message
from tests.feedback.conftest import OPEN_URL


def test_the_demo_has_feedback_in_every_state_and_is_safe_to_run_twice(db):
    demo.seed(StringIO())
    demo.seed(StringIO())
    assert Feedback.objects.count() == len(demo.ITEMS)
    assert set(Feedback.objects.values_list("status", flat=True)) == set(Feedback.Status.values)
    assert Message.objects.filter(from_staff=True).exists()


def test_the_printed_code_opens_the_demo_conversation(client, db):
    out = StringIO()
    demo.seed(out)
    printed = out.getvalue().split("receipt code ")[1].strip()
    page = client.post(OPEN_URL, {"code": printed}).content.decode()
    assert "last bus" in page
    assert "The Collective replied" in page and "You answered" in page
