import subprocess
from datetime import datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indemnisation.csv_import import HEADERS
from indemnisation.models import Claim, ClaimStatus
from indemnisation.tests.helpers import PARIS, decision_for, nir_for

pytestmark = pytest.mark.django_db
NOW = datetime(2020, 5, 5, 10, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def decision(establishment_a, employer_a):
    return decision_for(establishment_a)


def text(response):
    return " ".join(response.content.decode().replace("\xa0", " ").split())


def csv_file(lines):
    content = ";".join(HEADERS) + "\n" + "".join(";".join(line) + "\n" for line in lines)
    return SimpleUploadedFile("salaries.csv", content.encode(), content_type="text/csv")


def good_line(i, pay="20"):
    return [f"NOM{i}", "Alex", nir_for(i), "", "35", "116,67", pay, "151,67"]


def create(client, decision, **overrides):
    data = {"code": decision.code, "month": "4", "year": "2020", "regime": "standard"}
    return client.post(reverse("indemnisation:create"), {**data, **overrides})


def test_the_employer_creates_a_di_from_the_code(client_of, employer_a, decision):
    client = client_of(employer_a)
    response = create(client, decision, code=f" {decision.code.lower()} ")
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("indemnisation:detail", args=[claim.pk])
    page = text(client.get(response.url))
    assert claim.number in page
    assert "Provisoire" in page
    assert "Télécharger le modèle de fichier (CSV)" in page


def test_a_wrong_code_says_where_to_find_it(client_of, employer_a, decision):
    response = create(client_of(employer_a), decision, code="ZZZZZZZZZZ")
    assert response.status_code == 400
    assert "Copiez-le depuis l&#x27;écran de la décision d&#x27;autorisation" in text(response)


def test_csv_import_then_filing_then_recap_pdf(client_of, employer_a, decision, tmp_path):
    client = client_of(employer_a)
    create(client, decision)
    claim = Claim.objects.get()
    response = client.post(
        reverse("indemnisation:import", args=[claim.pk]),
        {"file": csv_file([good_line(1), good_line(2, pay="60")])},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    # 35 h × 14.00 + 35 h × 42.00 = 1 960.00; allocation 490.00 + 35 × 31.98 = 1 609.30
    assert (claim.total_indemnity, claim.total_allocation) == (D("1960.00"), D("1609.30"))
    client.post(reverse("indemnisation:file", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING_VALIDATION
    pdf = client.get(reverse("indemnisation:recap", args=[claim.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "recap.pdf"
    path.write_bytes(pdf.content)
    rendered = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "RÉCAPITULATIF DE LA DEMANDE D'INDEMNISATION" in rendered
    assert claim.number in rendered
    assert "1 960,00 €" in rendered.replace("\u202f", " ").replace("\xa0", " ")
    assert "1 609,30 €" in rendered.replace("\u202f", " ").replace("\xa0", " ")
    assert "NOM2\nAlex" in rendered


def test_a_bad_file_lists_every_error_and_imports_nothing(client_of, employer_a, decision):
    client = client_of(employer_a)
    create(client, decision)
    claim = Claim.objects.get()
    bad = good_line(2)
    bad[2] = "295109912611194"
    response = client.post(
        reverse("indemnisation:import", args=[claim.pk]),
        {"file": csv_file([good_line(1), bad, good_line(3, pay="abc")])},
    )
    content = text(response)
    assert response.status_code == 400
    assert "Le fichier n'a pas été importé : 2 erreur(s)" in content
    assert "Ligne 3, colonne « NIR »" in content
    assert "Ligne 4, colonne « Taux horaire brut »" in content
    assert claim.lines.count() == 0


def test_a_line_by_form_with_a_wrong_nir_key_is_refused(client_of, employer_a, decision):
    client = client_of(employer_a)
    create(client, decision)
    claim = Claim.objects.get()
    data = {
        "last_name": "Martin",
        "first_name": "Léa",
        "nir": "295109912611194",
        "hours_not_worked": "35",
        "hours_worked": "0",
        "hourly_pay": "12,50",
        "contract_hours": "",
    }
    response = client.post(reverse("indemnisation:line_add", args=[claim.pk]), data)
    assert "La clé du NIR ne correspond pas" in text(response)
    data["nir"] = nir_for(7)
    response = client.post(reverse("indemnisation:line_add", args=[claim.pk]), data)
    assert response.status_code == 302
    assert claim.lines.get().last_name == "MARTIN"


def test_the_template_downloads_as_csv(client_of, employer_a):
    response = client_of(employer_a).get(reverse("indemnisation:csv_template"))
    assert response["Content-Type"] == "text/csv"
    assert response.content.decode("utf-8-sig").startswith("nom;prenom;nir;ntt;")


def test_search_by_number_is_exact_and_case_insensitive(client_of, employer_a, decision):
    client = client_of(employer_a)
    create(client, decision)
    claim = Claim.objects.get()
    found = client.get(reverse("indemnisation:list"), {"q": claim.number.lower()})
    assert claim.number in text(found)
    missed = client.get(reverse("indemnisation:list"), {"q": claim.number[:-1]})
    assert "Aucune demande d'indemnisation ne porte le numéro" in text(missed)


def test_the_ud_agent_sees_the_queue_and_validates(client_of, employer_a, ud_agent_a, decision):
    employer = client_of(employer_a)
    create(employer, decision)
    claim = Claim.objects.get()
    employer.post(
        reverse("indemnisation:import", args=[claim.pk]), {"file": csv_file([good_line(1)])}
    )
    employer.post(reverse("indemnisation:file", args=[claim.pk]))
    agent = client_of(ud_agent_a)
    assert reverse("indemnisation:queue") in text(agent.get(reverse("indemnisation:list")))
    assert claim.number in text(agent.get(reverse("indemnisation:queue")))
    response = agent.post(
        reverse("indemnisation:instruct", args=[claim.pk]), {"action": "validate", "motive": ""}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAYMENT_REQUESTED
    page = text(agent.get(reverse("indemnisation:detail", args=[claim.pk])))
    assert "En attente de validation → Validée" in page


def test_an_agent_of_another_departement_gets_404(client_of, employer_a, ud_agent_other, decision):
    create(client_of(employer_a), decision)
    claim = Claim.objects.get()
    agent = client_of(ud_agent_other)
    assert agent.get(reverse("indemnisation:detail", args=[claim.pk])).status_code == 404
    assert claim.number not in text(agent.get(reverse("indemnisation:queue")))


def test_agents_never_see_a_provisoire_di(client_of, employer_a, ud_agent_a, decision):
    create(client_of(employer_a), decision)
    claim = Claim.objects.get()
    agent = client_of(ud_agent_a)
    assert agent.get(reverse("indemnisation:detail", args=[claim.pk])).status_code == 404


def test_the_lines_export_reimports_as_is(client_of, employer_a, establishment_a):
    from indemnisation.csv_import import parse_employee_csv
    from indemnisation.tests.helpers import claim_with_lines

    claim = claim_with_lines(establishment_a, lines=3)
    response = client_of(employer_a).get(reverse("indemnisation:lines_csv", args=[claim.pk]))
    content = b"".join(response.streaming_content)
    assert content.decode("utf-8-sig").splitlines()[1].startswith("SALARIE1;Camille;")
    assert "490,00" in content.decode("utf-8-sig")
    assert len(parse_employee_csv(content).rows) == 3


def test_a_large_di_recap_lists_the_first_lines_and_points_to_the_export(establishment_a, tmp_path):
    from indemnisation.pdf import MAX_PDF_LINES, recap_pdf
    from indemnisation.tests.helpers import claim_with_lines

    claim = claim_with_lines(establishment_a, lines=MAX_PDF_LINES + 1)
    path = tmp_path / "recap.pdf"
    path.write_bytes(recap_pdf(claim))
    rendered = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert f"premiers des {MAX_PDF_LINES + 1} salariés" in " ".join(rendered.split())
    assert f"SALARIE{MAX_PDF_LINES}\n" in rendered
    assert f"SALARIE{MAX_PDF_LINES + 1}\n" not in rendered


def test_the_code_can_be_prefilled_from_a_link(client_of, employer_a, decision):
    page = text(client_of(employer_a).get(reverse("indemnisation:list"), {"code": decision.code}))
    assert f'value="{decision.code}"' in page
