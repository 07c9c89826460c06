"""factory_boy factories for accounts, structures and interlocutors (tests only); structures and interlocutors
are made through partners.services, as the pages make them."""

from functools import cache

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from partners import services
from partners.enums import Role
from partners.models import Contact, Organisation, OrganisationType, User

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


class OrganisationFactory(factory.django.DjangoModelFactory):
    """OrganisationFactory(name=…); `with_contacts=3` adds three active interlocutors with an e-mail."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association numéro {n}")
    type = factory.LazyFunction(lambda: OrganisationType.objects.get(code="asso"))
    by = None

    @classmethod
    def _create(cls, model_class, *, by, **data):
        return services.create_organisation(by=by, data=data)

    @factory.post_generation
    def with_contacts(self, create, count, **kwargs):
        ContactFactory.create_batch(count or 0, organisation=self)


class ContactFactory(factory.django.DjangoModelFactory):
    """An interlocutor of a structure (a new one unless `organisation=` is given)."""

    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Sequence(lambda n: f"Interlocuteur{n}")
    email = factory.LazyAttribute(lambda contact: f"{contact.last_name.lower()}@example.org")
    by = None

    class Params:
        inactive = factory.Trait(is_active=False)

    @classmethod
    def _create(cls, model_class, *, by, organisation, **data):
        return services.create_contact(by=by, organisation=organisation, data=data)
