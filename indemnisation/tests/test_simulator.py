from decimal import Decimal as D

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("indemnisation:simulator")


def employee_query(**overrides):
    data = {
        "mode": "salarie",
        "month": "3",
        "year": "2020",
        "regime": "standard",
        "hours_worked": "116,67",
        "hours_not_worked": "35",
        "hourly_pay": "20",
    }
    return {**data, **overrides}


def employer_query(bands, **overrides):
    data = {
        "mode": "employeur",
        "month": "6",
        "year": "2020",
        "regime": "standard",
        "tranche-TOTAL_FORMS": "5",
        "tranche-INITIAL_FORMS": "0",
        "tranche-MIN_NUM_FORMS": "0",
        "tranche-MAX_NUM_FORMS": "5",
    }
    for index, (employees, pay, hours) in enumerate(bands):
        data[f"tranche-{index}-employees"] = employees
        data[f"tranche-{index}-hourly_pay"] = pay
        data[f"tranche-{index}-hours_not_worked"] = hours
    return {**data, **overrides}


def text(response):
    return response.content.decode().replace("\xa0", " ")


def test_the_simulator_is_public(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Simulation de l'indemnisation de l'employeur" in text(response)
    assert "Estimez le montant remboursé par l" in text(response)


def test_the_page_offers_both_modes(client):
    content = text(client.get(URL))
    assert "Simulation salarié" in content
    assert "Simulation employeur" in content


def test_the_home_page_links_to_the_simulator(client):
    assert URL in text(client.get(reverse("home")))


def test_the_simulator_only_answers_get(client):
    assert client.post(URL, employee_query()).status_code == 405


def test_an_unsubmitted_form_shows_no_error(client):
    response = client.get(URL, {"mode": "employeur"})
    assert "La simulation n" not in text(response)
    assert response.context["result"] is None


def test_the_regime_question_lists_every_regime_with_its_eligibility(client):
    content = text(client.get(URL))
    assert "Régime d&#x27;activité partielle de votre entreprise" in content
    assert "Secteurs protégés (annexes 1 et 2 du décret 2020-810)" in content
    assert "Activité partielle de longue durée (APLD)" in content
    assert "depuis mars 2020" in content
    assert "Votre entreprise bénéficie-t-elle du taux majoré" not in content


def test_the_form_page_lists_the_whole_bareme_with_its_sources(client):
    content = text(client.get(URL))
    assert "Barème complet et ses sources" in content
    assert "Décret n° 2021-1252 du 29 septembre 2021" in content
    assert "https://www.legifrance.gouv.fr/eli/decret/2021/9/29/2021-1252/jo/texte" in content
    assert "[S-" not in content


def test_the_bareme_table_follows_a_change_of_the_reference_rows(client):
    """The table is cached: editing a barème or SMIC row (the admin) must show at once."""
    from indemnisation.models import Bareme, Smic

    client.get(URL)  # the table is now in the cache
    smic = Smic.objects.order_by("valid_from").last()
    smic.legal_source = "Décret SMIC corrigé"
    smic.save()
    assert "Décret SMIC corrigé" in text(client.get(URL))
    line = Bareme.objects.order_by("valid_from").first()
    line.legal_source = "Ordonnance corrigée"
    line.save()
    assert "Ordonnance corrigée" in text(client.get(URL))
    line.delete()
    assert "Ordonnance corrigée" not in text(client.get(URL))


# Simulation salarié


def test_employee_mode_gives_the_pay_for_the_month(client):
    response = client.get(URL, employee_query())
    assert response.context["result"].monthly_pay == D("2823.40")
    content = text(response)
    assert "2 823,40 €" in content
    assert "490,00 €" in content
    assert "Barème appliqué" in content
    assert "Décret n° 2020-325 du 25 mars 2020" in content
    assert "https://www.legifrance.gouv.fr/eli/decret/2020/3/25/2020-325/jo/texte" in content
    assert "Décret n° 2019-1387 du 18 décembre 2019" in content


def test_employee_mode_accepts_a_decimal_comma(client):
    response = client.get(URL, employee_query(hourly_pay="20,50", hours_worked="0"))
    assert response.context["result"].indemnisation.hourly.indemnity == D("14.35")


def test_a_negative_hourly_pay_is_refused_in_french(client):
    response = client.get(URL, employee_query(hourly_pay="-3"))
    assert response.context["result"] is None
    assert "Le taux horaire brut ne peut pas être négatif." in text(response)


def test_a_zero_hourly_pay_is_refused(client):
    response = client.get(URL, employee_query(hourly_pay="0"))
    assert "Le taux horaire brut doit être supérieur à 0 €." in text(response)


def test_text_instead_of_a_number_is_refused(client):
    response = client.get(URL, employee_query(hours_not_worked="beaucoup"))
    assert "Saisissez le nombre d&#x27;heures chômées sous forme de nombre" in text(response)


def test_more_than_151_67_hours_not_worked_is_refused(client):
    response = client.get(URL, employee_query(hours_worked="0", hours_not_worked="152"))
    assert "ne peut pas dépasser 151,67 h par salarié et par mois" in text(response)


def test_hours_worked_and_not_worked_above_the_legal_duration_are_refused(client):
    response = client.get(URL, employee_query(hours_worked="120", hours_not_worked="35"))
    assert response.context["result"] is None
    assert "ne peuvent pas dépasser ensemble 151,67 h" in text(response)


def test_a_month_outside_the_bareme_is_refused_with_the_covered_range(client):
    response = client.get(URL, employee_query(month="1", year="2020"))
    content = text(response)
    assert "Le régime « Droit commun » n&#x27;a pas de barème pour janvier 2020." in content
    assert "Il s&#x27;applique depuis mars 2020." in content


def test_a_missing_month_is_refused(client):
    response = client.get(URL, employee_query(month=""))
    assert "Choisissez le mois des heures chômées." in text(response)


def test_a_regime_outside_its_period_is_refused_with_its_months(client):
    response = client.get(URL, employee_query(regime="secteurs_proteges"))
    assert response.context["result"] is None
    assert "de juin 2020 à août 2021" in text(response)


def test_protected_sectors_in_july_2021_keep_70_percent_for_the_employee(client):
    query = employee_query(month="7", year="2021", hours_worked="0")
    standard = client.get(URL, query).context["result"].indemnisation
    protected = client.get(URL, {**query, "regime": "secteurs_proteges"})
    amounts = protected.context["result"].indemnisation
    assert (standard.indemnity, amounts.indemnity) == (D("420.00"), D("490.00"))
    assert amounts.allocation == D("420.00")
    assert "allocation de 60 % en juillet 2021" in text(protected)


def test_a_part_time_contract_limits_the_hours_compensated(client):
    response = client.get(
        URL, employee_query(hours_worked="30", hours_not_worked="60", contract_hours="80")
    )
    amounts = response.context["result"].indemnisation
    assert (amounts.hours_compensated, amounts.indemnity) == (D("50"), D("700.00"))
    assert "Seules 50 h sur 60 h chômées sont indemnisées" in text(response)


def test_the_2020_ceiling_leaves_the_employee_70_percent_of_the_full_pay(client):
    response = client.get(URL, employee_query(month="4", hours_worked="0", hourly_pay="60"))
    amounts = response.context["result"].indemnisation
    assert (amounts.hourly.indemnity, amounts.hourly.allocation) == (D("42.00"), D("31.98"))
    assert "pour l'allocation seulement" in text(response)


# Simulation employeur


def test_employer_mode_gives_indemnity_allocation_and_reste_a_charge(client):
    bands = [("3", "10,15", "35"), ("2", "20", "35"), ("1", "60", "10")]
    response = client.get(URL, employer_query(bands))
    result = response.context["result"]
    assert (result.indemnity, result.allocation, result.reste_a_charge) == (
        D("2243.15"),
        D("1957.25"),
        D("285.90"),
    )
    content = text(response)
    # June 2020: the 60 € band gets 0.70 × 60 = 42.00 €/h (no cap on the indemnity in 2020)
    assert "2 243,15 €" in content
    assert "1 957,25 €" in content
    assert "285,90 €" in content
    assert "60 % du taux horaire brut" in content
    assert "45,68 €" in content


def test_employer_mode_for_a_closed_business_is_fully_reimbursed_in_june_2020(client):
    response = client.get(URL, employer_query([("2", "20", "35")], regime="fermees_restreintes"))
    result = response.context["result"]
    assert result.bareme.line.regime == "fermees_restreintes"
    assert result.reste_a_charge == D("0.00")


def test_employer_mode_needs_at_least_one_band(client):
    response = client.get(URL, employer_query([]))
    assert response.context["result"] is None
    assert "Renseignez au moins une tranche de salariés" in text(response)


def test_a_half_filled_band_says_what_is_missing(client):
    response = client.get(URL, employer_query([("2", "", "")]))
    content = text(response)
    assert "Saisissez le taux horaire brut." in content
    assert "Saisissez le nombre d&#x27;heures chômées." in content


def test_a_band_of_zero_employees_is_refused(client):
    response = client.get(URL, employer_query([("0", "20", "35")]))
    assert "Le nombre de salariés doit être d&#x27;au moins 1." in text(response)


def test_employer_mode_reports_band_and_month_errors_together(client):
    response = client.get(URL, employer_query([("2", "20", "200")], month="2"))
    content = text(response)
    assert "n&#x27;a pas de barème pour février 2020" in content
    assert "ne peut pas dépasser 151,67 h" in content


def test_more_than_five_bands_are_refused(client):
    bands = [("1", "20", "10")] * 6
    response = client.get(URL, employer_query(bands, **{"tranche-TOTAL_FORMS": "6"}))
    assert response.context["result"] is None
    assert "au plus 5 formulaires" in text(response)


def test_employee_mode_accepts_a_decimal_point_too(client):
    response = client.get(URL, employee_query(hourly_pay="20.50", hours_worked="0"))
    assert response.context["result"].indemnisation.hourly.indemnity == D("14.35")


def test_a_browser_asking_for_english_still_gets_french_months_and_amounts(client):
    response = client.get(
        URL, employee_query(hourly_pay="20,50"), headers={"accept-language": "en-US,en"}
    )
    content = text(response)
    assert response.context["result"] is not None
    assert "Résultat pour mars 2020" in content
    assert "janvier" in content


def test_a_missing_regime_is_refused(client):
    response = client.get(URL, employee_query(regime=""))
    assert "Choisissez le régime d&#x27;activité partielle de votre entreprise." in text(response)
