from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from apart.core import outbox
from apart.core.models import OutboxEmail, OutboxStatus
from apart.core.tasks import send_outbox_email, sweep_outbox
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def write_identifiant_email():
    user = UserFactory(identifiant="gerard.menuca1", first_name="Gérard", last_name="Menuça")
    return outbox.send_templated_email(
        to="gerard@exemple.fr", template="asp_identifiant", context={"user": user}
    )


def test_email_is_rendered_from_its_template_trio():
    email = write_identifiant_email()
    assert email.subject == "Identifiant de connexion à l'Agence de Services et de Paiement (ASP)"
    assert "gerard.menuca1" in email.body_text
    assert "gerard.menuca1" in email.body_html
    assert email.status == OutboxStatus.PENDING


def test_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = write_identifiant_email()
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["gerard@exemple.fr"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_no_email_exists_when_the_action_is_rolled_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            write_identifiant_email()
            raise RuntimeError("the business action failed")
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_task_run_twice_sends_exactly_once():
    email = write_identifiant_email()
    send_outbox_email(email.pk)
    send_outbox_email(email.pk)
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert email.attempts == 1


def test_a_row_claimed_by_a_worker_is_not_claimed_again():
    email = write_identifiant_email()
    assert outbox.claim(email.pk) is not None
    assert outbox.claim(email.pk) is None


def test_a_pending_row_is_sent_by_the_sweep_once_old_enough():
    email = write_identifiant_email()
    assert sweep_outbox() == 0  # too recent: its own task may still be on its way
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert sweep_outbox() == 1
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_a_row_left_sending_by_a_dead_worker_is_recovered_by_the_sweep():
    email = write_identifiant_email()
    outbox.claim(email.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert sweep_outbox() == 1
    assert len(mail.outbox) == 1


def test_a_failed_delivery_goes_back_to_pending(settings):
    settings.EMAIL_BACKEND = "tests.test_outbox.BrokenBackend"
    email = write_identifiant_email()
    claimed = outbox.claim(email.pk)
    with pytest.raises(ConnectionError):
        outbox.deliver(claimed)
    email.refresh_from_db()
    assert email.status == OutboxStatus.PENDING
    assert "ConnectionError" in email.last_error


def test_the_broker_being_down_loses_nothing(monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(send_outbox_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        email = write_identifiant_email()
    email.refresh_from_db()
    assert email.status == OutboxStatus.PENDING
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        sweep_outbox()
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT


class BrokenBackend:
    """Refuses every message, or only those whose subject is `refused_subject` when set."""

    refused_subject = None

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if self.refused_subject is None or any(
            message.subject == self.refused_subject for message in messages
        ):
            raise ConnectionError("ESP unreachable")
        return len(messages)


class RefusesOneSubject(BrokenBackend):
    refused_subject = "REFUSÉ"


def send_password_email() -> OutboxEmail:
    user = UserFactory(identifiant="gerard.menuca1")
    email = outbox.send_templated_email(
        to="gerard@exemple.fr",
        template="asp_mot_de_passe",
        context={"user": user, "password": "Secret-2020!"},
    )
    send_outbox_email(email.pk)
    email.refresh_from_db()
    return email


def test_a_password_email_is_erased_once_sent_outside_development(settings):
    settings.DEV_MAILBOX_ENABLED = False
    email = send_password_email()
    assert "Secret-2020!" in mail.outbox[0].body
    assert "Secret-2020!" not in email.body_text + email.body_html
    assert email.body_text == outbox.SCRUBBED


def test_the_development_mailbox_keeps_the_password_email(settings):
    settings.DEV_MAILBOX_ENABLED = True
    assert "Secret-2020!" in send_password_email().body_text


def test_retries_stop_at_outbox_max_attempts(settings):
    """The task's retries and the row's cap are one number: OUTBOX_MAX_ATTEMPTS."""
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "tests.test_outbox.BrokenBackend"
    email = write_identifiant_email()
    for _attempt in range(2):  # a retry is asked (called directly, Celery re-raises the error)
        with pytest.raises(ConnectionError):
            send_outbox_email(email.pk)
    send_outbox_email(email.pk)  # the third and last attempt: no retry, the row has failed
    email.refresh_from_db()
    assert email.attempts == 3
    assert email.status == OutboxStatus.FAILED


def test_the_sweep_carries_on_past_a_failing_email(settings):
    first, second = write_identifiant_email(), write_identifiant_email()
    OutboxEmail.objects.filter(pk=first.pk).update(subject="REFUSÉ")  # this row's send fails
    settings.EMAIL_BACKEND = "tests.test_outbox.RefusesOneSubject"
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert sweep_outbox() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == OutboxStatus.PENDING
    assert second.status == OutboxStatus.SENT
