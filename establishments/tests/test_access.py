import datetime

from django.utils import timezone

from habilitations import access
from habilitations.enums import HabilitationStatus
from habilitations.models import Attachment, Habilitation
from tests import factories


def visible(user):
    return set(access.establishments_visible_to(user).values_list("siret", flat=True))


def test_an_employer_sees_only_the_establishments_it_is_attached_to(
    employer_a, establishment_a, establishment_b
):
    assert visible(employer_a) == {establishment_a.siret}


def test_an_accountant_sees_its_clients(accountant_a, establishment_a, establishment_b):
    assert visible(accountant_a) == {establishment_a.siret}


def test_a_ud_agent_sees_the_establishments_of_its_departements(
    ud_agent_a, ud_agent_other, establishment_a, establishment_b
):
    assert visible(ud_agent_a) == {establishment_a.siret}
    assert visible(ud_agent_other) == set()


def test_the_departement_falls_back_on_the_postal_code_without_insee_code(db):
    establishment = factories.EstablishmentFactory(postal_code="13001", insee_code="")
    agent = factories.agent("ud_agent", "13")
    assert visible(agent) == {establishment.siret}


def test_support_and_dgefp_see_everything_but_edit_nothing(
    support_agent, dgefp_admin, establishment_a, establishment_b
):
    for agent in (support_agent, dgefp_admin):
        assert visible(agent) == {establishment_a.siret, establishment_b.siret}
        assert not access.can_edit(agent, establishment_a)


def test_a_revoked_attachment_gives_no_access(employer_a, establishment_a):
    Attachment.objects.filter(habilitation__user=employer_a).update(revoked_at=timezone.now())
    assert visible(employer_a) == set()


def test_a_suspended_or_expired_habilitation_gives_no_access(employer_a, employer_b):
    Habilitation.objects.filter(user=employer_a).update(status=HabilitationStatus.SUSPENDED)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Habilitation.objects.filter(user=employer_b).update(valid_until=yesterday)
    employer_a.refresh_from_db()
    employer_b.refresh_from_db()
    assert visible(employer_a) == set()
    assert visible(employer_b) == set()


def test_an_inactive_account_sees_nothing(employer_a):
    employer_a.is_active = False
    assert visible(employer_a) == set()


def test_anonymous_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == set()


def test_only_the_principal_user_and_the_accountant_manage_users(
    employer_a, accountant_a, establishment_a, employer_b
):
    colleague = factories.employer_of(establishment_a, principal=False)
    assert access.can_manage_users(employer_a, establishment_a)
    assert access.can_manage_users(accountant_a, establishment_a)
    assert not access.can_manage_users(colleague, establishment_a)
    assert not access.can_manage_users(employer_b, establishment_a)
    assert set(access.establishments_managed_by(colleague)) == set()
    assert set(access.establishments_managed_by(accountant_a)) == {establishment_a}


def test_visible_establishment_ids_filters_another_apps_queryset(
    employer_a, establishment_a, establishment_b
):
    ids = access.visible_establishment_ids(employer_a)
    assert list(
        Attachment.objects.filter(establishment_id__in=ids)
        .values_list("establishment_id", flat=True)
        .distinct()
    ) == [establishment_a.pk]


def test_get_for_user_scopes_another_apps_objects(employer_a, employer_b, establishment_a):
    from django.http import Http404

    attachment = Attachment.objects.get(habilitation__user=employer_a)
    assert access.get_for_user(employer_a, Attachment.objects.all(), pk=attachment.pk) == attachment
    try:
        access.get_for_user(employer_b, Attachment.objects.all(), pk=attachment.pk)
    except Http404:
        pass
    else:
        raise AssertionError("B reached an object of A")
