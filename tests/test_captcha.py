import re
import shutil

import pytest

pytestmark = pytest.mark.django_db


def test_the_captcha_image_is_public(client):
    html = client.get("/habilitations/creer-mon-espace/").content.decode()
    image = re.search(r'src="(/code-securite/image/\w+/)"', html).group(1)
    response = client.get(image)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_the_audio_captcha_is_public_and_speaks(client):
    if not (shutil.which("espeak-ng") or shutil.which("flite")):
        pytest.skip("no voice (espeak-ng or flite) on this machine: no audio link is offered")
    html = client.get("/habilitations/creer-mon-espace/").content.decode()
    audio = re.search(r'href="(/code-securite/audio/\w+\.wav)"', html).group(1)
    response = client.get(audio)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    response.close()


# RGAA 1.5: an alternative to the image and the audio that everybody can pass


def _step_1(client, **fields):
    from apart.core import challenge

    html = client.get("/habilitations/creer-mon-espace/").content.decode()
    token = re.search(r'name="captcha_2" value="([^"]+)"', html).group(1)
    data = {
        "siret": "73282932000074",
        "captcha_0": re.search(r'name="captcha_0" value="([^"]+)"', html).group(1),
        "captcha_1": "",
        "captcha_2": token,
        "captcha_3": str(challenge.solve(token)),
        "accept_terms": "on",
    }
    data.update(fields)
    return client.post("/habilitations/creer-mon-espace/", data)


def test_the_captcha_always_offers_the_arithmetic_question(client, settings):
    html = client.get("/habilitations/creer-mon-espace/").content.decode()
    assert re.search(r"Veuillez résoudre l&#x27;opération suivante : \d \+ \d =", html)
    label = re.search(r'<label class="fr-label" for="id_captcha_3">', html)
    assert label, "the answer field has its own label"


def test_the_right_answer_passes_instead_of_the_image_code(client):
    response = _step_1(client)
    assert response.status_code == 302


def test_a_wrong_answer_is_refused(client):
    from apart.core.challenge import WRONG_MESSAGE

    response = _step_1(client, captcha_3="999")
    assert response.status_code == 200
    assert WRONG_MESSAGE.replace("'", "&#x27;") in response.content.decode()


def test_an_answer_token_serves_once(client):
    html = client.get("/habilitations/creer-mon-espace/").content.decode()
    token = re.search(r'name="captcha_2" value="([^"]+)"', html).group(1)
    from apart.core import challenge

    assert challenge.check(token, str(challenge.solve(token)))
    assert not challenge.check(token, str(challenge.solve(token)))


def test_make_run_says_whether_the_captcha_can_be_heard(monkeypatch):
    from apart.management.commands import runportal

    monkeypatch.setattr(runportal.shutil, "which", lambda name: None)
    assert "AUCUNE VOIX" in runportal.voice_status()
    monkeypatch.setattr(runportal.shutil, "which", lambda name: "/usr/bin/" + name)
    assert "espeak-ng" in runportal.voice_status()


# One statement per check; the expired challenges are purged by a periodic task


def _challenge(minutes_left: int = 20):
    import datetime

    from captcha.models import CaptchaStore
    from django.utils import timezone

    key = CaptchaStore.generate_key()
    store = CaptchaStore.objects.get(hashkey=key)
    store.expiration = timezone.now() + datetime.timedelta(minutes=minutes_left)
    store.save()
    return key, store.response


@pytest.fixture
def real_captcha(monkeypatch):
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)


def test_the_image_code_passes_once_in_one_statement(real_captcha, django_assert_num_queries):
    from django.core.exceptions import ValidationError

    from apart.core.captcha import captcha_field

    key, code = _challenge()
    field = captcha_field()
    with django_assert_num_queries(1):
        field.clean([key, code.upper()])
    with pytest.raises(ValidationError):
        field.clean([key, code])


def test_a_wrong_code_uses_the_challenge_up(real_captcha):
    from django.core.exceptions import ValidationError

    from apart.core.captcha import captcha_field

    key, code = _challenge()
    with pytest.raises(ValidationError):
        captcha_field().clean([key, "mauvais"])
    with pytest.raises(ValidationError):
        captcha_field().clean([key, code])


def test_an_expired_code_is_refused_before_the_purge_runs(real_captcha):
    from captcha.models import CaptchaStore
    from django.core.exceptions import ValidationError

    from apart.core.captcha import captcha_field

    key, code = _challenge(minutes_left=-1)
    with pytest.raises(ValidationError):
        captcha_field().clean([key, code])
    assert CaptchaStore.objects.filter(hashkey=key).exists()  # left for the purge


def test_the_periodic_purge_deletes_only_the_expired_challenges(settings):
    from captcha.models import CaptchaStore

    from apart.core.tasks import purge_expired_captchas

    expired, _ = _challenge(minutes_left=-1)
    living, _ = _challenge(minutes_left=5)
    assert purge_expired_captchas() == 1
    assert list(CaptchaStore.objects.values_list("hashkey", flat=True)) == [living]
    assert settings.CELERY_BEAT_SCHEDULE["captcha-purge"]["task"] == (
        "apart.core.tasks.purge_expired_captchas"
    )
