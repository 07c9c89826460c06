from functools import cache

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from partners.enums import Role
from partners.models import User

PASSWORD = "mot-de-passe-de-test-42"


@cache
def hashed(password):
    # Argon2 is slow on purpose: hash each test password once per run, not once per user.
    return make_password(password)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.PARTNER
    activated_at = factory.LazyFunction(timezone.now)

    class Params:
        admin = factory.Trait(role=Role.ADMIN)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        reader = factory.Trait(role=Role.READER)
        inactive = factory.Trait(is_active=False)
        pending = factory.Trait(activated_at=None)

    @factory.post_generation
    def password(self, create, value, **kwargs):
        if self.activated_at is None and not value:
            self.set_unusable_password()
        else:
            self.password = hashed(value or PASSWORD)
        if create:
            self.save(update_fields=["password"])
