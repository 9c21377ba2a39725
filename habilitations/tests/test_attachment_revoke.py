"""Revoking an attachment: one service, the principal user protected in every path."""

import pytest

from habilitations.models import Attachment
from habilitations.services import (
    PrincipalUserProtected,
    attachment_revoke,
    principal_user_withdraw,
)
from tests import factories

pytestmark = pytest.mark.django_db


def attachment_of(user, establishment):
    return Attachment.objects.active().get(habilitation__user=user, establishment=establishment)


def test_the_principal_users_attachment_is_never_revoked(employer_a, establishment_a):
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == employer_a
    with pytest.raises(PrincipalUserProtected):
        attachment_revoke(attachment=attachment_of(employer_a, establishment_a), by=employer_a)
    assert attachment_of(employer_a, establishment_a).revoked_at is None


def test_another_users_attachment_is_revoked_with_who(employer_a, establishment_a):
    colleague = factories.employer_of(establishment_a, principal=False, identifiant="collegue.a1")
    revoked = attachment_revoke(attachment=attachment_of(colleague, establishment_a), by=employer_a)
    assert revoked.revoked_at is not None
    assert revoked.revoked_by == employer_a
    assert not Attachment.objects.active().filter(habilitation__user=colleague).exists()


def test_withdrawing_the_principal_user_leaves_no_principal_and_revokes_their_access(
    employer_a, establishment_a, establishment_b, support_agent
):
    factories.AttachmentFactory(
        habilitation=employer_a.habilitations.get(), establishment=establishment_b
    )
    assert principal_user_withdraw(establishment=establishment_a, by=support_agent) == 1
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user is None
    departed = Attachment.objects.get(habilitation__user=employer_a, establishment=establishment_a)
    assert departed.revoked_by == support_agent
    assert attachment_of(employer_a, establishment_b).revoked_at is None  # B is untouched
    assert principal_user_withdraw(establishment=establishment_a, by=support_agent) == 0
