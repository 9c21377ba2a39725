"""Factories shared by every app's tests (factory_boy)."""

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from establishments.models import Establishment, SireneEstablishment
from establishments.synthetic import synthetic_siret
from habilitations.enums import ApplicationCode, AttachmentRole, Profile
from habilitations.models import Application, Attachment, Habilitation, TerritorialScope

DEFAULT_PASSWORD = "Motdepasse1!"


def valid_siret(n: int, series: int = 8) -> str:
    return synthetic_siret(n, series)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("identifiant",)
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    identifiant = factory.Sequence(lambda n: f"utilisateur.test{n}")
    email = factory.Sequence(lambda n: f"utilisateur{n}@exemple.fr")
    phone = "0123456789"
    secret_question = "Nom de mon premier animal ?"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def secret_answer(self, create, extracted, **kwargs):
        self.set_secret_answer(extracted or "Médor")
        if create:
            self.save()


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    siret = factory.Sequence(valid_siret)
    siren = factory.LazyAttribute(lambda o: o.siret[:9])
    denomination = factory.Sequence(lambda n: f"ÉTABLISSEMENT TEST {n}")
    street_number = "12"
    street_type = "RUE"
    street_label = "DE LA PAIX"
    postal_code = "75002"
    city = "PARIS 2E ARRONDISSEMENT"
    insee_code = "75102"
    email = factory.Sequence(lambda n: f"etablissement{n}@exemple.fr")
    phone = "0144556677"


def apart_application() -> Application:
    return Application.objects.get(code=ApplicationCode.APART)


class HabilitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Habilitation

    user = factory.SubFactory(UserFactory)
    application = factory.LazyFunction(apart_application)
    profile = Profile.ESTABLISHMENT
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=364))
    notified_at = factory.LazyFunction(timezone.now)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    habilitation = factory.SubFactory(HabilitationFactory)
    establishment = factory.SubFactory(EstablishmentFactory)
    role = AttachmentRole.USER


def employer_of(establishment: Establishment, *, principal: bool = True, **user_fields) -> User:
    user = UserFactory(**user_fields)
    AttachmentFactory(habilitation=HabilitationFactory(user=user), establishment=establishment)
    if principal and establishment.principal_user_id is None:
        establishment.principal_user = user
        establishment.save(update_fields=["principal_user"])
    return user


def accountant_of(*establishments: Establishment, **user_fields) -> User:
    user = UserFactory(**user_fields)
    habilitation = HabilitationFactory(user=user)
    for establishment in establishments:
        AttachmentFactory(
            habilitation=habilitation, establishment=establishment, role=AttachmentRole.ACCOUNTANT
        )
    return user


def agent(profile: str, *departements: str, **user_fields) -> User:
    user = UserFactory(**user_fields)
    habilitation = HabilitationFactory(user=user, profile=profile)
    for departement in departements:
        TerritorialScope.objects.create(habilitation=habilitation, departement=departement)
    return user


def seed_004_sirene() -> SireneEstablishment:
    """Seed 004's establishment, as SIRENE describes it."""
    return SireneEstablishment.objects.create(
        siret="00578096000042",
        siren="005780960",
        denomination="SOCIETE IMMOBILIERE TOURISTIQUE",
        street_label="LA PLAGES",
        address_complement="FACE HOTEL ROYAL",
        postal_code="44500",
        city="LA BAULE-ESCOUBLAC",
        insee_code="44055",
        naf_code="68.20B",
    )
