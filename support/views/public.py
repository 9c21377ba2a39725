"""Public pages of « BESOIN D'AIDE ? »: the choice, the base documentaire, the form."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from accounts import throttle
from establishments.models import Establishment
from habilitations.access import can_view_tickets, is_dgefp_admin
from habilitations.models import Attachment
from support.enums import EntryKind, TicketMotif
from support.forms import AssistanceForm
from support.models import Category, Entry, EntryAttachment
from support.services.tickets import ticket_submit

LAST_TICKET_SESSION_KEY = "support:last_ticket"


@login_not_required
def help_page(request):
    context = {
        "can_view_tickets": can_view_tickets(request.user),
        "is_dgefp_admin": is_dgefp_admin(request.user),
    }
    return render(request, "support/help.html", context)


@login_not_required
def faq(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "")
    entries = Entry.objects.published().select_related("category")
    if kind in EntryKind.values:
        entries = entries.filter(kind=kind)
    if query:
        results = Paginator(entries.search(query), 20).get_page(request.GET.get("page"))
        return render(
            request,
            "support/faq_results.html",
            {
                "query": query,
                "page": results,
                "kind": kind,
                "kinds": EntryKind.choices,
                "querystring": urlencode({"q": query, "type": kind}),
            },
        )
    categories = Category.objects.prefetch_related(
        Prefetch("entries", queryset=entries.order_by("position", "title"), to_attr="shown")
    )
    fiches = [entry for entry in entries if entry.kind == EntryKind.FICHE]
    context = {
        "categories": [c for c in categories if c.shown],
        "fiches": fiches,
        "kind": kind,
        "kinds": EntryKind.choices,
        "query": "",
    }
    return render(request, "support/faq.html", context)


@login_not_required
def entry(request, slug):
    item = get_object_or_404(
        Entry.objects.published().select_related("category").prefetch_related("attachments"),
        slug=slug,
    )
    related = (
        Entry.objects.published()
        .filter(category=item.category)
        .exclude(pk=item.pk)
        .order_by("position", "title")[:8]
    )
    return render(request, "support/entry.html", {"entry": item, "related": related})


@login_not_required
def entry_attachment(request, slug, attachment_id):
    attachment = get_object_or_404(
        EntryAttachment.objects.filter(entry__published=True, entry__slug=slug), pk=attachment_id
    )
    # A fixed, safe name and type: never served as HTML (ASVS 12.5.2).
    response = FileResponse(
        attachment.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{slugify(attachment.title) or 'document'}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _initial_for(request) -> dict:
    initial = {}
    motif = request.GET.get("motif", "")
    if motif in TicketMotif.values:
        initial["motif"] = motif
    user = request.user
    if not user.is_authenticated:
        return initial
    initial.update(
        requester_name=f"{user.last_name.upper()} {user.first_name}".strip(),
        phone=user.phone,
        email=user.email,
    )
    establishment = _establishment_of(user)
    if establishment is not None:
        initial.update(siret=establishment.siret, denomination=establishment.denomination)
    return initial


def _establishment_of(user) -> Establishment | None:
    """The establishment whose referent the user is, else their only establishment."""
    principal = Establishment.objects.filter(principal_user=user).order_by("pk").first()
    if principal is not None:
        return principal
    attachments = list(
        Attachment.objects.active()
        .filter(habilitation__user=user)
        .select_related("establishment")[:2]
    )
    return attachments[0].establishment if len(attachments) == 1 else None


# Each ticket emails an acknowledgement to the address typed: limited per address and per
# client so that the form cannot mail strangers in bulk (issue 10, hole 5).
TICKET_SCOPE = "assistance"
TICKET_WINDOW = timedelta(hours=1)
TICKETS_PER_ADDRESS = 3
TICKETS_PER_CLIENT = 5
TOO_MANY_TICKETS = (
    "Trop de demandes d'assistance ont été envoyées depuis votre poste ou pour cette adresse "
    "électronique : réessayez dans une heure, ou appelez l'assistance téléphonique au "
    "0800.705.800."
)


def _ticket_limits(request, email: str) -> list[tuple[str, int]]:
    return [
        (f"email:{email.strip().lower()}", TICKETS_PER_ADDRESS),
        (f"ip:{throttle.client_ip(request)}", TICKETS_PER_CLIENT),
    ]


def _over_limit(request, email: str) -> bool:
    return any(
        throttle.blocked_until(TICKET_SCOPE, [value], allowed=allowed)
        for value, allowed in _ticket_limits(request, email)
    )


@login_not_required
def assistance(request):
    status = 200
    if request.method == "POST":
        form = AssistanceForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if _over_limit(request, email):
                form.add_error(None, TOO_MANY_TICKETS)
                status = 429
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
                ticket = ticket_submit(**data, submitted_by=request.user)
                limits = _ticket_limits(request, email)
                throttle.hit(TICKET_SCOPE, [v for v, _ in limits], span=TICKET_WINDOW)
                request.session[LAST_TICKET_SESSION_KEY] = ticket.reference
                return redirect("support:assistance_sent")
    else:
        form = AssistanceForm(initial=_initial_for(request))
    return render(request, "support/assistance.html", {"form": form}, status=status)


@login_not_required
def assistance_sent(request):
    reference = request.session.get(LAST_TICKET_SESSION_KEY)
    if not reference:
        return redirect("support:assistance")
    return render(request, "support/assistance_sent.html", {"reference": reference})
