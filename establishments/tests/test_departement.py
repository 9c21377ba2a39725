"""The département of an establishment: one rule, in SQL (EstablishmentQuerySet)."""

import pytest

from establishments.models import Establishment
from habilitations import access
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("insee_code", "postal_code", "departement"),
    [
        ("75102", "75002", "75"),
        ("", "13001", "13"),  # commune not checked yet: the postal code
        ("2A004", "20000", "2A"),  # Corsica by its INSEE code
        ("97411", "97400", "974"),  # overseas: three characters
        ("", "97200", "972"),
        ("01053", "01000", "01"),
    ],
)
def test_the_departement_of_an_establishment(insee_code, postal_code, departement):
    establishment = factories.EstablishmentFactory(insee_code=insee_code, postal_code=postal_code)
    annotated = Establishment.objects.with_departement().get(pk=establishment.pk)
    assert annotated.departement_code == departement
    assert set(Establishment.objects.in_departements([departement])) == {establishment}
    assert not Establishment.objects.in_departements(["99"]).exists()


def test_a_ud_agent_of_corsica_sees_its_establishments(db):
    ajaccio = factories.EstablishmentFactory(insee_code="2A004", postal_code="20000")
    factories.EstablishmentFactory(insee_code="2B033", postal_code="20200")
    agent = factories.agent("ud_agent", "2A")
    assert list(access.establishments_visible_to(agent)) == [ajaccio]
