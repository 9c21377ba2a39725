from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from apart.core import outbox
from apart.core.models import OutboxEmail, OutboxStatus
from apart.core.tasks import send_outbox_emails, sweep_outbox
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
    send_outbox_emails([email.pk])
    send_outbox_emails([email.pk])
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

    monkeypatch.setattr(send_outbox_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        email = write_identifiant_email()
    email.refresh_from_db()
    assert email.status == OutboxStatus.PENDING
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        sweep_outbox()
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT


class BrokenBackend(BaseEmailBackend):
    """Refuses every message, or only those whose subject is `refused_subject` when set."""

    refused_subject = None

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
    send_outbox_emails([email.pk])
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
            send_outbox_emails([email.pk])
    send_outbox_emails([email.pk])  # the third and last attempt: no retry, the row has failed
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


# The bulk writer (`send_templated_emails`): one INSERT and one task per chunk.


def write_identifiant_emails(count: int, **kwargs) -> list[OutboxEmail]:
    users = [UserFactory(identifiant=f"agent.numero{n}") for n in range(count)]
    return outbox.send_templated_emails(
        template="asp_identifiant",
        messages=((f"agent{n}@exemple.fr", {"user": user}) for n, user in enumerate(users)),
        **kwargs,
    )


def inserts_per_chunk() -> int:
    """INSERT statements a full chunk needs: 1 on PostgreSQL, 6 on SQLite (999 parameters)."""
    fields = [f for f in OutboxEmail._meta.concrete_fields if not f.primary_key]
    per_insert = connection.ops.bulk_batch_size(fields, [None] * outbox.WRITE_CHUNK)
    return -(-outbox.WRITE_CHUNK // per_insert)


@pytest.mark.parametrize("count", [3, outbox.WRITE_CHUNK])
def test_the_bulk_writer_takes_a_constant_number_of_queries(count, django_assert_max_num_queries):
    users = [UserFactory(identifiant=f"agent.numero{n}") for n in range(count)]
    with django_assert_max_num_queries(inserts_per_chunk()):  # not one query per email
        emails = outbox.send_templated_emails(
            template="asp_identifiant",
            messages=((f"agent{n}@exemple.fr", {"user": user}) for n, user in enumerate(users)),
        )
    assert len(emails) == OutboxEmail.objects.filter(status=OutboxStatus.PENDING).count() == count
    assert "agent.numero1" in OutboxEmail.objects.get(recipient="agent1@exemple.fr").body_html


def test_the_bulk_writer_fetches_each_template_once(monkeypatch):
    fetched = []
    real = outbox.get_template
    monkeypatch.setattr(outbox, "get_template", lambda name: fetched.append(name) or real(name))
    write_identifiant_emails(40)
    assert sorted(fetched) == [
        "emails/asp_identifiant_body.html",
        "emails/asp_identifiant_body.txt",
        "emails/asp_identifiant_subject.txt",
    ]


def test_one_task_per_chunk_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(send_outbox_emails, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        emails = write_identifiant_emails(5, chunk=2)
        assert queued == []  # nothing leaves before the commit
    assert len(callbacks) == 3
    assert queued == [[e.pk for e in emails[:2]], [e.pk for e in emails[2:4]], [emails[4].pk]]


def recipients_sent() -> list[str]:
    return [address for message in mail.outbox for address in message.to]


def test_each_email_of_a_chunk_is_sent_once_however_often_its_task_runs(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        emails = write_identifiant_emails(30)
    ids = [email.pk for email in emails]
    send_outbox_emails(ids)  # a duplicate delivery of the task
    send_outbox_emails(ids[10:] + ids[:10])
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sweep_outbox()
    sent = recipients_sent()
    assert len(sent) == len(set(sent)) == 30
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_a_chunk_survives_a_broker_outage(monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(send_outbox_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        write_identifiant_emails(12, chunk=5)
    assert mail.outbox == []
    assert OutboxEmail.objects.filter(status=OutboxStatus.PENDING).count() == 12
    monkeypatch.undo()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert sweep_outbox() == 12
    sent = recipients_sent()
    assert len(sent) == len(set(sent)) == 12


def test_a_refused_email_stops_the_chunk_and_the_rest_waits_for_the_retry(settings):
    first, refused, last = write_identifiant_emails(3)
    OutboxEmail.objects.filter(pk=refused.pk).update(subject="REFUSÉ")
    settings.EMAIL_BACKEND = "tests.test_outbox.RefusesOneSubject"
    with pytest.raises(ConnectionError):  # called directly, Celery re-raises instead of retrying
        send_outbox_emails([first.pk, refused.pk, last.pk])
    statuses = dict(OutboxEmail.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: OutboxStatus.SENT,
        refused.pk: OutboxStatus.PENDING,
        last.pk: OutboxStatus.PENDING,
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_outbox_emails([refused.pk, last.pk])  # what the retry is given
    assert recipients_sent() == [refused.recipient, last.recipient]  # the first went earlier


def test_password_emails_written_in_bulk_are_erased_once_sent(
    settings, django_capture_on_commit_callbacks
):
    settings.DEV_MAILBOX_ENABLED = False
    users = [UserFactory(identifiant=f"agent.numero{n}") for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        emails = outbox.send_templated_emails(
            template="asp_mot_de_passe",
            messages=(
                (f"agent{n}@exemple.fr", {"user": user, "password": f"Secret-{n}!"})
                for n, user in enumerate(users)
            ),
        )
    assert [f"Secret-{n}!" in message.body for n, message in enumerate(mail.outbox)] == [True] * 3
    for email in emails:
        email.refresh_from_db()
        assert email.body_text == outbox.SCRUBBED and email.body_html == ""


# One sending task per transaction (an account request writes three emails).


def test_the_emails_of_one_transaction_are_sent_by_one_task(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(send_outbox_emails, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        emails = [write_identifiant_email() for _ in range(3)]
        assert queued == []
    assert queued == [[email.pk for email in emails]]


def test_an_email_rolled_back_with_its_savepoint_takes_no_other_email_with_it(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(send_outbox_emails, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            write_identifiant_email()
            raise RuntimeError("this part of the action failed")
        kept = write_identifiant_email()
    assert queued == [[kept.pk]]
    assert list(OutboxEmail.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_claim_of_a_batch_counts_one_attempt_per_row_and_skips_taken_rows():
    emails = write_identifiant_emails(5)
    taken = outbox.claim(emails[2].pk)
    claimed = outbox.claim_batch(Q(pk__in=[email.pk for email in emails]))
    assert [email.pk for email in claimed] == [e.pk for e in emails if e.pk != taken.pk]
    assert all(email.attempts == 1 and email.recipient for email in claimed)
    assert outbox.claim_batch(Q(pk__in=[email.pk for email in emails])) == []
