"""DGEFP administration: agents' rights (seed 003) and information banners, audited."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from habilitations.access import dgefp_required
from habilitations.enums import HabilitationStatus
from habilitations.models import Habilitation, TerritorialScope
from support.forms import AgentCreateForm, AgentUpdateForm, BannerForm
from support.models import AuditEntry, InformationBanner
from support.services.administration import (
    AGENT_PROFILES,
    agent_create,
    agent_set_status,
    agent_update,
    banner_end,
    banner_save,
    banner_snapshot,
)


def agent_habilitations():
    return (
        Habilitation.objects.apart()
        .filter(profile__in=AGENT_PROFILES)
        .select_related("user")
        .prefetch_related(
            Prefetch("scopes", queryset=TerritorialScope.objects.order_by("departement"))
        )
    )


@dgefp_required
def agent_list(request):
    agents = agent_habilitations().order_by("user__last_name", "user__first_name", "pk")
    profile = request.GET.get("profil", "")
    if profile in AGENT_PROFILES:
        agents = agents.filter(profile=profile)
    page = Paginator(agents, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "profile": profile,
        "profiles": [(p.value, p.label) for p in AGENT_PROFILES],
    }
    return render(request, "support/agents/list.html", context)


@dgefp_required
def agent_new(request):
    form = AgentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            habilitation = agent_create(
                actor=request.user,
                **form.person_data(),
                profile=form.cleaned_data["profile"],
                departements=form.cleaned_data["departements"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Les droits de {habilitation.user.get_full_name()} sont ouverts "
                f"(identifiant {habilitation.user.identifiant}) ; les courriels lui sont envoyés.",
            )
            return redirect("support:agent", pk=habilitation.pk)
    return render(request, "support/agents/form.html", {"form": form, "creating": True})


@dgefp_required
def agent_detail(request, pk):
    habilitation = get_object_or_404(agent_habilitations(), pk=pk)
    initial = {
        "profile": habilitation.profile,
        "departements": " ".join(scope.departement for scope in habilitation.scopes.all()),
    }
    form = AgentUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        agent_update(
            actor=request.user,
            habilitation=habilitation,
            profile=form.cleaned_data["profile"],
            departements=form.cleaned_data["departements"],
        )
        messages.success(request, "Les droits de l'agent ont été enregistrés.")
        return redirect("support:agent", pk=habilitation.pk)
    log = AuditEntry.objects.filter(target_user=habilitation.user).select_related("actor")[:50]
    context = {"habilitation": habilitation, "form": form, "log": log, "creating": False}
    return render(request, "support/agents/form.html", context)


@dgefp_required
@require_POST
def agent_suspend(request, pk):
    return _set_status(request, pk, HabilitationStatus.SUSPENDED, "L'agent est suspendu.")


@dgefp_required
@require_POST
def agent_reactivate(request, pk):
    return _set_status(request, pk, HabilitationStatus.ACTIVE, "L'agent est réactivé.")


def _set_status(request, pk, status, success):
    habilitation = get_object_or_404(agent_habilitations(), pk=pk)
    agent_set_status(actor=request.user, habilitation=habilitation, status=status)
    messages.success(request, success)
    return redirect("support:agent", pk=habilitation.pk)


@dgefp_required
def audit_log(request):
    entries = AuditEntry.objects.select_related("actor", "target_user")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "support/agents/audit.html", {"page": page})


# --- Banners ----------------------------------------------------------------------------


@dgefp_required
def banner_list(request):
    banners = InformationBanner.objects.order_by("-starts_at", "-pk")
    page = Paginator(banners, 30).get_page(request.GET.get("page"))
    active = set(InformationBanner.objects.active().values_list("pk", flat=True))
    return render(
        request,
        "support/agents/banners.html",
        {"page": page, "active": active, "now": timezone.now()},
    )


@dgefp_required
def banner_new(request):
    return _banner_form(request, InformationBanner())


@dgefp_required
def banner_edit(request, pk):
    return _banner_form(request, get_object_or_404(InformationBanner, pk=pk))


def _banner_form(request, banner):
    before = banner_snapshot(banner) if banner.pk else None
    form = BannerForm(request.POST or None, instance=banner)
    if request.method == "POST" and form.is_valid():
        banner_save(actor=request.user, banner=form.save(commit=False), before=before)
        messages.success(request, "Le bandeau a été enregistré.")
        return redirect("support:banners")
    return render(request, "support/agents/banner_form.html", {"form": form, "banner": banner})


@dgefp_required
@require_POST
def banner_stop(request, pk):
    banner = get_object_or_404(InformationBanner, pk=pk)
    banner_end(actor=request.user, banner=banner)
    messages.success(request, f"Le bandeau « {banner.title} » n'est plus affiché.")
    return redirect("support:banners")
