import factory

from collective.lib.nonces import new_nonce
from feedback import receipts
from feedback.models import Feedback, Message


def new_code():
    return receipts.code_for(new_nonce())


class FeedbackFactory(factory.django.DjangoModelFactory):
    """Feedback whose receipt code is `code` (pass one in to be able to open it)."""

    class Meta:
        model = Feedback

    class Params:
        code = factory.LazyFunction(new_code)

    topic = Feedback.Topic.GENERAL
    message = factory.Faker("paragraph")
    receipt_hash = factory.LazyAttribute(lambda o: receipts.code_hash(o.code))


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    feedback = factory.SubFactory(FeedbackFactory)
    from_staff = True
    body = factory.Faker("paragraph")
    position = factory.Sequence(lambda n: n + 1)
