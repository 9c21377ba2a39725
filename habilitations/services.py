"""The "créer mon espace" processing (seed 002, cases 1 to 3) and habilitation rules.

How an existing person is recognised: an ASP account is the same person as the one named
in a request when the **email** (accents removed, case ignored) **and** the **nom and
prénom** (accents, case, hyphens and spaces ignored) are all equal. Email alone is not
enough: a shared mailbox (comptabilite@…) may serve several people, and an
expert-comptable's staff often share one; names alone are not unique. If several accounts
match, the oldest is used. When none matches, a new account is created (case 1), even if
the email is already known under other names.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from accounts.normalize import normalize_email, normalize_name
from accounts.services import account_create
from apart.core.compiled import CompiledQuery
from apart.core.locks import xact_lock
from apart.core.outbox import send_templated_email
from apart.core.queue import enqueue_on_commit
from apart.core.sealed import seal, unseal
from establishments.models import Establishment
from establishments.services import establishment_get_or_create
from habilitations.enums import (
    ApplicationCode,
    AttachmentRole,
    Profile,
    RequestKind,
    RequestOutcome,
    RequestStatus,
)
from habilitations.models import AccountRequest, Application, Attachment, Habilitation

ALREADY_HABILITATED_MESSAGE = (
    "Pour information : l'utilisateur {name} a déjà une habilitation sur l'extranet Activité "
    "Partielle, pour un autre établissement que le vôtre. Cette même habilitation va être "
    "rattachée à ce compte établissement."
)
SECRET_ANSWER_PURPOSE = "habilitations.AccountRequest.secret_answer"
LIMIT_MESSAGE = (
    "Le gestionnaire {name} est déjà rattaché à {limit} établissements, le maximum autorisé. "
    "Indiquez un autre gestionnaire pour cet établissement."
)


def find_existing_person(*, email: str, first_name: str, last_name: str) -> User | None:
    """The ASP account of this person, by the rule of the module docstring."""
    wanted = (normalize_name(first_name), normalize_name(last_name))
    for user in User.objects.filter(email__iexact=normalize_email(email)).order_by("pk"):
        if (normalize_name(user.first_name), normalize_name(user.last_name)) == wanted:
            return user
    return None


def apart_habilitation(user: User) -> Habilitation | None:
    return Habilitation.objects.apart().filter(user=user).first()


def active_establishment_count(user: User) -> int:
    return (
        Attachment.objects.active()
        .filter(habilitation__user=user, habilitation__application__code=ApplicationCode.APART)
        .count()
    )


def person_display_name(first_name: str, last_name: str) -> str:
    """NOM Prénom, the order of seeds 002 and 004 (« l'utilisateur FoPlus ilmen »)."""
    return f"{last_name.strip().upper()} {first_name.strip()}"


def establishment_has_account(siret: str) -> bool:
    """Someone can already reach this establishment: it has a principal user or any user
    still attached (an expert-comptable's client may have no principal user). Seed 001's
    « …a déjà créé un compte utilisateur… » then applies, so that nobody can claim it."""
    return _REACHABLE.first(siret) is not None


def _reachable(siret: str):
    """An attachment counts while `Attachment.objects.active()` holds it (not revoked)."""
    attached = Attachment.objects.active().filter(establishment=OuterRef("pk"))
    return (
        Establishment.objects.filter(siret=siret)
        .filter(Q(principal_user__isnull=False) | Exists(attached))
        .order_by()
        .values_list("pk")[:1]
    )


# Step 1, step 2 and the processing of every filing ask it: building it with the ORM each
# time cost more CPU (~1.5 ms) than running it, so its SQL is built once per process.
_REACHABLE = CompiledQuery(_reachable, str)


def pending_creation_exists(siret: str) -> bool:
    """Another « Créer mon espace » of this SIRET waits to be processed."""
    return AccountRequest.objects.filter(
        siret=siret, kind=RequestKind.CREATE_SPACE, status=RequestStatus.RECEIVED
    ).exists()


def submission_check(
    *, email: str, first_name: str, last_name: str
) -> tuple[str | None, str | None]:
    """(blocking error, information) to show when the request is submitted."""
    person = find_existing_person(email=email, first_name=first_name, last_name=last_name)
    if person is None:
        return None, None
    limit = settings.MAX_ESTABLISHMENTS_PER_MANAGER
    name = person_display_name(first_name, last_name)
    if active_establishment_count(person) >= limit:
        return LIMIT_MESSAGE.format(name=name, limit=limit), None
    if apart_habilitation(person) is not None:
        return None, ALREADY_HABILITATED_MESSAGE.format(name=name)
    return None, None


def account_request_submit(
    *,
    siret: str,
    establishment_data: dict,
    last_name: str,
    first_name: str,
    phone: str,
    email: str,
    secret_question: str,
    secret_answer: str,
    kind: str = RequestKind.CREATE_SPACE,
    requested_by: User | None = None,
    attachment_role: str = AttachmentRole.USER,
) -> AccountRequest:
    """Store the request first; it is processed after commit (and by the sweep if lost).

    The secret answer is sealed, not hashed, here: the worker hashes it (see
    `AccountRequest.secret_answer_sealed`)."""
    request = AccountRequest.objects.create(
        kind=kind,
        siret=siret,
        establishment_data=establishment_data,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        phone=phone,
        email=normalize_email(email),
        secret_question=secret_question.strip(),
        secret_answer_sealed=seal(secret_answer, purpose=SECRET_ANSWER_PURPOSE),
        requested_by=requested_by,
        attachment_role=attachment_role,
    )
    from habilitations.tasks import process_account_request  # tasks import this module

    enqueue_on_commit(process_account_request, request.pk)
    return request


def account_request_process(*, request_id: int) -> AccountRequest:
    """Process a stored request once, whatever the number of calls (idempotent)."""
    with transaction.atomic():
        request = AccountRequest.objects.select_for_update().get(pk=request_id)
        if request.status != RequestStatus.RECEIVED:
            return request
        # Two requests for one SIRET processed at once: the second waits for the first
        # and then sees its principal user (issue 10, hole 8).
        xact_lock(f"account-request:{request.siret}")
        _process(request)
        request.processed_at = timezone.now()
        # Processed or rejected, the request keeps no answer: the account has its hash.
        request.secret_answer_sealed = request.secret_answer_hash = ""
        request.save()
    return request


def secret_answer_hash(request: AccountRequest) -> str:
    """The Argon2 hash of the request's answer, for the account it creates."""
    if not request.secret_answer_sealed:
        return request.secret_answer_hash  # received before sealing
    probe = User(identifiant="")
    probe.set_secret_answer(unseal(request.secret_answer_sealed, purpose=SECRET_ANSWER_PURPOSE))
    return probe.secret_answer_hash


def _process(request: AccountRequest) -> None:
    establishment = Establishment.objects.filter(siret=request.siret).first()
    if request.kind == RequestKind.CREATE_SPACE and establishment_has_account(request.siret):
        _reject(request, RequestOutcome.ALREADY_HAS_ACCOUNT)
        send_templated_email(
            to=request.email, template="create_space_refused", context={"siret": request.siret}
        )
        return
    person = find_existing_person(
        email=request.email, first_name=request.first_name, last_name=request.last_name
    )
    if person and active_establishment_count(person) >= settings.MAX_ESTABLISHMENTS_PER_MANAGER:
        _reject(request, RequestOutcome.LIMIT_REACHED)
        return
    if establishment is None:
        establishment = establishment_get_or_create(
            siret=request.siret, data=request.establishment_data
        )
    request.establishment = establishment
    habilitation = _habilitate(request, person)
    attach(
        habilitation=habilitation,
        establishment=establishment,
        role=request.attachment_role,
        added_by=request.requested_by,
    )
    if request.kind in (RequestKind.CREATE_SPACE, RequestKind.REPLACE_REFERENT) or (
        establishment.principal_user_id is None
    ):
        establishment.principal_user = habilitation.user
        establishment.save(update_fields=["principal_user", "updated_at"])
    request.status = RequestStatus.PROCESSED


def _reject(request: AccountRequest, outcome: str) -> None:
    request.status = RequestStatus.REJECTED
    request.outcome = outcome


def _habilitate(request: AccountRequest, person: User | None) -> Habilitation:
    """Cases 1 to 3 of seed 002: who gets which emails."""
    if person is not None:
        existing = apart_habilitation(person)
        if existing is not None:
            request.user, request.outcome = person, RequestOutcome.ALREADY_HABILITATED
            return existing
        request.user, request.outcome = person, RequestOutcome.OTHER_EXTRANET
        return habilitation_grant(user=person)
    user, password = account_create(
        first_name=request.first_name,
        last_name=request.last_name,
        email=request.email,
        phone=request.phone,
        secret_question=request.secret_question,
        secret_answer_hash=secret_answer_hash(request),
    )
    send_templated_email(to=user.email, template="asp_identifiant", context={"user": user})
    send_templated_email(
        to=user.email, template="asp_mot_de_passe", context={"user": user, "password": password}
    )
    request.user, request.outcome = user, RequestOutcome.NEW_ACCOUNT
    return habilitation_grant(user=user)


def habilitation_grant(*, user: User, profile: str = Profile.ESTABLISHMENT) -> Habilitation:
    """Give APART rights for one year from today and send the HABILITATION email."""
    today = timezone.localdate()
    habilitation = Habilitation.objects.create(
        user=user,
        application=Application.objects.get(code=ApplicationCode.APART),
        profile=profile,
        valid_from=today,
        valid_until=today + timedelta(days=settings.HABILITATION_DEFAULT_DAYS - 1),
        notified_at=timezone.now(),
    )
    send_templated_email(
        to=user.email,
        template="apart_habilitation",
        context={"user": user, "habilitation": habilitation},
    )
    return habilitation


def attach(
    *, habilitation: Habilitation, establishment: Establishment, role: str, added_by: User | None
) -> Attachment:
    attachment, _created = Attachment.objects.active().get_or_create(
        habilitation=habilitation,
        establishment=establishment,
        defaults={"role": role, "added_by": added_by},
    )
    return attachment


# Seed 002 (« Compte principal utilisateur (Personne à contacter) »): the establishment's
# contact person keeps access as long as they are its contact person.
PRINCIPAL_USER_PROTECTED = (
    "Le compte principal utilisateur ne peut pas être retiré : désignez d'abord une autre "
    "personne référente dans la fiche établissement."
)


class PrincipalUserProtected(Exception):
    pass


def attachment_revoke(*, attachment: Attachment, by: User) -> Attachment:
    """Revoke one active attachment: the one way an attachment ends, in every path.

    The principal user's attachment is refused (`PrincipalUserProtected`): another person
    must become the principal user first (or `principal_user_withdraw` when they left)."""
    with transaction.atomic():
        attachment = (
            Attachment.objects.active()
            .select_for_update()
            .select_related("habilitation", "establishment")
            .get(pk=attachment.pk)
        )
        if attachment.habilitation.user_id == attachment.establishment.principal_user_id:
            raise PrincipalUserProtected(PRINCIPAL_USER_PROTECTED)
        attachment.revoked_at = timezone.now()
        attachment.revoked_by = by
        attachment.save(update_fields=["revoked_at", "revoked_by"])
    return attachment


def principal_user_withdraw(*, establishment: Establishment, by: User) -> int:
    """The personne référente left the company (seed 000, case 2.1): the establishment has
    no principal user until its replacement's request is processed, and the departed's
    attachments to it are revoked at once. Returns the number of attachments revoked."""
    with transaction.atomic():
        establishment = Establishment.objects.select_for_update().get(pk=establishment.pk)
        departed_id = establishment.principal_user_id
        if departed_id is None:
            return 0
        establishment.principal_user = None
        establishment.save(update_fields=["principal_user", "updated_at"])
        attachments = Attachment.objects.active().filter(
            habilitation__user_id=departed_id, establishment=establishment
        )
        for attachment in attachments:
            attachment_revoke(attachment=attachment, by=by)
        return len(attachments)
