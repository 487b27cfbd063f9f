"""Browser suite: Playwright drives Debian's Chromium against Django's live server.

Chromium missing fails in CI and skips elsewhere (``require_or_skip``). Playwright's sync API
runs an event loop in the test thread, so Django's async-unsafe check is switched off here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_or_skip

CHROMIUM = Path("/usr/bin/chromium")
# A phone: the desk is used on one.
VIEWPORT = {"width": 390, "height": 844}


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    require_or_skip(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM} (apt install chromium)")
    # Only while the browser runs: the database calls of the test itself happen in a thread
    # where Playwright's event loop is running.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(autouse=True)
def _platform_settings(settings: Any, tmp_path: Path) -> None:
    # The live server serves the stylesheet without collectstatic; fast password hashing; the
    # demo's accounts file goes to the test's folder, not over the developer's var/.
    settings.LUODI_DATA_DIR = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["tests.platform.conftest.FastArgon2PasswordHasher"]
