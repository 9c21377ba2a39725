"""`load_demo` gives DAPs and DAs in several statuses, and can run twice."""

from io import StringIO

from django.core.management import call_command

from dap.models import AuthorizationRequest, Decision
from establishments.models import ConventionCollective, NafCode


def test_demo_requests_in_every_status_idempotent(db):
    NafCode.objects.create(code="56.10A", label="Restauration traditionnelle")
    ConventionCollective.objects.create(idcc="1979", title="Hôtels, cafés, restaurants")
    call_command("load_demo", stdout=StringIO())
    counts = (AuthorizationRequest.objects.count(), Decision.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (AuthorizationRequest.objects.count(), Decision.objects.count()) == counts
    paris = AuthorizationRequest.objects.filter(establishment__postal_code="75011")
    statuses = set(paris.values_list("status", flat=True))
    assert statuses == {"draft", "sent", "invalidated", "validated", "tacit", "refused"}
    assert paris.filter(kind="avenant", status="sent").exists()
    assert Decision.objects.filter(establishment__postal_code="69001").exists()


def test_demo_accountant_holds_the_200_sirets_a_manager_may_hold(db):
    from django.conf import settings

    from accounts.models import User
    from habilitations.models import Attachment

    NafCode.objects.create(code="56.10A", label="Restauration traditionnelle")
    ConventionCollective.objects.create(idcc="1979", title="Hôtels, cafés, restaurants")
    call_command("load_demo", stdout=StringIO())
    accountant = User.objects.get(identifiant="demo.comptable")
    held = Attachment.objects.active().filter(habilitation__user=accountant).count()
    assert held == settings.MAX_ESTABLISHMENTS_PER_MANAGER == 200
