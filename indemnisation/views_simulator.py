"""The public simulator, in the two modes of simulateurap.emploi.gouv.fr (seed 003).

A pure calculation: the form is sent by GET, so a result can be bookmarked or shared, and
nothing is stored. It calls the computation of the demandes d'indemnisation
(`indemnisation.computation.indemnisation`), never a copy of it.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from indemnisation.bareme_table import bareme_table_html
from indemnisation.computation import (
    LEGAL_MONTHLY_HOURS,
    Band,
    simulate_employee,
    simulate_employer,
)
from indemnisation.forms import BandFormSet, EmployeeSimulationForm, SimulationPeriodForm

EMPLOYEE = "salarie"
EMPLOYER = "employeur"
BAND_PREFIX = "tranche"


@login_not_required
@require_GET
def simulator(request):
    mode = EMPLOYER if request.GET.get("mode") == EMPLOYER else EMPLOYEE
    submitted = "year" in request.GET
    data = request.GET if submitted else None
    # The portal is French only: month names, amounts ("12,50") and the form's messages must
    # not follow a browser that asks for English.
    with translation.override("fr"):
        context = _employee(data) if mode == EMPLOYEE else _employer(data)
        context.update(mode=mode, submitted=submitted, EMPLOYEE=EMPLOYEE, EMPLOYER=EMPLOYER)
        return render(request, "indemnisation/simulator.html", context)


def _contract(value):
    return value if value is not None else LEGAL_MONTHLY_HOURS


def _employee(data):
    form = EmployeeSimulationForm(data)
    result = None
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        result = simulate_employee(
            cleaned["bareme"],
            hourly_pay=cleaned["hourly_pay"],
            hours_worked=cleaned["hours_worked"],
            hours_not_worked=cleaned["hours_not_worked"],
            contract_hours=_contract(cleaned.get("contract_hours")),
        )
    return {"form": form, "result": result, **_bareme_context(form)}


def _employer(data):
    form = SimulationPeriodForm(data)
    formset = BandFormSet(data, prefix=BAND_PREFIX)
    result = None
    # Both validated so every error shows at once.
    if form.is_bound and all([form.is_valid(), formset.is_valid()]):
        bands = [
            Band(
                b["employees"],
                b["hourly_pay"],
                b["hours_not_worked"],
                _contract(b.get("contract_hours")),
            )
            for b in formset.bands()
        ]
        result = simulate_employer(form.cleaned_data["bareme"], bands)
    return {"form": form, "formset": formset, "result": result, **_bareme_context(form)}


def _bareme_context(form):
    cleaned = getattr(form, "cleaned_data", {})
    return {
        "bareme": cleaned.get("bareme"),
        "period": cleaned.get("period"),
        "bareme_table": bareme_table_html(),
    }
