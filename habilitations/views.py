"""« CRÉER MON ESPACE »: SIRET, then the account-creation request (seeds 002, 004, 001)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from establishments.reference import CEDEX_HINT
from establishments.services import sirene_initial
from habilitations.forms import ESTABLISHMENT_HAS_ACCOUNT, CreateSpaceForm, SiretForm
from habilitations.services import (
    account_request_submit,
    establishment_has_account,
    pending_creation_exists,
    submission_check,
)

# The SIRET of step 1 and the message of step 2 ride in two signed cookies of these pages,
# not in a session: an anonymous filer then costs no session row (an INSERT, an UPDATE
# and two Redis calls per filing, at 125 filings a second). Signed, they cannot be forged
# or edited; like the session they end with the browser or after 30 idle minutes (each
# page of step 2 renews the SIRET's).
SIRET_COOKIE = "creer_mon_espace_siret"
OUTCOME_COOKIE = "creer_mon_espace_information"
COOKIE_PATH = "/habilitations/creer-mon-espace/"
SUBMITTED = (
    "Votre demande de création de compte a bien été transmise, un courriel vous sera "
    "prochainement envoyé, lorsque votre demande aura été traitée."
)
# Two people creating a space for one SIRET at once: the second is told (issue 10, hole 8).
CREATION_PENDING = (
    "Une demande de création de compte est déjà en cours de traitement pour cet "
    "établissement. Vous serez informé par courriel de la création du compte ; pour ajouter "
    "un autre utilisateur, connectez-vous ensuite sous ce compte."
)
SIRET_FIRST = "Veuillez d'abord indiquer le numéro de Siret de l'établissement."


@login_not_required
@require_http_methods(["GET", "POST"])
def create_space(request):
    """Step 1: the SIRET, the captcha and the terms of use."""
    form = SiretForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = redirect("habilitations:create_space_form")
        remember(response, SIRET_COOKIE, form.cleaned_data["siret"])
        return response
    return render(request, "habilitations/create_space.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def create_space_form(request):
    """Step 2: the establishment and the user account to create."""
    siret = recall(request, SIRET_COOKIE)
    if not siret:
        messages.warning(request, SIRET_FIRST)
        return redirect("habilitations:create_space")
    sirene = sirene_initial(siret)
    form = CreateSpaceForm(request.POST or None, siret=siret, sirene=sirene)
    if request.POST.get("afficher_villes"):
        form.show_communes_only()
    elif request.method == "POST" and form.is_valid():
        information = _submit(form, siret)
        if information is not None:
            response = redirect("habilitations:create_space_done")
            forget(response, SIRET_COOKIE)
            remember(response, OUTCOME_COOKIE, information)
            return response
    context = {
        "form": form,
        "siret": siret,
        "has_sirene": bool(sirene),
        "cedex_hint_text": CEDEX_HINT,
    }
    response = render(request, "habilitations/create_space_form.html", context)
    remember(response, SIRET_COOKIE, siret)  # 30 idle minutes from this page
    return response


def _submit(form: CreateSpaceForm, siret: str) -> str | None:
    """Store the request; the message to show, or None with the form's error set."""
    data = form.cleaned_data
    if establishment_has_account(siret):
        form.add_error(None, ESTABLISHMENT_HAS_ACCOUNT)
        return None
    if pending_creation_exists(siret):
        form.add_error(None, CREATION_PENDING)
        return None
    error, information = submission_check(
        email=data["email"], first_name=data["first_name"], last_name=data["last_name"]
    )
    if error:
        form.add_error(None, error)
        return None
    account_request_submit(
        siret=siret,
        establishment_data=form.establishment_data(),
        **form.person_data(),
    )
    return information or SUBMITTED


@login_not_required
@require_GET
def create_space_done(request):
    """« Information »: the request was sent (or attached to an existing habilitation)."""
    information = recall(request, OUTCOME_COOKIE)
    if information is None:
        return redirect("home")
    response = render(request, "habilitations/create_space_done.html", {"information": information})
    forget(response, OUTCOME_COOKIE)  # shown once
    return response


def signed(name: str, value: str) -> str:
    """A cookie's value: `value` signed (and dated) for that cookie only."""
    return signing.dumps(value, salt=f"{__name__}.{name}", compress=True)


def recall(request, name: str) -> str | None:
    """The value of one of our cookies, or None if absent, forged or idle too long."""
    raw = request.COOKIES.get(name)
    if not raw:
        return None
    try:
        return signing.loads(raw, salt=f"{__name__}.{name}", max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None


def remember(response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        signed(name, value),
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH, samesite="Lax")
