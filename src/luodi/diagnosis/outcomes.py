"""One row per case with its applicant's group, the money paid and whether the benefit arrived.

D1 (who receives), D2 (landing rates) and Goggin's questions all start from this frame, so
"received" means one thing throughout: a payment was made, or the case was approved or closed
(benefits without money, such as a school place, end there).
"""

from __future__ import annotations

import narwhals as nw

from luodi.diagnosis.context import DiagnosisContext, tier_group_expr
from luodi.engines import Frame

__all__ = ["RECEIVED_STATUSES", "case_outcomes"]

RECEIVED_STATUSES = ("approved", "closed")


def case_outcomes(ctx: DiagnosisContext) -> Frame:
    """Columns: case_id, clause_id, person_id, employer_id, subject_kind, subject_id, status,
    opened_at, closed_at, tier_group, employer_stage, money, phases_paid, first_paid_on,
    received."""
    paid = (
        ctx.frame("disbursements")
        .group_by("case_id")
        .agg(
            nw.col("amount").sum().alias("money"),
            nw.col("phase").max().alias("phases_paid"),
            nw.col("paid_on").min().alias("first_paid_on"),
        )
    )
    persons = ctx.frame("persons").select(
        nw.col("person_id").alias("p_person_id"), tier_group_expr().alias("tier_group")
    )
    employers = ctx.frame("employers").select(
        nw.col("employer_id").alias("e_employer_id"), nw.col("stage").alias("employer_stage")
    )
    cases = ctx.frame("cases").select(
        "case_id", "clause_id", "person_id", "employer_id", "status", "opened_at", "closed_at"
    )
    joined = (
        cases.join(paid, on="case_id", how="left")
        .join(persons, left_on="person_id", right_on="p_person_id", how="left")
        .join(employers, left_on="employer_id", right_on="e_employer_id", how="left")
    )
    person_case = ~nw.col("person_id").is_null()
    return joined.select(
        "case_id",
        "clause_id",
        "person_id",
        "employer_id",
        nw.when(person_case)
        .then(nw.lit("person"))
        .otherwise(nw.lit("employer"))
        .alias("subject_kind"),
        nw.when(person_case)
        .then(nw.col("person_id"))
        .otherwise(nw.col("employer_id"))
        .alias("subject_id"),
        "status",
        "opened_at",
        "closed_at",
        "tier_group",
        "employer_stage",
        nw.col("money").fill_null(0.0).alias("money"),
        nw.col("phases_paid").fill_null(0).alias("phases_paid"),
        "first_paid_on",
        ((nw.col("money").fill_null(0.0) > 0) | nw.col("status").is_in(RECEIVED_STATUSES)).alias(
            "received"
        ),
    )
