"""Rating rounds: invitations, conflict-of-interest exclusion, one rating per rater, weights."""

from __future__ import annotations

from typing import Any

import pytest

from luodi.platform.accounts.roles import Role
from luodi.platform.scorecards import errors
from luodi.platform.scorecards.models import (
    Rating,
    RatingComment,
    RatingInvitation,
    ScorecardLog,
    ScorecardWeights,
)
from luodi.platform.scorecards.selectors import invitation_get, invitation_subjects, round_progress
from luodi.platform.scorecards.services import (
    rating_round_close,
    rating_round_create,
    rating_submit,
    scorecard_weights_set,
)
from tests.platform.scorecard_support import CRITERIA, account, invite, rate, round_make


def test_only_the_talent_office_runs_rounds(demo: Any) -> None:
    with pytest.raises(errors.ScorecardPermissionError):
        rating_round_create(
            by=account(Role.LEADERSHIP),
            name="x",
            period="2018",
            subject_kind="department",
            min_raters=1,
            criteria=["efficiency"],
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period": "2018-13"}, errors.PERIOD_INVALID),
        ({"period": "去年"}, errors.PERIOD_INVALID),
        ({"subject_kind": "county"}, errors.SUBJECTS_INVALID),
        ({"criteria": ["beauty"]}, errors.CRITERIA_UNKNOWN),
        ({"min_raters": 0}, errors.MIN_RATERS_INVALID),
        ({"name": "  "}, errors.NAME_MISSING),
    ],
)
def test_round_setup_is_checked(demo: Any, changes: dict[str, Any], message: Any) -> None:
    given: dict[str, Any] = {
        "name": "评价",
        "period": "2018",
        "subject_kind": "department",
        "min_raters": 2,
        "criteria": ["efficiency"],
    }
    with pytest.raises(errors.RatingInvalid) as raised:
        rating_round_create(by=account(Role.TALENT_OFFICE), **(given | changes))
    assert raised.value.message == message


def test_round_normalises_the_period_and_logs(demo: Any) -> None:
    rating_round = round_make(period="2018-q1".upper())
    assert rating_round.period == "2018-Q1"
    assert list(rating_round.setup.criteria) == list(CRITERIA)
    assert ScorecardLog.objects.filter(action="round_create", round_id=rating_round.pk).exists()


def test_tokens_are_stored_hashed_and_raters_are_pseudonymous(demo: Any) -> None:
    rating_round = round_make()
    tokens = invite(rating_round, "target", region_id="R2", count=3)
    assert len(set(tokens)) == 3
    stored = list(RatingInvitation.objects.filter(round=rating_round))
    assert {i.token_hash for i in stored}.isdisjoint(tokens)
    assert all(i.rater_id.startswith("R-") for i in stored)
    assert len({i.rater_id for i in stored}) == 3


def test_a_department_rater_is_never_offered_its_own_department(demo: Any) -> None:
    rating_round = round_make()
    (token,) = invite(rating_round, "peer", department_id="D-HR")
    offered = [i for i, _ in invitation_subjects(invitation_get(token))]
    assert offered == ["D-AUD"]
    # A superior above the executing departments rates them all.
    (boss,) = invite(rating_round, "superior", department_id="D-LG")
    assert [i for i, _ in invitation_subjects(invitation_get(boss))] == ["D-AUD", "D-HR"]


def test_rating_ones_own_department_directly_is_refused(demo: Any) -> None:
    rating_round = round_make()
    (token,) = invite(rating_round, "peer", department_id="D-HR")
    with pytest.raises(errors.RatingConflictOfInterest):
        rate(token, "D-HR", 5)
    assert not Rating.objects.exists()
    rate(token, "D-AUD", 3)
    assert Rating.objects.filter(subject_id="D-AUD").count() == len(CRITERIA)


def test_district_rounds_keep_district_departments_out_and_targets_at_home(demo: Any) -> None:
    rating_round = round_make(kind="region")
    # A department in R2 sits in R2: the fixture's only district is its own, nothing is left.
    with pytest.raises(errors.RatingInvalid) as raised:
        invite(rating_round, "peer", department_id="D-HR")
    assert raised.value.message == errors.NOTHING_TO_RATE
    assert not RatingInvitation.objects.exists()
    # A policy target rates the district it lives and works in, and no other.
    (token,) = invite(rating_round, "target", region_id="R2")
    assert [i for i, _ in invitation_subjects(invitation_get(token))] == ["R2"]
    rate(token, "R2", 4)
    assert Rating.objects.filter(subject_id="R2", rater_kind="target").count() == len(CRITERIA)


@pytest.mark.parametrize(
    ("kind", "place", "message"),
    [
        ("peer", {}, errors.DEPARTMENT_NEEDED),
        ("superior", {"region_id": "R2"}, errors.DEPARTMENT_NEEDED),
        ("target", {}, errors.REGION_NEEDED),
        ("peer", {"department_id": "D-NOPE"}, errors.DEPARTMENT_UNKNOWN),
        ("neighbour", {"department_id": "D-HR"}, errors.RATER_KIND_INVALID),
    ],
)
def test_raters_must_say_where_they_sit(
    demo: Any, kind: str, place: dict[str, str], message: Any
) -> None:
    with pytest.raises(errors.RatingInvalid) as raised:
        invite(
            round_make(),
            kind,
            department_id=place.get("department_id"),
            region_id=place.get("region_id"),
        )
    assert raised.value.message == message


