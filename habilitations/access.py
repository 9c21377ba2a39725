"""The one place that answers "may this user see / do this?" (design: Roles, rights and isolation).

Every view that loads an establishment — and, later, a DAP, DA, DI or ticket — starts from
`establishments_visible_to(user)` (or `visible_establishment_ids(user)` to filter its own
queryset by establishment), then calls `get_object_or_404` on that scoped queryset, so a
guessed SIRET or number is a 404, never another establishment's data (the 2020 bug
"l'établissement A voit les informations de B", seed 003).

Who sees what, through an APART habilitation that is active and valid today:
- establishment profile (employer users and expert-comptables under contrat de prestation):
  the establishments of its active attachments; it may edit them;
- UD agent: the establishments of the départements of its territorial scope, read-only here;
- support ASP and DGEFP: every establishment, read-only.
Anything else (no habilitation, suspended, expired, inactive account): nothing.
"""

from datetime import date, timedelta
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from accounts.models import User
from apart.core.compiled import CompiledQuery
from establishments.models import Establishment
from habilitations.enums import AttachmentRole, HabilitationStatus, Profile
from habilitations.models import Attachment, Habilitation

_CACHE_ATTR = "_apart_habilitation_cache"
READ_ALL_PROFILES = (Profile.SUPPORT, Profile.DGEFP)


def _valid_apart_habilitations(on=None):
    return Habilitation.objects.apart().valid_on(on or timezone.now()).order_by("pk")


# Asked on every logged-in request: its SQL is built once per process (apart.core.compiled).
_HABILITATION_WITH_USER = CompiledQuery(
    lambda user_id, day: (
        _valid_apart_habilitations(day).select_related("user").filter(user_id=user_id)[:1]
    ),
    int,
    date,
)


def current_habilitation(user) -> Habilitation | None:
    """The user's APART habilitation valid today, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, _CACHE_ATTR):
        setattr(user, _CACHE_ATTR, _valid_apart_habilitations().filter(user=user).first())
    return getattr(user, _CACHE_ATTR)


def user_with_habilitation(user_id):
    """The account of a session, loaded with its habilitation of today in one query.

    Every logged-in request needs both (the login policy, the menus, the page's scope):
    the habilitation comes with its user (`select_related`) and is put where
    `current_habilitation` looks. Without one (refused, the login policy ends the session)
    the account is read alone. None when the account no longer exists.
    """
    today = timezone.localdate()
    habilitation = _HABILITATION_WITH_USER.first(int(user_id), today)
    if habilitation is not None:
        user = habilitation.user
        habilitation.user = user  # the same object both ways
        setattr(user, _CACHE_ATTR, habilitation)
        return user
    return User.objects.filter(pk=user_id).first()


def profile_of(user) -> str | None:
    habilitation = current_habilitation(user)
    return habilitation.profile if habilitation else None


def is_establishment_user(user) -> bool:
    return profile_of(user) == Profile.ESTABLISHMENT


def is_agent(user) -> bool:
    return profile_of(user) in (Profile.UD_AGENT, *READ_ALL_PROFILES)


def active_attachments_of(user) -> QuerySet[Attachment]:
    habilitation = current_habilitation(user)
    if habilitation is None or habilitation.profile != Profile.ESTABLISHMENT:
        return Attachment.objects.none()
    return Attachment.objects.active().filter(habilitation=habilitation)


def establishments_visible_to(user) -> QuerySet[Establishment]:
    habilitation = current_habilitation(user)
    if habilitation is None:
        return Establishment.objects.none()
    if habilitation.profile == Profile.ESTABLISHMENT:
        return establishments_attached_to(habilitation.pk)
    if habilitation.profile == Profile.UD_AGENT:
        departements = [scope.departement for scope in habilitation.scopes.all()]
        return Establishment.objects.in_departements(departements)
    if habilitation.profile in READ_ALL_PROFILES:
        return Establishment.objects.all()
    return Establishment.objects.none()


def visible_establishment_ids(user) -> QuerySet:
    """A subquery of the ids of the visible establishments, for `establishment_id__in=`."""
    return establishments_visible_to(user).values("pk")


def scoped_to_visible(user, queryset: QuerySet, *, via: str = "establishment") -> QuerySet:
    """`queryset` (DAP, DA, DI, ticket…) narrowed to the objects of visible establishments.

    `via` is the path from the model to its Establishment, e.g. "dap__establishment".
    """
    return queryset.filter(**{f"{via}__in": visible_establishment_ids(user)})


def scoped_order(user, moment: str, *then: str) -> tuple:
    """The order of an instruction queue, oldest `moment` (a date-time field) first.

    For an agent of some départements, `moment` is ordered as an expression that no index
    provides. PostgreSQL then finds the départements' establishments first (the
    département index), then their requests, and sorts those; otherwise it may walk every
    pending request of the country in `moment` order, testing each establishment's
    département, until a page of the agent's turns up: 0.8 s per page of the DAP queue on
    the bench's 360,000 pending requests, 6 ms this way. The read-all profiles keep the
    plain order, which their unfiltered queue reads straight from the index."""
    if profile_of(user) == Profile.UD_AGENT:
        return (F(moment) + Value(timedelta(0)), *then)
    return (moment, *then)


def get_for_user(user, queryset: QuerySet, *, via: str = "establishment", **lookup):
    """One object of a visible establishment, else 404 (a guessed number reveals nothing)."""
    return get_object_or_404(scoped_to_visible(user, queryset, via=via), **lookup)


def establishments_attached_to(habilitation_id: int) -> QuerySet[Establishment]:
    """The establishments of an establishment user's habilitation: its active attachments."""
    ids = Attachment.objects.active().filter(habilitation_id=habilitation_id)
    return Establishment.objects.filter(pk__in=ids.values("establishment_id"))


