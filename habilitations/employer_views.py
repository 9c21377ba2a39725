"""The employer space: establishments, fiche, RIB, users, current establishment, DEMANDE
CRÉATION DE COMPTE.

These screens live here, beside the access policy they need, rather than in
`establishments` (the layer below): every establishment is loaded through
`habilitations.access` (a guessed SIRET is a 404) and the finer rights are asked through
`user.has_perm` (habilitations.backends). Their URLs keep the `establishments` namespace.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from apart.core.search import fold, folded
from establishments.forms import FicheForm
from establishments.services import sirene_initial
from habilitations import access
from habilitations.backends import CHANGE_ESTABLISHMENT, MANAGE_ESTABLISHMENT_USERS
from habilitations.employer_forms import PrincipalChangeForm, UserRequestForm
from habilitations.enums import AttachmentRole, RequestKind
from habilitations.models import Attachment, Habilitation
from habilitations.services import (
    PrincipalUserProtected,
    account_request_submit,
    attachment_revoke,
    submission_check,
)

SESSION_CURRENT = "current_establishment"
PAGE_SIZE = 20
SORTS = {
    "denomination": ("denomination", "siret"),
    "-denomination": ("-denomination", "-siret"),
    "siret": ("siret",),
    "-siret": ("-siret",),
    "code_postal": ("postal_code", "denomination", "siret"),
    "-code_postal": ("-postal_code", "denomination", "siret"),
}
SORT_LABELS = [
    ("denomination", "Dénomination (A → Z)"),
    ("-denomination", "Dénomination (Z → A)"),
    ("siret", "N° de Siret (croissant)"),
    ("-siret", "N° de Siret (décroissant)"),
    ("code_postal", "Code postal (croissant)"),
    ("-code_postal", "Code postal (décroissant)"),
]


def current_establishment(request):
    """The establishment chosen in the session (expert-comptable's switcher), if still visible."""
    siret = request.session.get(SESSION_CURRENT)
    if not siret:
        return None
    return access.establishments_visible_to(request.user).filter(siret=siret).first()


@require_POST
def current_establishment_set(request):
    siret = "".join(request.POST.get("siret", "").split())
    establishment = get_object_or_404(access.establishments_visible_to(request.user), siret=siret)
    request.session[SESSION_CURRENT] = establishment.siret
    messages.success(request, f"Établissement courant : {establishment.denomination}.")
    return redirect("establishments:dashboard")


def search_filter(queryset, query: str):
    """What people type, accents and case ignored (issue 13): a SIRET (spaces ignored) is
    matched exactly, a SIREN (9 digits) or the start of a SIRET gives its establishments,
    5 digits may also be a postal code; text is looked for in the name and the city."""
    compact = "".join(query.split())
    if compact.isdigit():
        if len(compact) == 14:
            return queryset.filter(siret=compact)
        by_digits = Q(siret__startswith=compact)
        if len(compact) == 5:
            by_digits |= Q(postal_code=compact)
        return queryset.filter(by_digits)
    text = " ".join(fold(query).split())
    return queryset.alias(folded_name=folded("denomination"), folded_city=folded("city")).filter(
        Q(folded_name__contains=text) | Q(folded_city__contains=text)
    )


def establishment_list(request):
    query = request.GET.get("q", "").strip()
    sort = request.GET.get("tri", "denomination")
    if sort not in SORTS:
        sort = "denomination"
    queryset = access.establishments_visible_to(request.user)
    if query:
        queryset = search_filter(queryset, query)
    paginator = Paginator(queryset.order_by(*SORTS[sort]), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    context = {
        "page_obj": page,
        "query": query,
        "sort": sort,
        "sort_labels": SORT_LABELS,
        "is_employer": access.is_establishment_user(request.user),
    }
    return render(request, "establishments/list.html", context)


@require_http_methods(["GET", "POST"])
def establishment_detail(request, siret):
    establishment = access.get_establishment_for(request.user, siret)
    editable = request.user.has_perm(CHANGE_ESTABLISHMENT, establishment)
    sirene = sirene_initial(establishment.siret, extra=("naf_code",))
    form = None
    # A browser never shows a chosen file back: name it if the submission is refused.
    chosen_file = request.FILES["rib_file"].name if "rib_file" in request.FILES else ""
    if editable:
        # The form works on a copy: a refused submission must not change what the page
        # says is saved (« Il manque », the RIB link), only the fields shown back.
        form = FicheForm(
            request.POST or None,
            request.FILES or None,
            instance=copy.copy(establishment),
            sirene=sirene,
        )
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, "La fiche établissement a été enregistrée.")
            return redirect("establishments:detail", siret=establishment.siret)
    elif request.method == "POST":
        raise PermissionDenied("Consultation seule.")
    context = {
        "chosen_file": chosen_file,
        "establishment": establishment,
        "form": form,
        "sirene": sirene,
        "missing": establishment.missing_fiche_fields(),
        "can_manage": request.user.has_perm(MANAGE_ESTABLISHMENT_USERS, establishment),
        "principal_form": principal_form(establishment),
    }
    return render(request, "establishments/detail.html", context)


def principal_candidates(establishment):
    """Active accounts attached (today) to the establishment, other than the principal user."""
    attached = Attachment.objects.active().filter(
        establishment=establishment,
        habilitation__in=Habilitation.objects.valid_on(timezone.now()),
    )
    return (
        User.objects.filter(is_active=True, habilitations__attachments__in=attached)
        .exclude(pk=establishment.principal_user_id)
        .distinct()
        .order_by("last_name", "first_name")
    )


def principal_form(establishment, data=None):
    return PrincipalChangeForm(data, candidates=principal_candidates(establishment))


def establishment_to_manage(request, siret):
    establishment = access.get_establishment_for(request.user, siret, for_update=True)
    if not request.user.has_perm(MANAGE_ESTABLISHMENT_USERS, establishment):
        raise PermissionDenied(
            "Seul le compte principal utilisateur ou l'expert-comptable gère les utilisateurs."
        )
    return establishment


@require_POST
def principal_change(request, siret):
    establishment = establishment_to_manage(request, siret)
    form = principal_form(establishment, request.POST)
    if form.is_valid():
        establishment.principal_user = form.cleaned_data["user"]
        establishment.save(update_fields=["principal_user", "updated_at"])
        messages.success(
            request,
            f"{form.cleaned_data['user'].get_full_name()} est désormais le compte principal "
            "utilisateur (personne à contacter).",
        )
    else:
        messages.error(request, "Choisissez un utilisateur actif de l'établissement.")
    return redirect("establishments:detail", siret=establishment.siret)


def rib_download(request, siret):
    establishment = access.get_establishment_for(request.user, siret)
    if not establishment.rib_file:
        raise Http404("Aucun RIB")
    extension = establishment.rib_file.name.rsplit(".", 1)[-1]
    name = f"rib-{establishment.siret}.{extension}"
    return FileResponse(establishment.rib_file.open("rb"), as_attachment=True, filename=name)


def establishment_users(request, siret):
    establishment = access.get_establishment_for(request.user, siret)
    attachments = (
        Attachment.objects.filter(establishment=establishment)
        .select_related("habilitation__user", "added_by", "revoked_by")
        .order_by("-added_at", "-pk")
    )
    context = {
        "establishment": establishment,
        "active": [a for a in attachments if a.revoked_at is None],
        "history": attachments,
        "can_manage": request.user.has_perm(MANAGE_ESTABLISHMENT_USERS, establishment),
        "is_accountant": access.role_in(request.user, establishment) == AttachmentRole.ACCOUNTANT,
    }
    return render(request, "establishments/users.html", context)


@require_POST
def user_remove(request, siret, attachment_id):
    establishment = establishment_to_manage(request, siret)
    attachment = get_object_or_404(
        Attachment.objects.active().select_related("habilitation__user"),
        pk=attachment_id,
        establishment=establishment,
    )
    removed = attachment.habilitation.user
    try:
        attachment_revoke(attachment=attachment, by=request.user)
    except PrincipalUserProtected as refusal:
        messages.error(request, str(refusal))
        return redirect("establishments:users", siret=establishment.siret)
    except Attachment.DoesNotExist:
        raise Http404("Rattachement déjà retiré") from None
    messages.success(
        request,
        f"{removed.get_full_name()} n'a plus accès à l'établissement {establishment.siret}.",
    )
    return redirect("establishments:users", siret=establishment.siret)


@require_http_methods(["GET", "POST"])
def user_request(request):
    manageable = access.establishments_managed_by(request.user).order_by("denomination", "siret")
    initial = {"establishment": request.GET.get("siret") or request.session.get(SESSION_CURRENT)}
    form = UserRequestForm(request.POST or None, establishments=manageable, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        error, information = submission_check(
            email=data["email"], first_name=data["first_name"], last_name=data["last_name"]
        )
        if error:
            form.add_error(None, error)
        else:
            account_request_submit(
                siret=data["establishment"].siret,
                establishment_data={},
                **form.person_data(),
                kind=RequestKind.ADD_USER,
                requested_by=request.user,
                attachment_role=data["role"],
            )
            if information:
                messages.info(request, information)
            messages.success(
                request,
                "Votre demande de création de compte a bien été transmise, un courriel sera "
                "prochainement envoyé à l'utilisateur, lorsque la demande aura été traitée.",
            )
            return redirect("establishments:users", siret=data["establishment"].siret)
    context = {"form": form, "has_manageable": manageable.exists()}
    return render(request, "establishments/user_request.html", context)
