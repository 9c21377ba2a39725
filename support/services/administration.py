"""The DGEFP's administration: agents' rights and territorial scope, information banners;
every change audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import account_create
from apart.core.outbox import send_templated_email
from habilitations.enums import HabilitationStatus, Profile
from habilitations.models import Habilitation, TerritorialScope
from habilitations.services import (
    apart_habilitation,
    find_existing_person,
    habilitation_grant,
)
from support.enums import (
    AuditAction,
)
from support.models import AuditEntry, InformationBanner

# --- The ticket's state machine ------------------------------------------------------------


AGENT_PROFILES = (Profile.UD_AGENT, Profile.SUPPORT)


def agent_snapshot(habilitation: Habilitation) -> dict:
    return {
        "profil": habilitation.profile,
        "statut": habilitation.status,
        "départements": sorted(habilitation.scopes.values_list("departement", flat=True)),
        "valable jusqu'au": habilitation.valid_until.isoformat(),
    }


def _audit(*, actor, action, target, target_user=None, before=None, after=None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target=str(target)[:255],
        target_user=target_user,
        before=before or {},
        after=after or {},
    )


@transaction.atomic
def agent_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    profile: str,
    departements: list[str],
) -> Habilitation:
    """Open an agent's rights: an ASP account (identifiant + temporary password emails)
    unless the person already has one, then the APART habilitation (HABILITATION email)."""
    if profile not in AGENT_PROFILES:
        raise ValidationError("Profil d'agent inconnu.")
    user = find_existing_person(email=email, first_name=first_name, last_name=last_name)
    if user is not None and apart_habilitation(user) is not None:
        raise ValidationError(
            f"{user.get_full_name()} ({user.identifiant}) a déjà une habilitation à l'extranet "
            "Activité Partielle : modifiez ses droits depuis la liste des agents."
        )
    if user is None:
        user, password = account_create(
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            secret_question="",
            secret_answer_hash="",
        )
        send_templated_email(to=user.email, template="asp_identifiant", context={"user": user})
        send_templated_email(
            to=user.email,
            template="asp_mot_de_passe",
            context={"user": user, "password": password},
        )
    habilitation = habilitation_grant(user=user, profile=profile)
    _set_scopes(habilitation, departements if profile == Profile.UD_AGENT else [])
    _audit(
        actor=actor,
        action=AuditAction.AGENT_CREATED,
        target=user.get_full_name(),
        target_user=user,
        after=agent_snapshot(habilitation),
    )
    return habilitation


def _set_scopes(habilitation: Habilitation, departements: list[str]) -> None:
    habilitation.scopes.exclude(departement__in=departements).delete()
    existing = set(habilitation.scopes.values_list("departement", flat=True))
    TerritorialScope.objects.bulk_create(
        TerritorialScope(habilitation=habilitation, departement=code)
        for code in departements
        if code not in existing
    )


@transaction.atomic
def agent_update(
    *, actor: User, habilitation: Habilitation, profile: str, departements: list[str]
) -> Habilitation:
    if profile not in AGENT_PROFILES:
        raise ValidationError("Profil d'agent inconnu.")
    habilitation = Habilitation.objects.select_for_update().get(pk=habilitation.pk)
    before = agent_snapshot(habilitation)
    habilitation.profile = profile
    habilitation.save(update_fields=["profile"])
    _set_scopes(habilitation, departements if profile == Profile.UD_AGENT else [])
    after = agent_snapshot(habilitation)
    if after != before:
        _audit(
            actor=actor,
            action=AuditAction.AGENT_UPDATED,
            target=habilitation.user.get_full_name(),
            target_user=habilitation.user,
            before=before,
            after=after,
        )
    return habilitation


@transaction.atomic
def agent_set_status(*, actor: User, habilitation: Habilitation, status: str) -> Habilitation:
    habilitation = Habilitation.objects.select_for_update().get(pk=habilitation.pk)
    if habilitation.status == status:
        return habilitation
    before = agent_snapshot(habilitation)
    habilitation.status = status
    habilitation.save(update_fields=["status"])
    action = (
        AuditAction.AGENT_SUSPENDED
        if status == HabilitationStatus.SUSPENDED
        else AuditAction.AGENT_REACTIVATED
    )
    _audit(
        actor=actor,
        action=action,
        target=habilitation.user.get_full_name(),
        target_user=habilitation.user,
        before=before,
        after=agent_snapshot(habilitation),
    )
    return habilitation


# --- Information banners and maintenance windows -----------------------------------------


def banner_snapshot(banner: InformationBanner) -> dict:
    return {
        "titre": banner.title,
        "message": banner.message,
        "niveau": banner.level,
        "début": banner.starts_at.isoformat() if banner.starts_at else None,
        "fin": banner.ends_at.isoformat() if banner.ends_at else None,
        "maintenance": banner.maintenance,
    }


@transaction.atomic
def banner_save(
    *, actor: User, banner: InformationBanner, before: dict | None
) -> InformationBanner:
    """Save a banner built by a form; `before` is its snapshot when it already existed."""
    banner.save()
    _audit(
        actor=actor,
        action=AuditAction.BANNER_UPDATED if before else AuditAction.BANNER_CREATED,
        target=banner.title,
        before=before,
        after=banner_snapshot(banner),
    )
    return banner


@transaction.atomic
def banner_end(*, actor: User, banner: InformationBanner) -> InformationBanner:
    now = timezone.now()
    before = banner_snapshot(banner)
    if banner.ends_at is not None and banner.ends_at <= now:
        return banner
    banner.ends_at = max(now, banner.starts_at + timezone.timedelta(seconds=1))
    banner.save(update_fields=["ends_at"])
    _audit(
        actor=actor,
        action=AuditAction.BANNER_ENDED,
        target=banner.title,
        before=before,
        after=banner_snapshot(banner),
    )
    return banner
