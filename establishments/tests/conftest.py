import pytest
from django.core.files.base import ContentFile

from establishments.models import Commune, ConventionCollective, NafCode

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VALID_IBAN = "FR7630006000011234567890189"
VALID_BIC = "AGRIFRPP882"


@pytest.fixture
def nomenclatures(db):
    naf = NafCode.objects.create(code="10.71C", label="Boulangerie et boulangerie-pâtisserie")
    idcc = ConventionCollective.objects.create(
        idcc="0843", title="Convention collective nationale de la boulangerie-pâtisserie"
    )
    ConventionCollective.objects.create(idcc="9999", title="Sans convention collective")
    return naf, idcc


@pytest.fixture
def communes(db):
    return [
        Commune.objects.create(
            postal_code="75002",
            insee_code="75102",
            name="Paris 2e Arrondissement",
            departement="75",
        ),
        Commune.objects.create(
            postal_code="69001",
            insee_code="69381",
            name="Lyon 1er Arrondissement",
            departement="69",
        ),
    ]


def complete(establishment, nomenclatures):
    """Fill every field FICHE_REQUIRED_FIELDS asks for."""
    naf, idcc = nomenclatures
    establishment.naf_code = naf
    establishment.convention = idcc
    establishment.headcount = 12
    establishment.iban = VALID_IBAN
    establishment.bic = VALID_BIC
    establishment.account_holder = establishment.denomination
    establishment.rib_file.save("rib.pdf", ContentFile(PDF_BYTES), save=False)
    establishment.save()
    return establishment
