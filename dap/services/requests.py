"""The employer's side of a request: draft, edit, send; avenants; the espace documentaire."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apart.core.outbox import send_templated_email
from dap import numbering, rules
from dap.models import AuthorizationRequest, Document, RequestKind, RequestStatus
from dap.services.checks import SEND_REQUIRED, content_problems, period_problems
from dap.services.timeline import tacit_at_latest
from dap.services.transitions import request_transition

FICHE_INCOMPLETE = (
    "La création d'une demande d'autorisation préalable est impossible tant que votre fiche "
    "établissement n'est pas complète."
)
EDITABLE_FIELDS = [
    "reason", "sub_reason", "circumstances", "closure", "period_start", "period_end",
    "employees", "hours", "cse_opinion", "cse_date", "prior_use", "engagements",
    "engagement_months", "engagement_other", "change_reason",
]  # fmt: skip


def _assign_number(request: AuthorizationRequest) -> None:
    request.number = numbering.request_number(
        kind=request.kind,
        departement=numbering.departement_of(request.establishment),
        year=timezone.localdate().year,
        pk=request.pk,
    )
    request.save(update_fields=["number"])


@transaction.atomic
def request_create(*, establishment, user, data: dict, amends=None) -> AuthorizationRequest:
    """A draft DAP (or avenant to `amends`) of an establishment whose fiche is complete."""
    if not establishment.is_complete:
        raise ValidationError(FICHE_INCOMPLETE)
    values = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    request = AuthorizationRequest.objects.create(
        kind=RequestKind.AVENANT if amends else RequestKind.DAP,
        amends=amends,
        establishment=establishment,
        created_by=user,
        number=f"TMP{timezone.now():%f}{user.pk}",
        **values,
    )
    _assign_number(request)
    request_transition_create(request, user)
    return request


def request_transition_create(request, user) -> None:
    from dap.models import Transition

    Transition.objects.create(
        request=request, actor=user, from_status="", to_status=RequestStatus.DRAFT
    )


@transaction.atomic
def request_update(*, request: AuthorizationRequest, data: dict) -> AuthorizationRequest:
    # Checked on the locked row, and only the form's fields written: a form loaded before
    # the request was sent (another tab) must not write the draft status back.
    locked = AuthorizationRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_editable:
        raise ValidationError("Cette demande a été envoyée : elle ne peut plus être modifiée.")
    changed = [name for name in EDITABLE_FIELDS if name in data]
    for name in changed:
        setattr(locked, name, data[name])
    locked.save(update_fields=[*changed, "updated_at"])
    return locked


def send_problems(request: AuthorizationRequest, *, on) -> list[str]:
    """Everything that prevents sending, in French (empty: it may be sent)."""
    data = {name: getattr(request, name) for name in EDITABLE_FIELDS}
    data.update(period_start=request.period_start, period_end=request.period_end)
    problems = []
    if not request.establishment.is_complete:
        problems.append(FICHE_INCOMPLETE)
    if not request.is_avenant:
        problems += [message for name, message in SEND_REQUIRED if not data.get(name)]
    elif not request.change_reason.strip():
        problems.append("Indiquez le motif de l'avenant.")
    problems += content_problems(data).values()
    period = period_problems(data, on=on, headcount=request.establishment.headcount)
    if request.is_avenant:
        period.pop("period_start", None)  # the authorised start stays, however long ago
    problems += period.values()
    return problems


def request_send(*, request: AuthorizationRequest, user) -> AuthorizationRequest:
    """Send to the UD: the tacit delay starts now, by the rule in force today."""
    with transaction.atomic():
        locked = (
            AuthorizationRequest.objects.select_for_update(of=("self",))
            .select_related("establishment")
            .get(pk=request.pk)
        )
        return send_locked(request=locked, user=user)


def send_locked(*, request: AuthorizationRequest, user) -> AuthorizationRequest:
    """`request_send` for a caller that locked the row (SELECT … FOR UPDATE, with its
    establishment) in the transaction it has open: the send view, whose scoped lookup is
    that lock, so a send reads the request once. A double click waits on the lock, then
    finds the request sent."""
    if not request.is_editable:  # a double click, or another tab: say so plainly
        sent = timezone.localtime(request.sent_at)
        raise ValidationError(
            f"Cette demande a déjà été envoyée le {sent:%d/%m/%Y} à {sent:%H}h{sent:%M}."
        )
    now = timezone.now()
    problems = send_problems(request, on=timezone.localdate(now))
    if problems:
        raise ValidationError(problems)
    request.sent_at = now
    request.first_sent_at = request.first_sent_at or now
    request.tacit_deadline = rules.tacit_deadline(now)
    request_transition(
        request=request, to=RequestStatus.SENT, actor=user, at=now,
        also=["sent_at", "first_sent_at", "tacit_deadline"],
    )  # fmt: skip
    # Art. R5122-26: an electronic receipt with the date and hour of receipt and the delay
    # after which silence means acceptance.
    send_templated_email(
        to=request.establishment.email,
        template="dap_received",
        context={
            "request": request,
            "establishment": request.establishment,
            "delay": rules.delay_label(now),
            "latest": tacit_at_latest(request),
        },
    )
    return request


def avenant_problem(parent: AuthorizationRequest) -> str | None:
    if parent.is_avenant or not parent.is_authorised:
        return "Un avenant ne peut modifier qu'une demande d'autorisation préalable autorisée."
    if parent.avenants.exclude(status__in=AuthorizationRequest.CLOSED_STATUSES).exists():
        return "Un avenant de cette demande est déjà en cours : terminez-le d'abord."
    return None


def avenant_initial(parent: AuthorizationRequest) -> dict:
    """The avenant starts as a copy of the DAP (apart-screens.md §3.5)."""
    return {name: getattr(parent, name) for name in EDITABLE_FIELDS if name != "change_reason"}


def avenant_create(*, parent, user, data: dict) -> AuthorizationRequest:
    problem = avenant_problem(parent)
    if problem:
        raise ValidationError(problem)
    return request_create(
        establishment=parent.establishment,
        user=user,
        data={**avenant_initial(parent), **data},
        amends=parent,
    )


# Accepted files, recognised by their first bytes (never by name or declared type).
SIGNATURES = {
    b"%PDF-": ("application/pdf", "PDF"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "PNG"),
    b"\xff\xd8\xff": ("image/jpeg", "JPEG"),
}


def _content_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, (content_type, _label) in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


@transaction.atomic
def document_add(*, request: AuthorizationRequest, upload, user) -> Document:
    request = AuthorizationRequest.objects.select_for_update().get(pk=request.pk)
    maximum, max_bytes = settings.DAP_DOCUMENTS_MAX_COUNT, settings.DAP_DOCUMENT_MAX_BYTES
    if request.status in AuthorizationRequest.CLOSED_STATUSES:
        raise ValidationError("Cette demande est close : vous ne pouvez plus y joindre de pièce.")
    if request.documents.count() >= maximum:
        raise ValidationError(
            f"L'espace documentaire est limité à {maximum} pièces jointes : supprimez une "
            "pièce avant d'en ajouter une autre."
        )
    if upload.size > max_bytes:
        raise ValidationError(
            f"Le fichier « {upload.name} » pèse {upload.size // 1024} Ko : chaque pièce jointe "
            f"est limitée à {max_bytes // 1024} Ko."
        )
    content_type = _content_type(upload)
    if content_type is None:
        raise ValidationError(
            f"Le fichier « {upload.name} » n'est ni un PDF ni une image (PNG ou JPEG)."
        )
    document = Document(
        request=request,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    document.file.save(upload.name, upload, save=True)
    return document


def document_delete(*, document: Document) -> None:
    if document.request.status in AuthorizationRequest.CLOSED_STATUSES:
        raise ValidationError("Cette demande est close : ses pièces ne peuvent plus être retirées.")
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
