"""« CRÉER MON ESPACE »: SIRET, then the account-creation request (seeds 002, 004, 001)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from establishments.reference import CEDEX_HINT
from establishments.services import has_account, sirene_initial
from habilitations.forms import ESTABLISHMENT_HAS_ACCOUNT, CreateSpaceForm, SiretForm
from habilitations.services import account_request_submit, submission_check

SESSION_SIRET = "create_space_siret"
SESSION_OUTCOME = "create_space_outcome"
SUBMITTED = (
    "Votre demande de création de compte a bien été transmise, un courriel vous sera "
    "prochainement envoyé, lorsque votre demande aura été traitée."
)
SIRET_FIRST = "Veuillez d'abord indiquer le numéro de Siret de l'établissement."


@login_not_required
@require_http_methods(["GET", "POST"])
def create_space(request):
    """Step 1: the SIRET, the captcha and the terms of use."""
    form = SiretForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_SIRET] = form.cleaned_data["siret"]
        return redirect("habilitations:create_space_form")
    return render(request, "habilitations/create_space.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def create_space_form(request):
    """Step 2: the establishment and the user account to create."""
    siret = request.session.get(SESSION_SIRET)
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
            del request.session[SESSION_SIRET]
            request.session[SESSION_OUTCOME] = information
            return redirect("habilitations:create_space_done")
    context = {
        "form": form,
        "siret": siret,
        "has_sirene": bool(sirene),
        "cedex_hint_text": CEDEX_HINT,
    }
    return render(request, "habilitations/create_space_form.html", context)


def _submit(form: CreateSpaceForm, siret: str) -> str | None:
    """Store the request; the message to show, or None with the form's error set."""
    data = form.cleaned_data
    if has_account(siret):
        form.add_error(None, ESTABLISHMENT_HAS_ACCOUNT)
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
    information = request.session.pop(SESSION_OUTCOME, None)
    if information is None:
        return redirect("home")
    return render(request, "habilitations/create_space_done.html", {"information": information})
