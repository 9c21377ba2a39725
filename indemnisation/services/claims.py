"""Creating a DI from the DA's code indemnisation, filing it, withdrawing it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from apart.core.locks import xact_lock
from dap.numbering import departement_of
from dap.services import decision_by_code
from habilitations import access
from indemnisation import rules
from indemnisation.computation import BaremeNotFound, find_bareme
from indemnisation.models import Claim, ClaimStatus, ClaimTransition, Regime
from indemnisation.services.lines import limit_errors
from indemnisation.services.numbering import claim_number
from indemnisation.services.transitions import claim_transition


def _month_label(month: date) -> str:
    return date_format(month, "F Y")


def _last_day(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following.fromordinal(following.toordinal() - 1)


def filing_deadline_of(decision) -> date:
    return rules.filing_deadline(requested_at=decision.requested_at, period_end=decision.period_end)


def check_month(decision, month: date, *, today: date) -> None:
    """The month must be in the authorised period, begun, and the deadline not passed."""
    if _last_day(month) < decision.period_start or month > decision.period_end:
        raise ValidationError(
            f"{_month_label(month).capitalize()} n'est pas dans la période autorisée par la "
            f"décision {decision.number} (du {decision.period_start:%d/%m/%Y} au "
            f"{decision.period_end:%d/%m/%Y})."
        )
    if month > today:
        raise ValidationError(
            f"Les heures chômées de {_month_label(month)} ne peuvent être demandées qu'à "
            "partir de ce mois."
        )
    deadline = filing_deadline_of(decision)
    if today > deadline:
        rule = rules.filing_rule(decision.requested_at)
        raise ValidationError(
            f"Le délai pour demander l'indemnisation de cette autorisation a pris fin le "
            f"{deadline:%d/%m/%Y}. {rule.source}"
        )


def claim_create(*, user, code: str, month: date, regime: str) -> Claim:
    """A Provisoire DI for one month of the DA whose code indemnisation is `code`."""
    decision = decision_by_code(code=code, user=user)
    editable = access.establishments_editable_by(user)
    if decision is None or not editable.filter(pk=decision.establishment_id).exists():
        raise ValidationError(
            "Aucune décision d'autorisation de vos établissements ne porte ce code "
            "indemnisation. Copiez-le depuis l'écran de la décision d'autorisation."
        )
    month = month.replace(day=1)
    check_month(decision, month, today=timezone.localdate())
    try:
        find_bareme(month, regime=regime)
    except BaremeNotFound:
        raise ValidationError(
            f"Le régime « {Regime(regime).label} » ne s'applique pas en {_month_label(month)}."
        ) from None
    with transaction.atomic():
        # Two tabs (or a double click) creating the same month: the second waits for the
        # first's commit, then finds its DI.
        xact_lock(f"claim-create:{decision.pk}:{month:%Y-%m}")
        existing = Claim.objects.active().filter(decision=decision, month=month).first()
        if existing is not None:
            raise ValidationError(
                f"Une demande d'indemnisation existe déjà pour {_month_label(month)} sur "
                f"cette décision : {existing.number}."
            )
        claim = Claim.objects.create(
            number=f"TMP{timezone.now().timestamp()}"[:20],
            decision=decision,
            establishment=decision.establishment,
            month=month,
            regime=regime,
            created_by=user,
        )
        claim.number = claim_number(
            departement=departement_of(decision.establishment), year=month.year, pk=claim.pk
        )
        claim.save(update_fields=["number"])
        ClaimTransition.objects.create(
            claim=claim, actor=user, to_status=ClaimStatus.PROVISIONAL, motive="Demande créée."
        )
    return claim


def claim_file(*, claim: Claim, user) -> None:
    """Send the DI: deadline, lines and limits checked again, then « En attente de
    validation » (validated by the batch 72 h later unless an agent takes it)."""
    with transaction.atomic():
        locked = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("decision__request")
            .get(pk=claim.pk)
        )
        file_locked(claim=locked, user=user)
    for name in ("status", "sent_at", "updated_at"):  # what the filing changed
        setattr(claim, name, getattr(locked, name))


def file_locked(*, claim: Claim, user) -> None:
    """`claim_file` for a caller that locked the row (SELECT … FOR UPDATE, with its decision
    and the decision's request) in the transaction it has open: the filing view, whose
    scoped lookup is that lock. A double click waits on the lock, then finds it sent."""
    if claim.status != ClaimStatus.PROVISIONAL:
        raise ValidationError("Cette demande a déjà été envoyée.")
    if claim.employees_count == 0:
        raise ValidationError("Ajoutez au moins un salarié avant d'envoyer la demande.")
    check_month(claim.decision, claim.month, today=timezone.localdate())
    errors = limit_errors(claim)
    if errors:
        raise ValidationError(errors)
    claim_transition(
        claim=claim, to=ClaimStatus.PENDING_VALIDATION, actor=user, motive="Demande envoyée."
    )


def claim_withdraw(*, claim: Claim, user) -> None:
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        claim_transition(
            claim=locked, to=ClaimStatus.WITHDRAWN, actor=user, motive="Retirée par l'employeur."
        )
    claim.refresh_from_db()


CORRECTABLE = (ClaimStatus.PAYMENT_DONE,)


def claim_new_version(*, claim: Claim, user) -> Claim:
    """A correction: the next version of the DI, Provisoire, with the same number and a copy
    of the lines. Only once the ASP has paid (DREETS: « Il convient d'attendre le paiement
    par l'ASP de la demande concernée avant toute démarche »)."""
    from indemnisation.services.lines import copy_lines

    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status not in CORRECTABLE:
            raise ValidationError(
                "Une demande ne peut être corrigée qu'une fois son paiement effectué par l'ASP."
            )
        if Claim.objects.filter(number=locked.number, version__gt=locked.version).exists():
            raise ValidationError("Une version plus récente de cette demande existe déjà.")
        source_pk = locked.pk
        locked.pk = None
        locked.version += 1
        locked.status = ClaimStatus.PROVISIONAL
        locked.created_by = user
        locked.created_at = timezone.now()
        locked.sent_at = locked.validated_at = locked.notified_at = None
        locked.save(force_insert=True)
        copy_lines(source_pk=source_pk, target_pk=locked.pk)
        ClaimTransition.objects.create(
            claim=locked,
            actor=user,
            to_status=ClaimStatus.PROVISIONAL,
            motive=f"Version {locked.version} créée pour corriger la version {locked.version - 1}.",
        )
    return locked
