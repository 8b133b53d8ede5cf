from django.urls import reverse


def test_the_privacy_notice_says_what_feedback_keeps_and_for_how_long(client, db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 45
    page = client.get(reverse("privacy")).content.decode()
    assert 'id="feedback-privacy"' in page
    assert "your IP address, your browser, the time of day" in " ".join(page.split())
    assert "until 45 days after the feedback readers close it" in " ".join(page.split())
    assert "No other staff can see feedback" in " ".join(page.split())


def test_deleting_an_account_explains_feedback_is_not_linked(client, member):
    client.force_login(member)
    page = " ".join(client.get(reverse("account-delete")).content.decode().split())
    assert "Anonymous feedback</strong> is not linked to your account" in page
