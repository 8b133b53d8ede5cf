import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from collective.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified e-mail address and the password PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.set(Group.objects.filter(name__in=extracted))
