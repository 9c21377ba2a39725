"""The employer's demandes d'indemnisation: list, creation from the code indemnisation,
entry by form and by CSV import, filing, withdrawal, récapitulatif PDF.

Every lookup starts from a queryset scoped by habilitations.access (guessed id = 404);
changes need an establishment the user may edit.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from dap.models.decisions import normalize_reference
from dap.views.common import paginate
from habilitations import access
from indemnisation.claim_forms import ClaimCreateForm, ImportForm, InstructionForm, LineForm
from indemnisation.csv_import import lines_csv, parse_employee_csv, template_csv
from indemnisation.forms import regime_periods
from indemnisation.models import Claim, ClaimStatus
from indemnisation.pdf import recap_pdf
from indemnisation.services.claims import (
    claim_create,
    claim_new_version,
    claim_withdraw,
    file_locked,
    filing_deadline_of,
)
from indemnisation.services.lines import (
    LinesRefused,
    claim_line_add,
    claim_line_delete,
    claim_lines_import,
)


def visible_claim(user, pk: int) -> Claim:
    return get_object_or_404(
        Claim.objects.visible_to(user).select_related(
            "establishment", "decision", "bareme", "smic", "created_by"
        ),
        pk=pk,
    )


def editable_claim(user, pk: int) -> Claim:
    editable = access.establishments_editable_by(user)
    return get_object_or_404(
        Claim.objects.filter(establishment__in=editable).select_related(
            "establishment", "decision__request"
        ),
        pk=pk,
    )


def di_list(request):
    claims = Claim.objects.visible_to(request.user).select_related("establishment", "decision")
    query = normalize_reference(request.GET.get("q", ""))
    if query:
        # A DI number is letters and digits: anything else (a NUL byte, which PostgreSQL
        # refuses in a query) matches nothing and never reaches the database.
        claims = claims.filter(number=query) if query.isalnum() else claims.none()
    page = paginate(request, claims)
    is_employer = access.is_establishment_user(request.user)
    with translation.override("fr"):
        return render(
            request,
            "indemnisation/list.html",
            {
                "page_obj": page,
                "query": request.GET.get("q", ""),
                "is_employer": is_employer,
                "is_agent": access.is_agent(request.user),
                "reads_all": access.has_profile(request.user, *access.READ_ALL_PROFILES),
                # ?code=… prefills the code (a link from the DA's page may carry it).
                "form": ClaimCreateForm(initial={"code": request.GET.get("code", "")[:30]})
                if is_employer
                else None,
                "regimes": regime_periods(),
            },
        )


@require_POST
def di_create(request):
    form = ClaimCreateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            claim = claim_create(
                user=request.user, code=data["code"], month=data["period"], regime=data["regime"]
            )
        except ValidationError as error:
            form.add_error("code" if "code" in str(error) else None, error)
        else:
            messages.success(request, f"Demande d'indemnisation {claim.number} créée.")
            return redirect(claim)
    claims = Claim.objects.visible_to(request.user)
    page = paginate(request, claims)
    with translation.override("fr"):
        return render(
            request,
            "indemnisation/list.html",
            {
                "page_obj": page,
                "query": "",
                "is_employer": True,
                "is_agent": False,
                "reads_all": False,
                "form": form,
                "regimes": regime_periods(),
            },
            status=400,
        )


def di_detail(
    request, claim_id, *, line_form=None, import_form=None, import_errors=None, status=200
):
    claim = visible_claim(request.user, claim_id)
    owner = (
        access.establishments_editable_by(request.user).filter(pk=claim.establishment_id).exists()
    )
    editable = owner and claim.is_editable
    lines = paginate(request, claim.lines.all())
    context = {
        "claim": claim,
        "lines": lines,
        "editable": editable,
        "deadline": filing_deadline_of(claim.decision),
        "transitions": claim.transitions.select_related("actor", "batch_run"),
        "line_form": line_form or LineForm(),
        "import_form": import_form or ImportForm(),
        "import_errors": import_errors or [],
        "can_instruct": access.has_profile(request.user, "ud_agent")
        and claim.status
        in (ClaimStatus.PENDING_VALIDATION, ClaimStatus.IN_INSTRUCTION, ClaimStatus.AWAITING_VISA),
        "instruction_form": InstructionForm(),
        "can_correct": owner and claim.status == ClaimStatus.PAYMENT_DONE,
        "can_withdraw": owner
        and claim.status in (ClaimStatus.PROVISIONAL, ClaimStatus.PENDING_VALIDATION),
    }
    with translation.override("fr"):
        return render(request, "indemnisation/detail.html", context, status=status)


@require_POST
def di_import(request, claim_id):
    claim = editable_claim(request.user, claim_id)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return di_detail(request, claim_id, import_form=form, status=400)
    result = parse_employee_csv(form.cleaned_data["file"].read())
    errors = [str(error) for error in result.errors]
    if not errors:
        try:
            claim_lines_import(claim=claim, rows=result.rows)
        except LinesRefused as refused:
            errors = refused.messages
    if errors:
        return di_detail(request, claim_id, import_form=form, import_errors=errors, status=400)
    messages.success(request, f"{len(result.rows)} salarié(s) importé(s).")
    return redirect(claim)


@require_POST
def di_line_add(request, claim_id):
    claim = editable_claim(request.user, claim_id)
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            claim_line_add(claim=claim, row=form.row())
        except LinesRefused as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Salarié ajouté à la demande.")
            return redirect(f"{claim.get_absolute_url()}#salaries")
    return di_detail(request, claim_id, line_form=form, status=400)


@require_POST
def di_line_delete(request, claim_id, position):
    claim = editable_claim(request.user, claim_id)
    try:
        claim_line_delete(claim=claim, position=position)
    except LinesRefused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "Salarié retiré de la demande.")
    return redirect(f"{claim.get_absolute_url()}#salaries")


_LOCKED_CLAIM = access.EditableRowLock(Claim, "pk", int, "decision__request")


def locked_claim(user, pk: int) -> Claim:
    """The DI the user may change, with its decision and the decision's request, locked
    (SELECT … FOR UPDATE) until the caller's open transaction ends: the scoped lookup and
    the lock in one query."""
    return _LOCKED_CLAIM.get(user, pk)


@require_POST
def di_file(request, claim_id):
    try:
        with transaction.atomic():
            claim = locked_claim(request.user, claim_id)
            file_locked(claim=claim, user=request.user)
    except ValidationError as error:  # nothing written: the block was rolled back
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            "Demande envoyée. Sans intervention de l'unité départementale, elle sera validée "
            "et mise en paiement automatiquement 72 heures après son envoi.",
        )
    return redirect(claim)


@require_POST
def di_withdraw(request, claim_id):
    claim = editable_claim(request.user, claim_id)
    try:
        claim_withdraw(claim=claim, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Demande retirée.")
    return redirect(claim)


@require_POST
def di_new_version(request, claim_id):
    claim = editable_claim(request.user, claim_id)
    try:
        new = claim_new_version(claim=claim, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(claim)
    messages.success(request, f"Version {new.version} créée : corrigez-la puis envoyez-la.")
    return redirect(new)


@require_GET
def di_recap(request, claim_id):
    claim = visible_claim(request.user, claim_id)
    with translation.override("fr"):
        pdf = recap_pdf(claim)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="recapitulatif-{claim.number}-v{claim.version}.pdf"'
    )
    return response


@require_GET
def di_lines_csv(request, claim_id):
    """Every employee line with its computed amounts (the full list of a large DI)."""
    claim = visible_claim(request.user, claim_id)
    response = StreamingHttpResponse(lines_csv(claim), content_type="text/csv")
    response["Content-Disposition"] = (
        f'attachment; filename="salaries-{claim.number}-v{claim.version}.csv"'
    )
    return response


@require_GET
def csv_template(request):
    response = HttpResponse(template_csv().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="modele-salaries-di.csv"'
    return response
