"""Contract tables of multi-source evaluation: rating rounds and the ratings given in them.

Both are optional in a dataset folder: most systems keep no ratings. Comments raters write are
personal free text and stay in the platform; the contract carries scores only, and raters by a
pseudonymous id, never by name.
"""

from __future__ import annotations

from luodi.contract import choices as ch
from luodi.contract.columns import col
from luodi.contract.schema import ColumnType as T
from luodi.contract.schema import Table

__all__ = ["RATINGS", "RATING_ROUNDS"]


RATING_ROUNDS = Table(
    name="rating_rounds",
    zh="评价轮次",
    en="Rounds in which superiors, peers and policy targets rate departments or districts.",
    primary_key=("round_id",),
    optional=True,
    columns=(
        col("round_id", T.STRING, "轮次编号", "Round id."),
        col("name", T.STRING, "名称", "Name, e.g. 2018年度部门人才工作评价."),
        col("period", T.STRING, "评价期", "Period rated: 2018, 2018-H1, 2018-Q3 or 2018-05."),
        col(
            "subject_kind",
            T.CHOICE,
            "评价对象类别",
            "Whether departments or districts are rated.",
            choices=ch.SCORE_SUBJECT_KINDS,
        ),
        col("opened_on", T.DATE, "开始日期", "First day ratings are taken."),
        col("closed_on", T.DATE, "结束日期", "Last day ratings are taken.", required=False),
        col(
            "min_raters",
            T.INTEGER,
            "最少评价人数",
            "Fewest raters of one kind before their mean score is shown.",
            minimum=1,
        ),
    ),
)

RATINGS = Table(
    name="ratings",
    zh="评价记录",
    en="One rater's score of one subject on one criterion in a round.",
    primary_key=("rating_id",),
    optional=True,
    columns=(
        col("rating_id", T.STRING, "评价编号", "Rating id."),
        col("round_id", T.STRING, "轮次", "Round.", ref="rating_rounds.round_id"),
        col(
            "subject_id",
            T.STRING,
            "评价对象",
            "The department id or region id rated, per the round's subject kind.",
        ),
        col(
            "rater_kind",
            T.CHOICE,
            "评价人类别",
            "Superior department, peer department or policy target.",
            choices=ch.RATER_KINDS,
        ),
        col("rater_id", T.STRING, "评价人", "Pseudonymous rater id, never a name."),
        col(
            "rater_department_id",
            T.STRING,
            "评价人所在部门",
            "The rater's department (superiors and peers).",
            required=False,
            ref="departments.department_id",
        ),
        col(
            "rater_region_id",
            T.STRING,
            "评价人所在区域",
            "The rater's region (for targets, where their employer is).",
            required=False,
            ref="regions.region_id",
        ),
        col("criterion", T.STRING, "评价维度", "Criterion code, e.g. efficiency."),
        col("score", T.INTEGER, "评分", "Score from 1 (poor) to 5 (good).", minimum=1, maximum=5),
        col("submitted_at", T.DATETIME, "提交时间", "When it was submitted."),
    ),
)
