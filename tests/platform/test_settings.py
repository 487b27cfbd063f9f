"""Deployment settings: DEBUG off, the secret key never in the repository."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import luodi.platform.settings as settings_module

SETTINGS_FILE = Path(settings_module.__file__)


def _fresh_settings(data_dir: Path, **env: str) -> list[str]:
    """Import the settings in a clean interpreter and print DEBUG, the key and the hasher."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("LUODI_") and k != "DATABASE_URL"
    }
    code = (
        "import luodi.platform.settings as s; "
        "print(s.DEBUG); print(s.SECRET_KEY); print(s.PASSWORD_HASHERS[0]); "
        "print(s.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "LUODI_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_debug_is_off_by_default(tmp_path: Path) -> None:
    assert _fresh_settings(tmp_path)[0] == "False"
    assert _fresh_settings(tmp_path, LUODI_DEBUG="1")[0] == "True"


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = _fresh_settings(tmp_path)[1]
    assert len(first) >= 50
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _fresh_settings(tmp_path)[1] == first
    assert _fresh_settings(tmp_path, LUODI_SECRET_KEY="from-env")[1] == "from-env"


def test_no_secret_in_the_settings_module() -> None:
    source = SETTINGS_FILE.read_text(encoding="utf-8")
    assert settings.SECRET_KEY not in source
    assert "django-insecure" not in source
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "SECRET_KEY" for t in node.targets
        ):
            assert not isinstance(node.value, ast.Constant)


def test_argon2_first_and_cookies_secure_off_loopback(tmp_path: Path) -> None:
    lines = _fresh_settings(tmp_path, LUODI_ALLOWED_HOSTS="talent.example.gov.cn")
    assert lines[2] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert lines[3] == "True"
    assert _fresh_settings(tmp_path)[3] == "False"


def test_logging_never_carries_the_request() -> None:
    import logging

    from luodi.platform.log_filters import DropRequestFilter

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", None, None)
    record.request = object()
    assert DropRequestFilter().filter(record)
    assert not hasattr(record, "request")
