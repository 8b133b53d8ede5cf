from tests.factories import PASSWORD, UserFactory


def log_in(client, password):
    return client.post("/accounts/login/", {"login": "target@example.org", "password": password})


def test_repeated_failed_log_ins_are_rate_limited(client, db):
    UserFactory(email="target@example.org")
    for _ in range(5):
        assert "not correct" in log_in(client, "wrong").content.decode()
    response = log_in(client, PASSWORD)
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_sign_ups_get_the_friendly_429_page(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for n in range(2):
        client.post("/accounts/signup/", {"email": f"p{n}@example.org"})
    response = client.post("/accounts/signup/", {"email": "p3@example.org"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
