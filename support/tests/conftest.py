import pytest

from support.enums import TicketMotif
from support.services.tickets import ticket_submit


@pytest.fixture
def make_ticket(db):
    def make(establishment=None, **fields):
        data = {
            "siret": establishment.siret if establishment else "73282932000074",
            "denomination": establishment.denomination if establishment else "ENTREPRISE X",
            "requester_name": "MARTIN Julie",
            "phone": "01 02 03 04 05",
            "email": "julie.martin@exemple.fr",
            "motif": TicketMotif.HABILITATION,
            "description": "Notre référent a quitté l'entreprise.",
        }
        data.update(fields)
        return ticket_submit(**data)

    return make
