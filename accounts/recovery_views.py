"""GESTION DU MOT DE PASSE and « Mon Compte — J'ai oublié mon identifiant » (seed 002 §3–§4).

Each step keeps what it learnt in the session, so the steps cannot be skipped by posting
to a later URL. Every POST first checks the throttle, then (and only then) hashes.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts import recovery, throttle
from accounts.forms import (
    ForgottenIdentifiantForm,
    ForgottenPasswordForm,
    PasswordResetForm,
    SecretAnswersForm,
)
from accounts.lockout import render_blocked
from accounts.validators import RULES_TEXT

STEP_MAX_AGE_SECONDS = 20 * 60
SCOPE = "recovery"
WRONG_ANSWER = "La réponse à la question secrète est incorrecte."
PASSWORD_STEP = "recovery_password"
IDENTIFIANT_STEP = "recovery_identifiant"
RESET_TOKEN = "recovery_reset_token"
# Each identifiant or email typed shows a question: counted per client so that probing
# accounts is slowed (issue 10, hole 4). A person needs one or two; an office behind one
# address a few more.
QUESTION_SCOPE = "recovery-question"
QUESTIONS_PER_WINDOW = 8


def _ip(request) -> str:
    return f"ip:{throttle.client_ip(request)}"


def _start_step(request, key: str, value: str) -> None:
    request.session[key] = {"value": value, "at": timezone.now().timestamp()}


def _step_value(request, key: str) -> str | None:
    step = request.session.get(key)
    if not step or timezone.now().timestamp() - step["at"] > STEP_MAX_AGE_SECONDS:
        return None
    return step["value"]


def _blocked(request, *values):
    until = throttle.blocked_until(SCOPE, [_ip(request), *values])
    return render_blocked(request, until) if until else None


def _probing_blocked(request):
    until = throttle.blocked_until(QUESTION_SCOPE, [_ip(request)], allowed=QUESTIONS_PER_WINDOW)
    return render_blocked(request, until) if until else None


# --- J'ai oublié mon mot de passe ----------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def forgotten_password(request):
    if request.method == "POST" and (blocked := _blocked(request) or _probing_blocked(request)):
        return blocked
    form = ForgottenPasswordForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        identifiant = form.cleaned_data["identifiant"]
        throttle.hit(QUESTION_SCOPE, [_ip(request)])
        _start_step(request, PASSWORD_STEP, identifiant)
        return redirect("accounts:forgotten_password_question")
    if form.is_bound:
        if form.has_error("captcha"):
            throttle.hit(SCOPE, [_ip(request)])
        form.refresh_challenge()
    return render(request, "accounts/forgotten_password.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def forgotten_password_question(request):
    identifiant = _step_value(request, PASSWORD_STEP)
    if identifiant is None:
        return redirect("accounts:forgotten_password")
    if request.method == "POST" and (blocked := _blocked(request, f"id:{identifiant}")):
        return blocked
    question = recovery.password_question(identifiant)
    form = SecretAnswersForm(
        request.POST if request.method == "POST" else None, questions=[question]
    )
    if form.is_valid():
        user = recovery.password_answer_matches(identifiant, form.answers()[question])
        if user is not None:
            recovery.password_reset_request(user=user)
            del request.session[PASSWORD_STEP]
            return redirect("accounts:forgotten_password_sent")
        throttle.hit(SCOPE, [_ip(request), f"id:{identifiant}"])
        throttle.record_failed_login(request, identifiant)
        form.add_error(None, WRONG_ANSWER)
    context = {"form": form, "identifiant": identifiant}
    return render(request, "accounts/forgotten_password_question.html", context)


@login_not_required
@require_GET
def forgotten_password_sent(request):
    return render(request, "accounts/forgotten_password_sent.html")


@login_not_required
@require_GET
def password_reset_link(request, token):
    """The emailed link: the token moves to the session, out of the address bar (and of
    any Referer), as Django's own reset view does."""
    if blocked := _blocked(request):
        return blocked
    if recovery.valid_token(token) is None:
        throttle.hit(SCOPE, [_ip(request)])
        return render(request, "accounts/password_reset_invalid.html", status=410)
    request.session[RESET_TOKEN] = token
    return redirect("accounts:password_reset")


@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset(request):
    if request.method == "POST" and (blocked := _blocked(request)):
        return blocked
    raw = request.session.get(RESET_TOKEN, "")
    token = recovery.valid_token(raw)
    if token is None:
        return render(request, "accounts/password_reset_invalid.html", status=410)
    form = PasswordResetForm(request.POST if request.method == "POST" else None, user=token.user)
    if form.is_valid():
        user = recovery.password_reset_confirm(
            raw_token=raw, new_password=form.cleaned_data["new_password"]
        )
        request.session.pop(RESET_TOKEN, None)
        if user is None:
            return render(request, "accounts/password_reset_invalid.html", status=410)
        return redirect("accounts:password_reset_done")
    context = {"form": form, "email": token.user.email, "rules": RULES_TEXT}
    return render(request, "accounts/password_reset.html", context)


@login_not_required
@require_GET
def password_reset_done(request):
    return render(request, "accounts/password_reset_done.html")


# --- J'ai oublié mon identifiant -----------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def forgotten_identifiant(request):
    if request.method == "POST" and (blocked := _blocked(request) or _probing_blocked(request)):
        return blocked
    form = ForgottenIdentifiantForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        throttle.hit(QUESTION_SCOPE, [_ip(request)])
        _start_step(request, IDENTIFIANT_STEP, form.cleaned_data["email"])
        return redirect("accounts:forgotten_identifiant_question")
    if form.is_bound:
        if form.has_error("captcha"):
            throttle.hit(SCOPE, [_ip(request)])
        form.refresh_challenge()
    return render(request, "accounts/forgotten_identifiant.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def forgotten_identifiant_question(request):
    """The secret question of each account of the email (see accounts.recovery)."""
    email = _step_value(request, IDENTIFIANT_STEP)
    if email is None:
        return redirect("accounts:forgotten_identifiant")
    if request.method == "POST" and (blocked := _blocked(request, f"email:{email}")):
        return blocked
    questions = recovery.identifiant_questions(email)
    form = SecretAnswersForm(
        request.POST if request.method == "POST" else None, questions=questions
    )
    if form.is_valid():
        right, wrong = recovery.identifiant_answers_check(email, form.answers())
        for user in wrong:
            throttle.record_failed_login(request, user.identifiant)
        if right:
            for user in right:
                recovery.identifiant_reminder_send(user=user)
            del request.session[IDENTIFIANT_STEP]
            return redirect("accounts:forgotten_identifiant_sent")
        throttle.hit(SCOPE, [_ip(request), f"email:{email}"])
        form.add_error(None, WRONG_ANSWER)
    return render(request, "accounts/forgotten_identifiant_question.html", {"form": form})


@login_not_required
@require_GET
def forgotten_identifiant_sent(request):
    return render(request, "accounts/forgotten_identifiant_sent.html")
