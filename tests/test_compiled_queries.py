"""Querysets compiled once (apart.core.compiled): the same rows as the ORM, today's values at
every call, the scope of the person still applied, and lookups it cannot carry refused."""

import datetime

import pytest
import time_machine
from django.db import transaction
from django.db.transaction import TransactionManagementError
from django.http import Http404
from django.utils import timezone

from apart.core.compiled import CompiledQuery, NotCompilable
from dap.tests.factories import dap_request
from dap.views.common import locked_request
from establishments.models import Establishment
from habilitations import access
from habilitations.enums import Profile
from habilitations.models import Habilitation
from tests.factories import EstablishmentFactory, agent, employer_of

pytestmark = pytest.mark.django_db


def test_the_session_account_comes_with_todays_habilitation_as_the_orm_reads_them():
    user = employer_of(EstablishmentFactory())
    expected = Habilitation.objects.get(user=user)

    loaded = access.user_with_habilitation(user.pk)

    assert (loaded.pk, loaded.identifiant, loaded.password) == (
        user.pk,
        user.identifiant,
        user.password,
    )
    habilitation = access.current_habilitation(loaded)
    assert habilitation.pk == expected.pk
    assert (habilitation.profile, habilitation.valid_until) == (
        expected.profile,
        expected.valid_until,
    )
    assert habilitation.user is loaded


def test_the_day_is_the_day_of_each_call_not_the_day_the_query_was_compiled():
    user = employer_of(EstablishmentFactory())
    habilitation = Habilitation.objects.get(user=user)
    assert access.current_habilitation(access.user_with_habilitation(user.pk)) is not None

    day_after = habilitation.valid_until + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(12)), tick=False):
        loaded = access.user_with_habilitation(user.pk)
        assert loaded.pk == user.pk
        assert access.current_habilitation(loaded) is None  # the login policy ends the session


def test_an_employer_locks_its_own_request_and_never_another_ones():
    mine, theirs = EstablishmentFactory(), EstablishmentFactory()
    user = employer_of(mine)
    own = dap_request(mine, user=user)
    other = dap_request(theirs, user=employer_of(theirs))

    with transaction.atomic():
        locked = locked_request(access.user_with_habilitation(user.pk), own.number.lower())
    assert locked.pk == own.pk
    assert locked.establishment.siret == mine.siret  # select_related came along

    with pytest.raises(Http404), transaction.atomic():
        locked_request(access.user_with_habilitation(user.pk), other.number)


def test_agents_lock_no_request():
    establishment = EstablishmentFactory()
    request = dap_request(establishment, user=employer_of(establishment))
    ud_agent = agent(Profile.UD_AGENT, "75")

    with pytest.raises(Http404), transaction.atomic():
        locked_request(access.user_with_habilitation(ud_agent.pk), request.number)


def test_a_values_list_gives_the_rows_of_the_orm():
    first, second = EstablishmentFactory(), EstablishmentFactory()
    query = CompiledQuery(
        lambda siret: Establishment.objects.filter(siret=siret).values_list(
            "pk", "denomination", "created_at"
        ),
        str,
    )

    for establishment in (first, second):
        expected = list(
            Establishment.objects.filter(siret=establishment.siret).values_list(
                "pk", "denomination", "created_at"
            )
        )
        assert query.all(establishment.siret) == expected
        assert isinstance(query.first(establishment.siret)[2], datetime.datetime)
    assert query.first("00000000000000") is None


def test_a_lookup_that_rewrites_its_value_is_refused_when_the_plan_is_made():
    query = CompiledQuery(
        lambda text: Establishment.objects.filter(denomination__contains=text), str
    )

    with pytest.raises(NotCompilable, match="transformed"):
        query.all("TEST")


def test_an_argument_the_query_does_not_use_is_refused():
    query = CompiledQuery(lambda siret, unused: Establishment.objects.filter(siret=siret), str, int)

    with pytest.raises(NotCompilable, match="not used"):
        query.all("x", 1)


def test_a_date_argument_is_compared_as_the_orm_compares_it():
    today = timezone.localdate()
    user = employer_of(EstablishmentFactory())
    query = CompiledQuery(
        lambda day: (
            Habilitation.objects.filter(valid_from__lte=day, valid_until__gte=day)
            .filter(user__identifiant=user.identifiant)
            .values_list("pk")
        ),
        datetime.date,
    )

    assert query.all(today) == [(Habilitation.objects.get(user=user).pk,)]
    assert query.all(today + datetime.timedelta(days=400)) == []


@pytest.mark.django_db(transaction=True)  # autocommit, as a view outside atomic() runs
def test_a_locking_query_still_refuses_to_run_outside_a_transaction():
    establishment = EstablishmentFactory()
    user = employer_of(establishment)
    request = dap_request(establishment, user=user)
    with transaction.atomic():  # the plan is made inside one
        locked_request(access.user_with_habilitation(user.pk), request.number)

    with pytest.raises(TransactionManagementError):
        locked_request(access.user_with_habilitation(user.pk), request.number)
