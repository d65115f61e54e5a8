import factory
from factory.django import DjangoModelFactory

from core.models import User

DEFAULT_PASSWORD = "riktig-passord-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@eksempel.no")
    full_name = factory.Faker("name", locale="no_NO")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        """password="" gives an unusable password (an invited person who has not accepted yet)."""
        if extracted == "":
            obj.set_unusable_password()
        else:
            obj.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            obj.save(update_fields=["password"])
