import pytest
from django.urls import reverse

from indemnisation.services.dashboard import dashboard_blocks
from indemnisation.tests.helpers import claim_with_lines

pytestmark = pytest.mark.django_db


def test_the_dashboard_block_lists_the_employers_dis(client_of, employer_a, establishment_a):
    claim = claim_with_lines(establishment_a, lines=2)
    page = client_of(employer_a).get(reverse("establishments:dashboard")).content.decode()
    assert "Mes Demandes d&#x27;Indemnisation" in page or "Mes Demandes d'Indemnisation" in page
    assert claim.number in page
    assert "Provisoire : 1" in page


def test_the_block_is_scoped_to_the_user_and_the_current_establishment(
    employer_b, establishment_a, establishment_b
):
    claim_with_lines(establishment_a)
    [block] = dashboard_blocks(user=employer_b, establishment=None)
    assert block["di_latest"] == []
    [block] = dashboard_blocks(user=employer_b, establishment=establishment_b)
    assert block["di_by_status"] == []
