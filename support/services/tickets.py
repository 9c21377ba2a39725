"""Assistance tickets: their state machine with its transition log, and the replacement
of a departed referent (seed 000 case 2.1)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from apart.core.outbox import send_templated_email
from establishments.models import Establishment
from habilitations.enums import RequestKind
from habilitations.models import AccountRequest, Attachment
from habilitations.services import (
    account_request_submit,
    principal_user_withdraw,
)
from support.enums import (
    MessageKind,
    TicketMotif,
    TicketStatus,
    TicketTransitionName,
)
from support.models import Ticket, TicketMessage, TicketTransition

# --- The ticket's state machine ------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str


REPLY = Transition(
    TicketTransitionName.REPLY,
    (TicketStatus.NEW, TicketStatus.IN_PROGRESS),
    TicketStatus.IN_PROGRESS,
)
CLOSE = Transition(
    TicketTransitionName.CLOSE, (TicketStatus.NEW, TicketStatus.IN_PROGRESS), TicketStatus.CLOSED
)
REOPEN = Transition(TicketTransitionName.REOPEN, (TicketStatus.CLOSED,), TicketStatus.IN_PROGRESS)
REPLACE_REFERENT = Transition(
    TicketTransitionName.REPLACE_REFERENT,
    (TicketStatus.NEW, TicketStatus.IN_PROGRESS),
    TicketStatus.IN_PROGRESS,
)


class TransitionNotAllowed(Exception):
    pass


def _apply(ticket: Ticket, transition: Transition, *, by: User, note: str = "") -> Ticket:
    """Move a locked ticket along `transition` and log it; refuse from any other state."""
    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if locked.status not in transition.sources:
        raise TransitionNotAllowed(
            f"« {TicketTransitionName(transition.name).label} » impossible : la demande est "
            f"{locked.get_status_display().lower()}."
        )
    TicketTransition.objects.create(
        ticket=locked,
        name=transition.name,
        from_status=locked.status,
        to_status=transition.target,
        by=by,
        note=note[:255],
    )
    locked.status = transition.target
    locked.save(update_fields=["status", "updated_at"])
    return locked


def allowed_transitions(ticket: Ticket) -> set[str]:
    return {t.name for t in (REPLY, CLOSE, REOPEN, REPLACE_REFERENT) if ticket.status in t.sources}


# --- Tickets --------------------------------------------------------------------------------


def ticket_submit(
    *,
    siret: str,
    denomination: str,
    requester_name: str,
    phone: str,
    email: str,
    motif: str,
    description: str,
    submitted_by: User | None = None,
) -> Ticket:
    """Store the ticket, acknowledge it to the requester and send it to the support box."""
    with transaction.atomic():
        ticket = _create_with_unique_reference(
            siret=siret,
            denomination=denomination,
            requester_name=requester_name,
            phone=phone,
            email=email,
            motif=motif,
            description=description,
            submitted_by=submitted_by if submitted_by and submitted_by.is_authenticated else None,
        )
        TicketTransition.objects.create(
            ticket=ticket,
            name=TicketTransitionName.SUBMIT,
            from_status="",
            to_status=TicketStatus.NEW,
            by=ticket.submitted_by,
        )
        TicketMessage.objects.create(
            ticket=ticket,
            kind=MessageKind.REQUEST,
            author=ticket.submitted_by,
            body=description or "(aucune description)",
        )
        context = {"ticket": ticket}
        send_templated_email(to=ticket.email, template="support_ticket_ack", context=context)
        send_templated_email(
            to=settings.SUPPORT_EMAIL, template="support_ticket_new", context=context
        )
    return ticket


def _create_with_unique_reference(**fields) -> Ticket:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Ticket.objects.create(**fields)
        except IntegrityError:
            continue  # 31^8 references: a collision is rare, try another
    raise RuntimeError("Impossible d'attribuer une référence à la demande d'assistance")


@transaction.atomic
def ticket_reply(*, ticket: Ticket, agent: User, body: str) -> Ticket:
    ticket = _apply(ticket, REPLY, by=agent)
    message = TicketMessage.objects.create(
        ticket=ticket, kind=MessageKind.REPLY, author=agent, body=body
    )
    send_templated_email(
        to=ticket.email,
        template="support_ticket_reply",
        context={"ticket": ticket, "message": message},
    )
    return ticket


@transaction.atomic
def ticket_close(*, ticket: Ticket, agent: User, note: str = "") -> Ticket:
    return _apply(ticket, CLOSE, by=agent, note=note)


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, agent: User, note: str = "") -> Ticket:
    return _apply(ticket, REOPEN, by=agent, note=note)


def ticket_establishment(ticket: Ticket) -> Establishment | None:
    return Establishment.objects.select_related("principal_user").filter(siret=ticket.siret).first()


def establishment_users(establishment: Establishment) -> list[Attachment]:
    return list(
        Attachment.objects.active()
        .filter(establishment=establishment)
        .select_related("habilitation__user")
        .order_by("added_at")
    )


@transaction.atomic
def ticket_replace_referent(
    *,
    ticket: Ticket,
    agent: User,
    last_name: str,
    first_name: str,
    phone: str,
    email: str,
    secret_question: str,
    secret_answer: str,
) -> AccountRequest:
    """Seed 000 case 2.1: the referent left the company.

    Starts the one account / habilitation processing of `habilitations.services` for the
    new person (who becomes the principal user) and revokes the departed referent's
    attachment to this establishment only; everything is recorded on the ticket.
    """
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.account_request_id is not None:
        raise TransitionNotAllowed("Le référent a déjà été remplacé pour cette demande.")
    if ticket.motif != TicketMotif.HABILITATION:
        raise TransitionNotAllowed("Action réservée aux demandes « Habilitation à l'extranet ».")
    establishment = ticket_establishment(ticket)
    if establishment is None:
        raise TransitionNotAllowed(
            "Aucun établissement ne correspond au N° de Siret de la demande."
        )
    ticket = _apply(ticket, REPLACE_REFERENT, by=agent, note=f"{first_name} {last_name}")
    departed = establishment.principal_user
    request = account_request_submit(
        siret=establishment.siret,
        establishment_data={},
        last_name=last_name,
        first_name=first_name,
        phone=phone,
        email=email,
        secret_question=secret_question,
        secret_answer=secret_answer,
        kind=RequestKind.REPLACE_REFERENT,
        requested_by=agent,
    )
    revoked = principal_user_withdraw(establishment=establishment, by=agent)
    ticket.account_request = request
    ticket.save(update_fields=["account_request", "updated_at"])
    departed_text = (
        f"L'accès de l'ancien référent {departed.get_full_name()} ({departed.identifiant}) à "
        f"cet établissement a été retiré ({revoked} rattachement retiré)."
        if departed
        else "L'établissement n'avait pas de référent."
    )
    TicketMessage.objects.create(
        ticket=ticket,
        kind=MessageKind.ACTION,
        author=agent,
        body=(
            f"Demandeur vérifié. Remplacement du référent de {establishment.denomination} "
            f"({establishment.siret}) par {first_name} {last_name.upper()} ({email}, {phone}) : "
            f"création du compte et de l'habilitation lancée (demande n° {request.pk}). "
            f"{departed_text}"
        ),
    )
    return request


# --- Agents' rights (seed 003: « ouverture de droit comme tout agent travaillant en DIRECCTE »)