def test_one_rating_per_rater_and_subject(demo: Any) -> None:
    rating_round = round_make()
    (token,) = invite(rating_round, "superior", department_id="D-LG")
    rate(token, "D-HR", 4)
    with pytest.raises(errors.RatingAlreadySubmitted):
        rate(token, "D-HR", 1)
    assert sorted(Rating.objects.values_list("score", flat=True)) == [4, 4]
    rate(token, "D-AUD", 2)  # another subject is fine
    assert Rating.objects.count() == 2 * len(CRITERIA)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"efficiency": 4}, errors.CRITERION_MISSING),
        ({"efficiency": 4, "service": 6}, errors.SCORE_INVALID),
        ({"efficiency": 4, "service": "0"}, errors.SCORE_INVALID),
        ({"efficiency": 4, "service": "四"}, errors.SCORE_INVALID),
    ],
)
def test_every_criterion_is_scored_1_to_5(
    demo: Any, scores: dict[str, object], message: Any
) -> None:
    (token,) = invite(round_make(), "superior", department_id="D-LG")
    with pytest.raises(errors.RatingInvalid) as raised:
        rating_submit(token=token, subject_id="D-HR", scores=scores)
    assert raised.value.message == message
    assert not Rating.objects.exists()


def test_unknown_subjects_and_tokens(demo: Any) -> None:
    (token,) = invite(round_make(), "superior", department_id="D-LG")
    with pytest.raises(errors.RatingUnknownSubject):
        rate(token, "D-TO", 3)  # issues policy, never executes: not a subject
    with pytest.raises(errors.ScorecardNotFound):
        rate("no-such-token", "D-HR", 3)


def test_closed_round_takes_no_ratings_and_no_invitations(demo: Any) -> None:
    rating_round = round_make()
    (token,) = invite(rating_round, "superior", department_id="D-LG")
    rating_round_close(by=account(Role.TALENT_OFFICE), round_id=rating_round.pk)
    with pytest.raises(errors.RatingRoundClosed):
        rate(token, "D-HR", 3)
    with pytest.raises(errors.RatingRoundClosed):
        invite(rating_round, "superior", department_id="D-LG")


def test_comment_is_kept_apart_and_never_logged(demo: Any) -> None:
    (token,) = invite(round_make(), "target", region_id="R2")
    rate(token, "D-HR", 2, comment="  材料要求反复变化，跑了五次。 ")
    comment = RatingComment.objects.get()
    assert comment.text == "材料要求反复变化，跑了五次。"
    assert comment.rater_kind == "target"
    logged = str(list(ScorecardLog.objects.values_list("detail", flat=True)))
    assert "跑了五次" not in logged
    with pytest.raises(errors.RatingInvalid):
        rate(invite(round_make(), "target", region_id="R2")[0], "D-HR", 2, comment="长" * 1001)


def test_progress_counts_raters_per_subject_and_kind(demo: Any) -> None:
    rating_round = round_make()
    for token in invite(rating_round, "superior", department_id="D-LG", count=2):
        rate(token, "D-HR", 4)
    (peer,) = invite(rating_round, "peer", department_id="D-AUD")
    rate(peer, "D-HR", 3)
    (progress,) = round_progress()
    by_subject = {s.subject_id: s.raters for s in progress.subjects}
    assert by_subject["D-HR"] == {"superior": 2, "peer": 1}
    assert by_subject["D-AUD"] == {}
    assert progress.invited == {"superior": 2, "peer": 1}
    assert progress.short == 1  # D-HR's peers: 1 of 2


def test_weights_only_by_the_leadership_group_and_checked(demo: Any) -> None:
    with pytest.raises(errors.ScorecardPermissionError):
        scorecard_weights_set(by=account(Role.TALENT_OFFICE), group_weights={"hard": 1})
    leader = account(Role.LEADERSHIP)
    for weights, message in [
        ({"hard": 0, "process": 0, "rated": 0}, errors.WEIGHTS_ALL_ZERO),
        ({"hard": -1, "process": 1}, errors.WEIGHT_NEGATIVE),
        ({"results": 1}, errors.WEIGHT_GROUP_UNKNOWN),
    ]:
        with pytest.raises(errors.RatingInvalid) as raised:
            scorecard_weights_set(by=leader, group_weights=weights)
        assert raised.value.message == message
    with pytest.raises(errors.RatingInvalid) as raised:
        scorecard_weights_set(
            by=leader, group_weights={"hard": 1}, indicator_weights={"nonsense": 2}
        )
    assert raised.value.message == errors.INDICATOR_UNKNOWN
    first = scorecard_weights_set(by=leader, group_weights={"hard": 1, "process": 1})
    second = scorecard_weights_set(by=leader, group_weights={"rated": 2})
    assert ScorecardWeights.objects.count() == 2  # history kept
    assert first.group_weights == {"hard": 1.0, "process": 1.0, "rated": 0.0}
    assert second.group_weights == {"hard": 0.0, "process": 0.0, "rated": 2.0}
