import factory

from library.models import Copy, Resource, Suggestion, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = Resource.Kind.BOOK
    title = factory.Sequence(lambda n: f"A book about things, volume {n}")
    creators = "Some Author"
    year = 2020
    description = "A description."
    published = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class BookFactory(ResourceFactory):
    """A published book with one copy to lend (copies=N for more)."""

    @factory.post_generation
    def copies(self, create, extracted, **kwargs):
        if create:
            for _ in range(1 if extracted is None else extracted):
                CopyFactory(resource=self)


class CopyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Copy

    resource = factory.SubFactory(ResourceFactory)
    code = factory.Sequence(lambda n: f"CPC-{n:05d}")


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    title = factory.Sequence(lambda n: f"A suggested resource {n}")
    kind = Resource.Kind.BOOK
    why = "It helped me."
