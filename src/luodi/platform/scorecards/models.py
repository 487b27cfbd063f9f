"""Scorecard tables of the data contract (rating rounds, ratings) and the platform's records.

The contract tables keep exactly their columns; a rating's free-text comment is personal and
lives in its own model, read only by the leadership group.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from luodi.contract import choices as ch
from luodi.platform.common import field_choices
from luodi.platform.registry.models import CHOICE_LENGTH, ID_LENGTH, Department, Region

__all__ = [
    "ROUND_STATUSES",
    "Rating",
    "RatingComment",
    "RatingInvitation",
    "RatingRound",
    "RatingRoundSetup",
    "ScorecardLog",
    "ScorecardWeights",
]

CODE_LENGTH = 64
ROUND_STATUSES = (("open", "进行中"), ("closed", "已结束"))


class RatingRound(models.Model):
    round_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="round_id")
    name = models.CharField(max_length=200, db_column="name")
    period = models.CharField(max_length=16, db_column="period")
    subject_kind = models.CharField(
        max_length=CHOICE_LENGTH,
        choices=field_choices(ch.SCORE_SUBJECT_KINDS),
        db_column="subject_kind",
    )
    opened_on = models.DateField(db_column="opened_on")
    closed_on = models.DateField(null=True, blank=True, db_column="closed_on")
    min_raters = models.PositiveIntegerField(db_column="min_raters")

    class Meta:
        db_table = "rating_rounds"
        verbose_name = "评价轮次"
        verbose_name_plural = "评价轮次"

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    rating_id = models.CharField(primary_key=True, max_length=ID_LENGTH, db_column="rating_id")
    round = models.ForeignKey(
        RatingRound, on_delete=models.PROTECT, related_name="ratings", db_column="round_id"
    )
    subject_id = models.CharField(max_length=ID_LENGTH, db_column="subject_id")
    rater_kind = models.CharField(
        max_length=CHOICE_LENGTH, choices=field_choices(ch.RATER_KINDS), db_column="rater_kind"
    )
    rater_id = models.CharField(max_length=ID_LENGTH, db_column="rater_id")
    rater_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings_given",
        db_column="rater_department_id",
    )
    rater_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings_given",
        db_column="rater_region_id",
    )
    criterion = models.CharField(max_length=CODE_LENGTH, db_column="criterion")
    score = models.PositiveSmallIntegerField(db_column="score")
    submitted_at = models.DateTimeField(db_column="submitted_at")

    class Meta:
        db_table = "ratings"
        verbose_name = "评价记录"
        verbose_name_plural = "评价记录"
        constraints = (
            # One rating per rater, subject and criterion in a round, whatever the form sends.
            models.UniqueConstraint(
                fields=["round", "rater_id", "subject_id", "criterion"],
                name="ratings_one_per_rater",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="ratings_score_1_to_5"
            ),
        )

    def __str__(self) -> str:
        return f"{self.round_id}:{self.subject_id}:{self.criterion}"


class RatingRoundSetup(models.Model):
    """The platform's side of a round it runs: the criteria rated, open or closed, who opened it.

    Rounds imported with a dataset have no setup: they hold ratings but take no new ones.
    """

    round = models.OneToOneField(
        RatingRound, on_delete=models.CASCADE, primary_key=True, related_name="setup"
    )
    # Criterion codes of the indicator catalogue, in the order the form asks them.
    criteria = models.JSONField()
    status = models.CharField(max_length=CHOICE_LENGTH, choices=ROUND_STATUSES, default="open")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rating_rounds_created",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "scorecards_round_setups"
        verbose_name = "评价轮次设置"
        verbose_name_plural = "评价轮次设置"

    def __str__(self) -> str:
        return self.round_id


class RatingInvitation(models.Model):
    """One rater's link: the token's SHA-256 only, the rater's kind and where they sit.

    The rater id is pseudonymous and random: the ratings carry it, nothing links it to a name.
    Where the rater sits (department, region) decides what they may not rate: their own.
    """

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    rater_kind = models.CharField(max_length=CHOICE_LENGTH, choices=field_choices(ch.RATER_KINDS))
    rater_id = models.CharField(max_length=ID_LENGTH, unique=True)
    rater_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rating_invitations",
    )
    rater_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="rating_invitations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "scorecards_invitations"
        verbose_name = "评价邀请"
        verbose_name_plural = "评价邀请"

    def __str__(self) -> str:
        return f"{self.round_id}:{self.rater_id}"


class RatingComment(models.Model):
    """A rater's free-text comment on a subject: personal, kept without the rater's id, read
    only by the leadership group and never written to a log."""

    round = models.ForeignKey(RatingRound, on_delete=models.CASCADE, related_name="comments")
    subject_id = models.CharField(max_length=ID_LENGTH)
    rater_kind = models.CharField(max_length=CHOICE_LENGTH, choices=field_choices(ch.RATER_KINDS))
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "scorecards_comments"
        verbose_name = "评价意见"
        verbose_name_plural = "评价意见"

    def __str__(self) -> str:
        return f"{self.round_id}:{self.subject_id}#{self.pk}"


class ScorecardWeights(models.Model):
    """The leadership group's weighting scheme, append-only: the latest row is in force."""

    scheme_id = models.CharField(max_length=CODE_LENGTH, default="balanced")
    # Group ("hard", "process", "rated") → weight; indicator id → weight within its group.
    group_weights = models.JSONField()
    indicator_weights = models.JSONField(default=dict)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scorecard_weights_set",
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "scorecards_weights"
        verbose_name = "考核权重"
        verbose_name_plural = "考核权重"

    def __str__(self) -> str:
        return f"{self.scheme_id}#{self.pk}"


class ScorecardLog(models.Model):
    """Append-only audit of rounds, invitations, submissions and weights; no personal text."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scorecard_log",
    )
    action = models.CharField(max_length=CODE_LENGTH)
    round_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    detail = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "scorecards_log"
        verbose_name = "考核操作记录"
        verbose_name_plural = "考核操作记录"

    def __str__(self) -> str:
        return f"{self.action}@{self.at:%Y-%m-%d %H:%M}"
