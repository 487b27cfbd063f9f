"""Survey answers for sharing: respondent ids replaced, personal items dropped, small groups out.

PIPL treats free text and contact details as personal information, and a rare answer
(the one foreign respondent, the one tier-A talent) can identify a person as surely as a name.
So an anonymised export keeps coded answers only, gives respondents new ids that cannot be
traced back, and leaves out every answer shared by fewer than ``threshold`` respondents, saying
how many it left out where.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from luodi.survey.instrument import Instrument

__all__ = ["DEFAULT_THRESHOLD", "AnonymisedResponses", "Suppressed", "responses_anonymise"]

# Statistical offices commonly suppress cells below 5; the caller may raise it.
DEFAULT_THRESHOLD = 5


@dataclass(frozen=True, kw_only=True)
class Suppressed:
    """One answer left out: ``count`` respondents gave ``value`` to ``item_code``."""

    item_code: str
    value: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"item_code": self.item_code, "value": self.value, "count": self.count}


@dataclass(frozen=True, kw_only=True)
class AnonymisedResponses:
    """The survey_responses rows to share and what was left out of them."""

    rows: tuple[Mapping[str, str], ...]
    threshold: int
    suppressed: tuple[Suppressed, ...]
    dropped_items: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": len(self.rows),
            "threshold": self.threshold,
            "suppressed": [s.to_dict() for s in self.suppressed],
            "dropped_items": list(self.dropped_items),
        }


def _personal(instrument: Instrument | None) -> set[str]:
    if instrument is None:
        return set()
    return {item.code for item in instrument.items if item.personal or item.kind == "text"}


def responses_anonymise(
    *,
    responses: Iterable[Mapping[str, Any]],
    instrument: Instrument | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> AnonymisedResponses:
    """Anonymise contract survey_responses rows of one or more surveys.

    Items the instrument marks personal, and free-text items, are dropped. An (item, value)
    given by fewer than ``threshold`` respondents is suppressed. New respondent ids are drawn
    in a random order, so neither their order nor their number reveal the old ones.
    """
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}; 5 is usual")
    personal = _personal(instrument)
    kept = [dict(r) for r in responses if str(r["item_code"]) not in personal]
    dropped = sorted(personal)
    counts = Counter((str(r["survey_id"]), str(r["item_code"]), str(r["value"])) for r in kept)
    small = {key for key, n in counts.items() if n < threshold}
    respondents = sorted({(str(r["survey_id"]), str(r["respondent_id"])) for r in kept})
    # A cryptographic shuffle: the new ids must not be reproducible from the old ones.
    order = list(respondents)
    for index in range(len(order) - 1, 0, -1):
        other = secrets.randbelow(index + 1)
        order[index], order[other] = order[other], order[index]
    new_id = {old: f"A{number:05d}" for number, old in enumerate(order, start=1)}
    rows = [
        {
            "survey_id": str(r["survey_id"]),
            "respondent_id": new_id[(str(r["survey_id"]), str(r["respondent_id"]))],
            "item_code": str(r["item_code"]),
            "value": str(r["value"]),
        }
        for r in kept
        if (str(r["survey_id"]), str(r["item_code"]), str(r["value"])) not in small
    ]
    rows.sort(key=lambda r: (r["survey_id"], r["respondent_id"], r["item_code"]))
    suppressed = tuple(
        Suppressed(item_code=item, value=value, count=counts[(survey, item, value)])
        for survey, item, value in sorted(small)
    )
    return AnonymisedResponses(
        rows=tuple(rows), threshold=threshold, suppressed=suppressed, dropped_items=tuple(dropped)
    )