class EditableRowLock:
    """One row of an establishment the user may change, found by `key` and locked (SELECT …
    FOR UPDATE of that row, with its `related` rows) until the caller's open transaction
    ends: the scope, the look-up and the lock in one statement, built once per process
    (`apart.core.compiled`) because every send runs it. Anyone else gets a 404."""

    def __init__(self, model, key: str, key_type: type, *related: str):
        self.query = CompiledQuery(
            lambda habilitation_id, value: (
                model.objects.filter(
                    establishment__in=establishments_attached_to(habilitation_id),
                    **{key: value},
                )
                .select_for_update(of=("self",))
                .select_related(*related)
            ),
            int,
            key_type,
        )

    def get(self, user, value):
        habilitation_id = editing_habilitation_id(user)
        found = habilitation_id and self.query.first(habilitation_id, value)
        if not found:
            raise Http404("Aucune demande ne correspond.")
        return found


def editing_habilitation_id(user) -> int | None:
    """The habilitation through which the user may change establishments (its attached
    ones), None for whoever may not change any (agents, support and the DGEFP read)."""
    habilitation = current_habilitation(user)
    if habilitation is None or habilitation.profile != Profile.ESTABLISHMENT:
        return None
    return habilitation.pk


def establishments_editable_by(user) -> QuerySet[Establishment]:
    """Those whose fiche, users and requests the user may change (attached users only)."""
    habilitation_id = editing_habilitation_id(user)
    if habilitation_id is None:
        return Establishment.objects.none()
    return establishments_attached_to(habilitation_id)


def get_establishment_for(user, siret: str, *, for_update: bool = False) -> Establishment:
    """The establishment of this SIRET if the user may see it (or change it), else 404."""
    queryset = establishments_editable_by(user) if for_update else establishments_visible_to(user)
    return get_object_or_404(
        queryset.select_related("naf_code", "convention", "principal_user"), siret=siret
    )


def can_view(user, establishment: Establishment) -> bool:
    return establishments_visible_to(user).filter(pk=establishment.pk).exists()


def can_edit(user, establishment: Establishment) -> bool:
    """Exactly `establishments_editable_by(user)` for one establishment: those of the
    establishment user's active attachments, i.e. where it holds a role. The role is read
    once per request (`role_in`) and the fiche asks it anyway for the finer rights."""
    return is_establishment_user(user) and role_in(user, establishment) is not None


def role_in(user, establishment: Establishment) -> str | None:
    """The role of the user's active attachment to this establishment, if any.

    Kept on the user object for the rest of the request, as Django keeps its permissions
    (`_perm_cache`): a page that asks several rights of one establishment reads it once.
    """
    roles = user.__dict__.setdefault("_apart_roles", {})
    if establishment.pk not in roles:
        roles[establishment.pk] = (
            active_attachments_of(user)
            .filter(establishment=establishment)
            .values_list("role", flat=True)
            .first()
        )
    return roles[establishment.pk]


def can_manage_users(user, establishment: Establishment) -> bool:
    """The principal user and the expert-comptable add and remove the establishment's users."""
    role = role_in(user, establishment)
    if role is None:
        return False
    return role == AttachmentRole.ACCOUNTANT or establishment.principal_user_id == user.pk


def can_change_principal(user, establishment: Establishment) -> bool:
    """Only the principal user designates another one (design: « the company, or
    support »; support does it from an « Habilitation à l'extranet » ticket). The
    expert-comptable may not: he could make himself principal, then remove the company's
    referent (issue 10, hole 6)."""
    return (
        establishment.principal_user_id == user.pk
        and role_in(user, establishment) is not None
        and is_establishment_user(user)
    )


def establishments_managed_by(user) -> QuerySet[Establishment]:
    """Those for which the user may request a new user (DEMANDE CRÉATION DE COMPTE)."""
    attachments = active_attachments_of(user)
    return Establishment.objects.filter(
        Q(pk__in=attachments.filter(role=AttachmentRole.ACCOUNTANT).values("establishment_id"))
        | Q(pk__in=attachments.values("establishment_id"), principal_user=user)
    )


