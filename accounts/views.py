"""MON ESPACE PERSONNEL: login, logout and the first-login password change (seed 002 §2)."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import login_refusal_of
from accounts.forms import FirstPasswordChangeForm, LoginForm
from accounts.validators import RULES_TEXT

WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."
PASSWORD_CHANGED = (
    "Votre mot de passe a été changé. Connectez-vous avec votre identifiant et votre nouveau "
    "mot de passe."
)
CHANGE_RULE = (
    "Le mot de passe doit être différent de l'identifiant et comporter 8 caractères minimum "
    "dont 1 minuscule, 1 majuscule, 1 chiffre et 1 caractère spécial minimum (exemples : "
    ", ? ! : ; % #). Les caractères accentués ne sont pas autorisés."
)


def safe_next(request) -> str:
    """The page asked before login (`next`), if it is one of this site's; else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") and not target.startswith("//") else ""


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        # axes refuses a locked identifiant or address here, before any hashing; once the
        # password is right, the habilitation backend may still refuse, with its reason.
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(None, login_refusal_of(request) or WRONG_CREDENTIALS)
        else:
            login(request, user)  # a new session key: no session fixation
            if user.must_change_password:
                return redirect("accounts:first_password_change")
            return redirect(safe_next(request) or "landing")
    return render(request, "accounts/login.html", {"form": form, "next": safe_next(request)})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Vous êtes déconnecté.")
    return redirect("home")


@require_http_methods(["GET", "POST"])
def first_password_change(request):
    """« Changement du mot de passe pour <identifiant> »; the middleware keeps a user with
    a temporary password here. The new password serves every ASP extranet of the account."""
    user = request.user

    def old_password_is_right(password):
        # Through authenticate(), so that axes throttles and counts wrong old passwords.
        return authenticate(request, username=user.identifiant, password=password) is not None

    form = FirstPasswordChangeForm(
        request.POST if request.method == "POST" else None,
        user=user,
        check_old_password=old_password_is_right,
    )
    if form.is_valid():
        user.set_password(form.cleaned_data["new_password"])
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        logout(request)
        messages.success(request, PASSWORD_CHANGED)
        return redirect("home")
    context = {"form": form, "rule": CHANGE_RULE, "rules": RULES_TEXT}
    return render(request, "accounts/first_password_change.html", context)
