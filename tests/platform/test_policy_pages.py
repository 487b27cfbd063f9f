"""The policy pages: public library, clause with lineage, import, entitlements, calculator."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luodi.platform.accounts.roles import PAGE_ROLES, Page, PublicPage, Role
from luodi.platform.policies.models import PolicySource
from tests.platform.policy_support import imported, needs_loader, policy_files, stored

__all__ = ["imported", "stored"]

PUBLIC_URLS = {
    PublicPage.POLICIES: reverse("portal:policies"),
    PublicPage.POLICY: reverse("portal:policy", args=["POL2"]),
    PublicPage.CLAUSE: reverse("portal:clause", args=["C2"]),
    PublicPage.CALCULATOR: reverse("portal:calculator"),
}
CLIENTS = [None, *Role]


@pytest.mark.parametrize("role", CLIENTS, ids=lambda r: r.value if r else "anonymous")
def test_public_pages_open_for_everyone(client_for: Any, stored: None, role: Role | None) -> None:
    client = Client() if role is None else client_for(role)
    for page, url in PUBLIC_URLS.items():
        assert client.get(url).status_code == 200, (role, page)


@pytest.mark.parametrize("page", [Page.POLICY_IMPORT, Page.ENTITLEMENTS])
def test_new_pages_are_in_the_role_matrix(page: Page) -> None:
    expected = {
        Page.POLICY_IMPORT: {Role.TALENT_OFFICE, Role.ADMIN},
        Page.ENTITLEMENTS: {Role.TALENT, Role.EMPLOYER},
    }
    assert PAGE_ROLES[page] == expected[page]


def test_unknown_policy_and_clause_are_404(db: None) -> None:
    client = Client()
    assert client.get(reverse("portal:policy", args=["NOPE"])).status_code == 404
    assert client.get(reverse("portal:clause", args=["NOPE"])).status_code == 404


def test_library_search_and_filters(demo: Any) -> None:
    client = Client()

    def titles(**params: str) -> str:
        return client.get(reverse("portal:policies"), params).content.decode()

    everything = titles()
    assert "C区人才新政" in everything
    assert "关于深化人才发展体制机制改革的意见" in everything
    by_title = titles(q="人才新政")
    assert "C区人才新政" in by_title
    assert "关于深化人才发展体制机制改革的意见" not in by_title
    by_clause_text = titles(q="创业资助")
    assert "C区人才新政" in by_clause_text
    assert "关于深化人才发展体制机制改革的意见" not in by_clause_text
    central = titles(level="central")
    assert "C区人才新政" not in central
    funding = titles(benefit_kind="funding")
    assert "C区人才新政" in funding
    assert "关于深化人才发展体制机制改革的意见" not in funding
    assert "没有符合条件的政策" in titles(issuer="D-HR")
    assert "C区人才新政" in titles(issuer="D-TO", page="9")  # past the end: the last page


def test_policy_page_lists_its_clauses(demo: Any) -> None:
    page = Client().get(reverse("portal:policy", args=["POL2"])).content.decode()
    assert "第五条" in page
    assert reverse("portal:clause", args=["C2"]) in page


def test_clause_page_without_a_stored_rule_still_shows_text_and_links(demo: Any) -> None:
    page = Client().get(reverse("portal:clause", args=["C2"])).content.decode()
    assert "给予创业资助" in page
    assert "本条款尚未导入结构化规则" in page
    assert reverse("portal:clause", args=["C1"]) in page


def test_clause_page_shows_rule_lineage_and_what_the_district_changed(stored: None) -> None:
    page = Client().get(reverse("portal:clause", args=["C2"])).content.decode()
    # The rule in words, with the contract's Chinese labels.
    assert "人才层次 属于 A类人才、B类人才" in page
    assert "不低于 5" in page
    assert "1,000,000 元" in page
    assert "营业执照" in page
    assert "badge-veto" in page
    # Lineage: the central clause above, and what the district level changed.
    assert reverse("portal:clause", args=["C1"]) in page
    assert "收窄" in page
    assert "新增条件" in page
    assert "新增把关（按钮）部门 1 个" in page
    top = Client().get(reverse("portal:clause", args=["C1"])).content.decode()
    assert '<mark class="vague">按要求</mark>' in top
    assert reverse("portal:clause", args=["C2"]) in top


def test_clause_page_in_english(stored: None) -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:clause", args=["C2"])).content.decode()
    assert "Policy lineage" in page
    assert "narrowed" in page
    assert "tier A" in page


def test_import_page_shows_problems_with_their_location(client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(Role.TALENT_OFFICE)
    upload = SimpleUploadedFile("bad.yml", b"id: X\n", content_type="application/yaml")
    other = SimpleUploadedFile("../up.yaml", b"id: Y\n", content_type="application/yaml")
    response = client.post(reverse("portal:policy_import"), {"policy_files": [upload, other]})
    assert response.status_code == 200
    assert not PolicySource.objects.exists()


@needs_loader
def test_import_page_imports_and_lists_what_was_imported(client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(Role.TALENT_OFFICE)
    uploads = [SimpleUploadedFile(name, text.encode()) for name, text in policy_files()]
    page = client.post(reverse("portal:policy_import"), {"policy_files": uploads})
    body = page.content.decode()
    assert "已导入 2 个政策文件" in body
    assert "pol2.yaml" in body
    assert PolicySource.objects.count() == 2
    broken = SimpleUploadedFile(
        "pol2.yaml",
        policy_files("pol2.yaml")[0][1].replace("department: D-AUD", "department: D-NOPE").encode(),
    )
    failed = client.post(reverse("portal:policy_import"), {"policy_files": [broken]})
    body = failed.content.decode()
    assert "未导入任何文件" in body
    assert "pol2.yaml:" in body
    assert "D-NOPE" in body


def test_entitlements_for_the_demo_talent(client_for: Any, stored: None) -> None:
    page = client_for(Role.TALENT).get(reverse("portal:entitlements")).content.decode()
    # P1: tier A at E1 (20 employees) gets C2's tier-A amount.
    assert reverse("portal:clause", args=["C2"]) in page
    assert "result-eligible" in page
    assert "1,000,000" in page
    assert "C区人社局" in page


def test_entitlements_for_the_demo_employer(client_for: Any, stored: None) -> None:
    page = client_for(Role.EMPLOYER).get(reverse("portal:entitlements")).content.decode()
    assert reverse("portal:clause", args=["C2"]) in page
    assert "result-unknown" in page or "result-not_eligible" in page


def test_entitlements_with_an_empty_library(client_for: Any) -> None:
    page = client_for(Role.TALENT).get(reverse("portal:entitlements")).content.decode()
    assert "暂无生效的结构化条款" in page


def test_calculator_explains_a_posted_profile(stored: None) -> None:
    response = Client().post(
        reverse("portal:calculator"),
        {"talent_tier": "B", "birth_year": "1990", "employees": "8", "stage": "startup"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "result-eligible" in body
    assert "500,000" in body
    assert not PolicySource.objects.filter(policy_id="calculator").exists()


def test_calculator_says_why_not(stored: None) -> None:
    body = (
        Client()
        .post(reverse("portal:calculator"), {"talent_tier": "general", "employees": "8"})
        .content.decode()
    )
    assert "result-not_eligible" in body
    assert "✗" in body


@pytest.mark.parametrize(
    "data",
    [
        {"birth_year": "3000"},
        {"talent_tier": "Z"},
        {"employees": "-1"},
        {"founded_on": "not-a-date"},
        {"nationality": "China"},
    ],
)
def test_calculator_rejects_bad_input(stored: None, data: dict[str, str]) -> None:
    response = Client().post(reverse("portal:calculator"), data)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
