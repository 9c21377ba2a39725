from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.forms import LoginForm


@login_not_required
@require_POST
def login_view(request):
    form = LoginForm(request.POST)
    if form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            if user.must_change_password:
                return redirect("accounts:first_password_change")
            return redirect("establishments:dashboard")
        form.add_error(None, "Identifiant ou mot de passe incorrect.")
    return render(request, "accounts/login.html", {"form": form}, status=200)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Vous êtes déconnecté.")
    return redirect("home")


def first_password_change(request):
    raise Http404


@login_not_required
def forgotten_password(request):
    raise Http404


@login_not_required
def forgotten_identifiant(request):
    raise Http404
