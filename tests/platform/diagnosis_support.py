"""The full demo district loaded once per test module, for the diagnosis dashboard tests.

Loading the demo takes seconds, so it is committed outside the per-test transactions and
wiped when the module is done; each test still runs in its own transaction, so a test that
changes a case leaves the next one the demo as loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.platform.conftest import PASSWORD

__all__ = ["full_demo_module", "hit_count", "listed_ids", "login"]


def full_demo_module(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Generator for a module-scoped fixture: the demo in the test database, then wiped."""
    from luodi.demo import generate
    from luodi.platform.accounts.models import User
    from luodi.platform.datasets.services import tables_wipe
    from luodi.platform.demo.services import DEMO_USERNAMES, demo_load
    from luodi.platform.policies.models import PolicySource

    data_dir = tmp_path_factory.mktemp("diagnosis-demo")
    with django_db_blocker.unblock(), override_settings(LUODI_DATA_DIR=data_dir):
        demo_load(dataset=generate(), password=PASSWORD)
    yield data_dir
    with django_db_blocker.unblock():
        User.objects.filter(username__in=DEMO_USERNAMES.values()).delete()
        PolicySource.objects.all().delete()
        tables_wipe()


def login(username: str) -> Client:
    from luodi.platform.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


_ROW_ID = re.compile(r'<tr class="case-row">\s*<td[^>]*><a href="[^"]*">([^<]+)</a>')
_COUNT = re.compile(r'id="hit-count">(\d+)<')


def hit_count(page: str) -> int:
    found = _COUNT.search(page)
    assert found is not None, "the list page shows no count"
    return int(found.group(1))


def listed_ids(client: Client, url: str) -> tuple[int, set[str]]:
    """The count a drill-down list shows and the case ids on all its pages."""
    joiner = "&" if "?" in url else "?"
    ids: set[str] = set()
    number = 1
    while True:
        response = client.get(f"{url}{joiner}page={number}")
        assert response.status_code == 200, (url, response.status_code)
        page = response.content.decode()
        ids |= set(_ROW_ID.findall(page))
        if f"page={number + 1}" not in page:
            return hit_count(page), ids
        number += 1
