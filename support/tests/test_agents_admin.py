import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from apart.core.models import OutboxEmail
from habilitations.enums import HabilitationStatus, Profile
from habilitations.models import Habilitation
from support.enums import AuditAction
from support.models import AuditEntry, InformationBanner

pytestmark = pytest.mark.django_db

NEW_AGENT = {
    "last_name": "Durand",
    "first_name": "Paul",
    "email": "paul.durand@direccte.gouv.fr",
    "email_confirm": "paul.durand@direccte.gouv.fr",
    "phone": "01 44 55 66 77",
    "profile": Profile.UD_AGENT,
    "departements": "75, 92 2a",
}


def test_the_dgefp_creates_a_ud_agent_with_emails_scope_and_audit(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(reverse("support:agent_new"), NEW_AGENT)
    assert response.status_code == 302
    user = User.objects.get(email="paul.durand@direccte.gouv.fr")
    assert user.identifiant == "paul.durand1"
    assert user.must_change_password
    habilitation = Habilitation.objects.get(user=user)
    assert habilitation.profile == Profile.UD_AGENT
    assert sorted(habilitation.scopes.values_list("departement", flat=True)) == ["2A", "75", "92"]
    templates = set(
        OutboxEmail.objects.filter(recipient=user.email).values_list("template", flat=True)
    )
    assert templates == {"asp_identifiant", "asp_mot_de_passe", "apart_habilitation"}
    entry = AuditEntry.objects.get(action=AuditAction.AGENT_CREATED)
    assert entry.actor == dgefp_admin
    assert entry.target_user == user
    assert entry.after["départements"] == ["2A", "75", "92"]


def test_a_support_agent_has_no_territorial_scope(client_of, dgefp_admin):
    data = {**NEW_AGENT, "profile": Profile.SUPPORT}
    client_of(dgefp_admin).post(reverse("support:agent_new"), data)
    habilitation = Habilitation.objects.get(user__email=NEW_AGENT["email"])
    assert habilitation.profile == Profile.SUPPORT
    assert not habilitation.scopes.exists()


def test_unknown_departements_are_refused(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(
        reverse("support:agent_new"), {**NEW_AGENT, "departements": "75 99 20"}
    )
    assert response.context["form"].errors["departements"] == [
        "Départements inconnus : 99, 20. Utilisez les codes officiels (01 à 95, 2A, 2B, 971 à 976)."
    ]
    assert not User.objects.filter(email=NEW_AGENT["email"]).exists()


def test_a_ud_agent_needs_a_departement(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(
        reverse("support:agent_new"), {**NEW_AGENT, "departements": ""}
    )
    assert response.context["form"].errors["departements"] == [
        "Indiquez au moins un département pour un agent DIRECCTE / UD."
    ]


def test_the_dgefp_cannot_create_a_dgefp_admin(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(
        reverse("support:agent_new"), {**NEW_AGENT, "profile": Profile.DGEFP}
    )
    assert "profile" in response.context["form"].errors


def test_a_person_already_habilitated_is_not_created_twice(client_of, dgefp_admin, ud_agent_a):
    data = {
        **NEW_AGENT,
        "first_name": ud_agent_a.first_name,
        "last_name": ud_agent_a.last_name,
        "email": ud_agent_a.email,
        "email_confirm": ud_agent_a.email,
    }
    response = client_of(dgefp_admin).post(reverse("support:agent_new"), data)
    assert "a déjà une habilitation" in response.content.decode()
    assert Habilitation.objects.filter(user=ud_agent_a).count() == 1


def test_role_and_scope_changes_are_audited(client_of, dgefp_admin, ud_agent_a):
    habilitation = Habilitation.objects.get(user=ud_agent_a)
    client = client_of(dgefp_admin)
    client.post(
        reverse("support:agent", args=[habilitation.pk]),
        {"profile": Profile.UD_AGENT, "departements": "75 77"},
    )
    assert sorted(habilitation.scopes.values_list("departement", flat=True)) == ["75", "77"]
    entry = AuditEntry.objects.get(action=AuditAction.AGENT_UPDATED)
    assert entry.before["départements"] == ["75"]
    assert entry.after["départements"] == ["75", "77"]
    client.post(
        reverse("support:agent", args=[habilitation.pk]),
        {"profile": Profile.SUPPORT, "departements": ""},
    )
    habilitation.refresh_from_db()
    assert habilitation.profile == Profile.SUPPORT
    assert not habilitation.scopes.exists()
    assert AuditEntry.objects.filter(action=AuditAction.AGENT_UPDATED).count() == 2


def test_suspend_and_reactivate_are_audited(client_of, dgefp_admin, ud_agent_a):
    habilitation = Habilitation.objects.get(user=ud_agent_a)
    client = client_of(dgefp_admin)
    client.post(reverse("support:agent_suspend", args=[habilitation.pk]))
    habilitation.refresh_from_db()
    assert habilitation.status == HabilitationStatus.SUSPENDED
    client.post(reverse("support:agent_reactivate", args=[habilitation.pk]))
    habilitation.refresh_from_db()
    assert habilitation.status == HabilitationStatus.ACTIVE
    actions = list(
        AuditEntry.objects.filter(target_user=ud_agent_a)
        .order_by("at", "pk")
        .values_list("action", "before__statut", "after__statut")
    )
    assert actions == [
        (AuditAction.AGENT_SUSPENDED, "active", "suspended"),
        (AuditAction.AGENT_REACTIVATED, "suspended", "active"),
    ]
    page = client.get(reverse("support:agent", args=[habilitation.pk])).content.decode()
    assert "Suspension d&#x27;un agent" in page


def test_the_agents_list_shows_agents_and_their_scope(
    client_of, dgefp_admin, ud_agent_a, support_agent
):
    response = client_of(dgefp_admin).get(reverse("support:agents"))
    shown = {habilitation.user for habilitation in response.context["page"]}
    assert shown == {ud_agent_a, support_agent}
    content = response.content.decode()
    assert ud_agent_a.identifiant in content
    assert "Agent DIRECCTE / UD" in content


def test_the_dgefp_manages_banners_and_maintenance_windows(client_of, dgefp_admin, client):
    admin = client_of(dgefp_admin)
    response = admin.post(
        reverse("support:banner_new"),
        {
            "title": "Information",
            "message": "Fermeture du service pour maintenance de 17h à 21h ce jour",
            "level": "warning",
            "starts_at": (timezone.localtime() - timezone.timedelta(minutes=5)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "ends_at": "",
        },
    )
    assert response.status_code == 302
    banner = InformationBanner.objects.get()
    assert AuditEntry.objects.filter(action=AuditAction.BANNER_CREATED).exists()
    admin.post(
        reverse("support:banner_edit", args=[banner.pk]),
        {
            "title": "Maintenance",
            "message": banner.message,
            "level": "warning",
            "starts_at": timezone.localtime(banner.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": "",
        },
    )
    update = AuditEntry.objects.get(action=AuditAction.BANNER_UPDATED)
    assert (update.before["titre"], update.after["titre"]) == ("Information", "Maintenance")
    admin.post(reverse("support:banner_end", args=[banner.pk]))
    banner.refresh_from_db()
    assert banner.ends_at is not None
    assert not InformationBanner.objects.active().exists()
    assert AuditEntry.objects.filter(action=AuditAction.BANNER_ENDED).exists()


def test_a_maintenance_window_needs_an_end(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(
        reverse("support:banner_new"),
        {
            "title": "Maintenance",
            "message": "Fermeture",
            "level": "info",
            "starts_at": "2030-01-01T17:00",
            "ends_at": "",
            "maintenance": "on",
        },
    )
    assert response.context["form"].errors["ends_at"] == [
        "Une fenêtre de maintenance doit avoir une heure de fin."
    ]


def test_banner_dates_must_be_in_order(client_of, dgefp_admin):
    response = client_of(dgefp_admin).post(
        reverse("support:banner_new"),
        {
            "title": "X",
            "message": "Y",
            "level": "info",
            "starts_at": "2030-01-01T17:00",
            "ends_at": "2030-01-01T16:00",
        },
    )
    assert response.context["form"].errors["ends_at"] == ["La fin doit être postérieure au début."]
