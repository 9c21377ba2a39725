import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env: dict) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "apart.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "env, complaint",
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_real_secrets(env, complaint, tmp_path):
    result = run_settings({"DJANGO_ENV": "production", "APART_VAR_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_production_starts_with_real_secrets_and_turns_the_guards_on(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.DEV_MAILBOX_ENABLED, s.EMAIL_BACKEND)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "apart.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-real-secret-" + "z" * 50,
        "ALLOWED_HOSTS": "activitepartielle.example.fr",
        "APART_VAR_DIR": str(tmp_path),
        "DEV_MAILBOX_ENABLED": "1",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "31536000",
        "False",
        "anymail.backends.brevo.EmailBackend",
    ]


def test_the_beat_schedule_names_existing_tasks():
    from apart.celery import app

    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_csp_is_sent_on_every_page(client, db):
    response = client.get("/mentions-legales/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_audio_captcha_speaks_french(tmp_path):
    import shutil

    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng absent: no French voice on this machine")
    wav = tmp_path / "code.wav"
    subprocess.run(
        [settings.CAPTCHA_FLITE_PATH, "-t", "a, b, 7", "-o", str(wav)], check=True, timeout=30
    )
    assert wav.read_bytes()[:4] == b"RIFF"


def test_an_unknown_yes_no_value_stops_the_start_up(tmp_path):
    result = run_settings({"APART_VAR_DIR": str(tmp_path), "DEBUG": "flase"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG='flase'" in result.stderr


@pytest.mark.parametrize(("value", "expected"), [("on", "True"), ("0", "False"), ("", "True")])
def test_yes_no_values(tmp_path, value, expected):
    result = run_settings({"APART_VAR_DIR": str(tmp_path), "DEBUG": value})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_importing_the_settings_creates_no_folder(tmp_path):
    var_dir = tmp_path / "var"
    result = run_settings({"APART_VAR_DIR": str(var_dir)})
    assert result.returncode == 0, result.stderr
    assert not var_dir.exists()


def test_manage_py_makes_the_local_folders_under_var(tmp_path):
    var_dir = tmp_path / "var"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "APART_VAR_DIR": str(var_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (var_dir / "broker" / "control").is_dir()
    assert (var_dir / "broker" / "out").is_dir()
