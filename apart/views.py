import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Min
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from apart.core.models import OutboxEmail, OutboxStatus
from habilitations.access import profile_of
from habilitations.enums import Profile, RequestStatus
from habilitations.models import AccountRequest
from support.banners import banners_in_force

LANDING_BY_PROFILE = {
    Profile.ESTABLISHMENT: "establishments:dashboard",
    Profile.UD_AGENT: "establishments:list",
    Profile.SUPPORT: "support:queue",
    Profile.DGEFP: "support:agents",
}


@login_not_required
@require_GET
def home(request):
    from accounts.forms import LoginForm
    from accounts.views import safe_next

    context = {
        "banners": banners_in_force(),
        "login_form": LoginForm(),
        "next": safe_next(request),
    }
    return render(request, "home.html", context)


def landing(request):
    """Where a logged-in person starts: their own space, by profile."""
    return redirect(LANDING_BY_PROFILE.get(profile_of(request.user), "establishments:dashboard"))


@login_not_required
def legal_notice(request):
    return render(request, "legal/mentions_legales.html")


@login_not_required
def accessibility(request):
    """« Déclaration d'accessibilité » (RGAA 4.1 model; article 47 of law 2005-102)."""
    return render(
        request, "legal/accessibilite.html", {"PORTAL_BASE_URL": settings.PORTAL_BASE_URL}
    )


@login_not_required
def terms(request):
    return render(request, "legal/cgu.html")


@login_not_required
def technical_support(request):
    return render(request, "legal/support_technique.html")


def _age_seconds(oldest) -> int | None:
    return None if oldest is None else int((timezone.now() - oldest).total_seconds())


@login_not_required
def health(request):
    """The database answers; how long the oldest email and account request have waited
    (a worker that stopped silently shows here, issue 10, hole 9)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    oldest_email = OutboxEmail.objects.filter(status=OutboxStatus.PENDING).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    oldest_request = AccountRequest.objects.filter(status=RequestStatus.RECEIVED).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    return JsonResponse(
        {
            "status": "ok",
            "oldest_pending_email_seconds": _age_seconds(oldest_email),
            "oldest_pending_account_request_seconds": _age_seconds(oldest_request),
        }
    )


def _require_dev_mailbox():
    if not settings.DEV_MAILBOX_ENABLED:
        raise Http404("Boîte de développement désactivée")


@login_not_required
def dev_mailbox(request):
    _require_dev_mailbox()
    recipient = request.GET.get("destinataire", "").strip().lower()
    emails = OutboxEmail.objects.all()
    if recipient:
        emails = emails.filter(recipient__iexact=recipient)
    recipients = (
        OutboxEmail.objects.order_by("recipient").values_list("recipient", flat=True).distinct()
    )
    context = {"emails": emails[:200], "recipients": recipients, "recipient": recipient}
    return render(request, "dev/mailbox.html", context)


@login_not_required
def dev_mailbox_email(request, email_id):
    _require_dev_mailbox()
    email = get_object_or_404(OutboxEmail, pk=email_id)
    return render(request, "dev/mailbox_email.html", {"email": email})


@login_not_required
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@login_not_required
def server_error(request):
    """The last resort. When the database cannot be reached (restarting, failing over),
    a clear 503 in French, rendered without touching the database: no session, no user,
    no menu (issue 10, faults survived). Django reconnects by itself afterwards
    (CONN_HEALTH_CHECKS), so the portal recovers without being restarted."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        context = {
            "user": AnonymousUser(),
            "request": request,
            "messages": [],
            "nav_profile": "",
            "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
            "DEV_MAILBOX_ENABLED": False,
            "HELPLINE": "0800 705 800",
        }
        response = HttpResponse(render_to_string("errors/503.html", context), status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "errors/500.html", status=500)
