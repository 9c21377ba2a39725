"""The layers of pyproject.toml's import-linter contract hold (make quality runs them too)."""

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_setting_names_a_policy_by_dotted_path():
    """A dotted path in the settings would hide a dependency from the contract."""
    assert not hasattr(settings, "ACCOUNTS_LOGIN_POLICY")
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "habilitations.backends.HabilitationBackend",
    ]
