from collective.lib.nonces import new_nonce
from feedback import receipts


def test_codes_have_twenty_digits_and_are_all_different():
    codes = {receipts.code_for(new_nonce()) for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) == 20 and code.isdigit() for code in codes)


def test_the_same_form_gives_the_same_code():
    nonce = new_nonce()
    assert receipts.code_for(nonce) == receipts.code_for(nonce)


def test_the_stored_hash_depends_on_the_secret_key(settings):
    code = "12345678901234567890"
    first = receipts.code_hash(code)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert receipts.code_hash(code) != first
    assert len(first) == 64 and code not in first


def test_typed_codes_are_normalised_and_anything_else_refused():
    assert receipts.normalise("1234 5678-9012 3456 7890") == "12345678901234567890"
    for typed in ["", "1234", "1234 5678 9012 3456 789X", "１" * 20, "1" * 21]:
        assert receipts.normalise(typed) is None


def test_codes_are_shown_in_groups_of_four():
    assert receipts.grouped("12345678901234567890") == "1234 5678 9012 3456 7890"
