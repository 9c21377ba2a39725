"""Issue 13 on the fiche: « Il manque » from saved data only, no RIB link that 404s, and a
plain note when a chosen file must be chosen again."""

import re
from html import unescape

from establishments.tests.test_fiche import fiche_url, form_data


def _missing_block(text: str) -> str:
    return re.search(r'id="a-completer".*?</ul>', text, re.S).group(0)


def test_a_refused_submission_leaves_il_manque_as_saved(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    data = form_data(establishment_a, nomenclatures, bic="AGRI")  # refused: bad BIC
    response = client_of(employer_a).post(fiche_url(establishment_a), data)
    text = unescape(response.text)
    assert "Le BIC saisi n'est pas valide" in text
    missing = _missing_block(text)
    for label in ["Code NAF / APE", "Effectif", "IBAN", "RIB (fichier)"]:
        assert label in missing, label  # typed but not saved: still missing


def test_a_refused_submission_offers_no_rib_link_that_would_404(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    client = client_of(employer_a)
    data = form_data(establishment_a, nomenclatures, bic="AGRI")
    text = unescape(client.post(fiche_url(establishment_a), data).text)
    assert "Télécharger le RIB" not in text
    assert client.get(f"{fiche_url(establishment_a)}rib/").status_code == 404  # none saved


def test_a_chosen_file_must_be_chosen_again_and_the_page_says_so(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    data = form_data(establishment_a, nomenclatures, bic="AGRI")
    text = unescape(client_of(employer_a).post(fiche_url(establishment_a), data).text)
    assert "Le fichier choisi (rib.pdf) n'a pas été enregistré" in text
    assert "choisissez-le à nouveau" in text


def test_a_refused_fiche_has_the_error_summary(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    data = form_data(establishment_a, nomenclatures, bic="AGRI")
    text = unescape(client_of(employer_a).post(fiche_url(establishment_a), data).text)
    assert re.search(r"<title>\s*Erreur : ", text)
    assert 'href="#id_bic"' in text