def is_accountant(user) -> bool:
    return active_attachments_of(user).filter(role=AttachmentRole.ACCOUNTANT).exists()


# Roles of the agents' side (support back-office, DGEFP rights pages).
SUPPORT_VIEWERS = (Profile.SUPPORT, Profile.DGEFP)


def has_profile(user, *profiles: str) -> bool:
    return profile_of(user) in profiles


def is_support_agent(user) -> bool:
    return has_profile(user, Profile.SUPPORT)


def is_dgefp_admin(user) -> bool:
    return has_profile(user, Profile.DGEFP)


def can_view_tickets(user) -> bool:
    return has_profile(user, *SUPPORT_VIEWERS)


def can_act_on_tickets(user) -> bool:
    """Only ASP support answers, closes and replaces referents; the DGEFP reads."""
    return is_support_agent(user)


def profile_required(*profiles: str):
    """403 for a logged-in user without one of these profiles (anonymous: the login
    middleware has already redirected)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_profile(request.user, *profiles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


support_viewer_required = profile_required(*SUPPORT_VIEWERS)
support_agent_required = profile_required(Profile.SUPPORT)
dgefp_required = profile_required(Profile.DGEFP)


# Who may log in (seed 002 §1–§2): « Les usagers ne peuvent se connecter qu'après qu'ils
# aient reçu le courriel de création d'habilitation et à compter de la date précisée », and
# not after it expired. Agents log in the same way, through their APART habilitation. The
# messages are shown only once the password was right, so they reveal nothing to a stranger.
ASSISTANCE_HINT = (
    "Pour toute question, envoyez une demande d'assistance avec le motif « Habilitation à "
    "l'extranet »."
)
NOT_YET_HABILITATED = (
    "Votre habilitation à l'extranet Activité Partielle n'a pas encore été créée : vous ne "
    "pourrez vous connecter que lorsque vous aurez reçu un mail vous informant de la création "
    "de votre habilitation."
)
# Seed 003 (MAJ 10/04/2020): an account of another ASP extranet (SYLAé…) must still make
# its « Création d'espace personnel » request; its identifiants do not open APART before.
OTHER_EXTRANET_ONLY = (
    "Votre compte ASP n'est pas encore habilité à l'extranet Activité Partielle : faites "
    "d'abord votre demande de « Création d'espace personnel » ({link}). L'habilitation sera "
    "donnée sur votre identifiant et votre mot de passe actuels."
)
NOT_STARTED = (
    "Votre habilitation à l'extranet Activité Partielle est activée à compter du {date} : "
    "vous pourrez vous connecter à compter de cette date."
)
EXPIRED = (
    "Votre habilitation à l'extranet Activité Partielle a pris fin le {date} : vous ne pouvez "
    "plus vous connecter. " + ASSISTANCE_HINT
)
SUSPENDED = (
    "Votre habilitation à l'extranet Activité Partielle est suspendue : vous ne pouvez pas vous "
    "connecter. " + ASSISTANCE_HINT
)


def _day(value: date) -> str:
    return formats.date_format(value, "d/m/Y")


def session_refusal(user) -> str | None:
    """Why an open session must end now (the login policy asked again on every request),
    or None. The habilitation of today is read for the page anyway (`current_habilitation`,
    loaded with the user): when there is one the session stays, with no further query;
    only without one is the reason worked out."""
    if current_habilitation(user) is not None:
        return None
    return login_refusal(user, today=timezone.localdate())


def login_refusal(user, *, today: date) -> str | None:
    """Why this account may not log in to APART today, or None when it may: it may exactly
    when its APART habilitation is valid today (`HabilitationQuerySet.valid_on`)."""
    habilitations = Habilitation.objects.apart().filter(user=user)
    if habilitations.valid_on(today).exists():
        return None
    habilitation = habilitations.first()
    if habilitation is None and Habilitation.objects.filter(user=user).exists():
        link = format_html(
            '<a href="{}">Créer mon espace</a>', reverse("habilitations:create_space")
        )
        return format_html(OTHER_EXTRANET_ONLY, link=link)
    if habilitation is None or habilitation.notified_at is None:
        return NOT_YET_HABILITATED
    if habilitation.status != HabilitationStatus.ACTIVE:
        return SUSPENDED
    if today < habilitation.valid_from:
        return NOT_STARTED.format(date=_day(habilitation.valid_from))
    return EXPIRED.format(date=_day(habilitation.valid_until))


def can_instruct_requests(user) -> bool:
    """Only the UD agents instruct DAPs (of their départements: the scoped queryset)."""
    return has_profile(user, Profile.UD_AGENT)


def can_run_batches(user) -> bool:
    """The DGEFP starts the tacit-acceptance batch by hand."""
    return is_dgefp_admin(user)


instructor_required = profile_required(Profile.UD_AGENT)
dgefp_required = profile_required(Profile.DGEFP)
