"""Chinese first, English on request; every source string has an English translation."""

from __future__ import annotations

import re
from typing import Any

import polib
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.roles import Role
from luodi.platform.i18n import PLATFORM_DIR, messages_compile

PO_FILE = PLATFORM_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_language_switch_gives_english(db: None) -> None:
    client = Client()
    assert "登录" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert "Log in" in page
    assert 'lang="en"' in page


def test_an_english_browser_still_gets_chinese_until_it_switches(db: None) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page
    assert 'lang="zh-hans"' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("login")).content.decode()


def test_role_home_in_english(client_for: Any) -> None:
    client = client_for(Role.TALENT_OFFICE)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:talent_office")).content.decode()
    assert "District overview" in page
    assert "tier A" in page
    assert "high-tech" in page


def test_every_source_string_is_translated() -> None:
    catalogue = {entry.msgid: entry.msgstr for entry in polib.pofile(str(PO_FILE))}
    found: set[str] = set()
    for path in PLATFORM_DIR.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'{% translate "([^"]+)" %}', text))
        for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text):
            found.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    for path in PLATFORM_DIR.rglob("*.py"):
        if "migrations" not in path.parts:
            found |= set(re.findall(r'\b_\("([^"]+)"\)', path.read_text(encoding="utf-8")))
    missing = sorted(msgid for msgid in found if not catalogue.get(msgid))
    assert not missing, f"add these to {PO_FILE}: {missing}"


def test_compile_writes_mo_next_to_po() -> None:
    written = messages_compile()
    assert PO_FILE.with_suffix(".mo") in written
