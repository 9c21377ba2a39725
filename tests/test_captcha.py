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
