"""The inquiry router: cold start from duties, the trained classifier, triage, determinism."""

from __future__ import annotations

import pytest

from luodi.contract.choices import DEPARTMENT_KINDS
from luodi.dialogue.corpus import labelled_inquiries
from luodi.dialogue.duties import DUTY_KEYWORDS, DUTY_SUMMARIES
from luodi.dialogue.routing import (
    LOW_CONFIDENCE,
    TRIAGE_KIND,
    Router,
    Routing,
    RoutingDataError,
    normalise_text,
)

RECORDS = labelled_inquiries()
# A fixed split by id, independent of the evaluation's: every fourth record is held out.
TRAIN = [r for i, r in enumerate(RECORDS) if i % 4]
HELD_OUT = [r for i, r in enumerate(RECORDS) if not i % 4]


@pytest.fixture(scope="module")
def trained() -> Router:
    return Router.fit(texts=[r.text for r in TRAIN], labels=[r.department_kind for r in TRAIN])


def accuracy(router: Router) -> float:
    routings = router.route_many(r.text for r in HELD_OUT)
    hits = sum(x.label == r.department_kind for x, r in zip(routings, HELD_OUT, strict=True))
    return hits / len(HELD_OUT)


def test_duty_tables_cover_contract_kinds_only() -> None:
    kinds = {c.value for c in DEPARTMENT_KINDS}
    assert set(DUTY_KEYWORDS) <= kinds
    assert set(DUTY_SUMMARIES) == set(DUTY_KEYWORDS)
    assert TRIAGE_KIND in DUTY_KEYWORDS
    for kind, keywords in DUTY_KEYWORDS.items():
        assert len(keywords) >= 10, kind
        assert len(set(keywords)) == len(keywords), kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("年度汇算时个人所得税专项附加扣除怎么填？", "tax"),
        ("孩子明年上小学，人才子女入学需要哪些材料？", "education"),
        ("引进人才落户到集体户需要去派出所办理吗", "public_security"),
        ("人才公寓的租金和续租怎么规定", "housing"),
        ("营业执照经营范围变更登记怎么办", "market_regulation"),
        ("人才贷的贷款利率是多少，银行要不要担保", "financial_affairs"),
        ("审批人员收受购物卡，想实名举报", "discipline_inspection"),
        ("已经审核通过的补贴，财政什么时候拨付到账", "finance"),
        ("社保断缴以后生活津贴还能领吗", "hr_social_security"),
        ("高新技术企业认定和科技项目申报", "science_technology"),
    ],
)
def test_cold_start_routes_obvious_cases_by_duty_keywords(text: str, kind: str) -> None:
    routing = Router.cold_start().route(text)
    assert routing.source == "keywords"
    assert routing.label == kind
    assert not routing.needs_triage


def test_cold_start_without_any_duty_word_goes_to_triage() -> None:
    routing = Router.cold_start().route("你好，我想问一下这个事情怎么弄")
    assert routing.label == TRIAGE_KIND
    assert routing.confidence == 0.0
    assert routing.needs_triage
    assert {kind for kind, _ in routing.ranked} == set(DUTY_KEYWORDS)


def test_cold_start_routes_most_of_the_labelled_set() -> None:
    assert accuracy(Router.cold_start()) >= 0.7


def test_the_fitted_router_beats_the_cold_start(trained: Router) -> None:
    assert trained.source == "classifier"
    assert accuracy(trained) > accuracy(Router.cold_start())


def test_without_the_duty_prior_the_classifier_still_learns_from_text() -> None:
    text_only = Router.fit(
        texts=[r.text for r in TRAIN], labels=[r.department_kind for r in TRAIN], duty_prior=0
    )
    # Far above chance (1 in 14) but below the router that also knows the duties.
    assert 0.5 <= accuracy(text_only) < 0.95


def test_routing_is_a_ranked_distribution(trained: Router) -> None:
    routing = trained.route("我的人才补贴审核通过了，钱一直没有到账，财政说在走流程")
    assert isinstance(routing, Routing)
    assert routing.label == routing.ranked[0][0]
    assert routing.confidence == routing.ranked[0][1]
    scores = [score for _, score in routing.ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert sum(scores) == pytest.approx(1.0, abs=1e-3)
    assert set(routing.top(3)) <= set(trained.kinds)
    assert len(routing.top(3)) == 3


def test_routing_is_deterministic() -> None:
    texts = [r.text for r in HELD_OUT[:40]]
    first = Router.fit(texts=[r.text for r in TRAIN], labels=[r.department_kind for r in TRAIN])
    second = Router.fit(texts=[r.text for r in TRAIN], labels=[r.department_kind for r in TRAIN])
    assert first.route_many(texts) == second.route_many(texts)
    assert first.route_many(texts) == tuple(first.route(t) for t in texts)
    cold = Router.cold_start()
    assert cold.route_many(texts) == cold.route_many(texts)


def test_ambiguous_text_goes_to_triage(trained: Router) -> None:
    for text in ("你好", "请问一下", "这个事情到底归谁管？", "我有个问题想咨询"):
        routing = trained.route(text)
        assert routing.confidence < LOW_CONFIDENCE, (text, routing.ranked[:3])
        assert routing.needs_triage


def test_empty_text_goes_to_triage_from_either_router(trained: Router) -> None:
    for router in (trained, Router.cold_start()):
        routing = router.route("   ")
        assert routing.label == TRIAGE_KIND
        assert routing.confidence == 0.0
        assert routing.needs_triage


def test_full_width_text_routes_like_half_width() -> None:
    assert normalise_text("ＰＰＰ项目  备案") == "ppp项目 备案"
    cold = Router.cold_start()
    assert cold.route("ＰＰＰ项目怎么审批").label == cold.route("PPP项目怎么审批").label


def test_a_few_labels_of_one_kind_train_with_the_duty_prior() -> None:
    # A new platform has resolved inquiries of one department only; the duties supply the rest.
    router = Router.fit(
        texts=["租房补贴什么时候发", "生活津贴怎么申请"], labels=["hr_social_security"] * 2
    )
    assert router.route("个人所得税汇算清缴退税").label == "tax"


@pytest.mark.parametrize(
    ("texts", "labels", "kwargs", "message"),
    [
        (["a", "b"], ["tax"], {}, "2 texts but 1 labels"),
        (["个税"], ["weather"], {}, "'weather' are not department kinds"),
        (["  "], ["tax"], {}, "a text is empty"),
        (["个税", "发票"], ["tax", "tax"], {"duty_prior": 0}, "fewer than two department kinds"),
        (["个税"], ["tax"], {"duty_prior": -1}, "duty_prior is -1"),
    ],
)
def test_bad_training_data_is_refused(
    texts: list[str], labels: list[str], kwargs: dict[str, float], message: str
) -> None:
    with pytest.raises(RoutingDataError, match="cannot train the router") as caught:
        Router.fit(texts=texts, labels=labels, **kwargs)
    assert message in str(caught.value)
