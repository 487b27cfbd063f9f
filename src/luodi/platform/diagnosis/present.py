"""Pick out of the diagnosis JSON what one clause's or one department's page shows.

Only reshaping of the cached report: nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "CHANNELS",
    "PROBLEM_STAGES",
    "clause_view",
    "dashboard_view",
    "department_view",
    "evidence",
    "figure_evidence",
    "funnel_stages",
    "inquiry_rows",
    "recommendations_by_remedy",
]


# D3's keys in the study's order.
CHANNELS = ("none", "active", "outreach")
PROBLEM_STAGES = ("had_problem", "knew_department", "solved_among_knew")


def evidence(kind: str, **filters: str) -> dict[str, Any]:
    """An evidence object like the core's ``Evidence.to_dict()``, for links the page adds."""
    return {"kind": kind, "filters": dict(sorted(filters.items()))}


def _rows(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [row for row in value if isinstance(row, Mapping)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _section(report: Mapping[str, Any], *path: str) -> Any:
    node: Any = report
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _first(rows: list[Mapping[str, Any]], key: str, value: str) -> Mapping[str, Any] | None:
    return next((row for row in rows if row.get(key) == value), None)


def _mentions(item: Mapping[str, Any], key: str, value: str) -> bool:
    return any(e.get(key) == value for e in _rows(item.get("evidence")))


def clause_view(report: Mapping[str, Any], clause_id: str) -> dict[str, Any]:
    """The clause's rows of D2, Goggin and P1, and the recommendations that name it."""
    return {
        "landing": _first(
            _rows(_section(report, "d2_obstruction", "clauses")), "clause_id", clause_id
        ),
        "goggin": _first(_rows(_section(report, "goggin", "clauses")), "clause_id", clause_id),
        "ambiguity": _first(
            _rows(_section(report, "factors", "p1_ambiguity", "clauses")), "clause_id", clause_id
        ),
        "funnels": [
            f
            for f in _rows(_section(report, "d1_function_alienation", "funnels"))
            if f.get("clause_id") == clause_id
        ],
        "recommendations": [
            r for r in _rows(report.get("recommendations")) if _mentions(r, "clause_id", clause_id)
        ],
    }


def department_view(report: Mapping[str, Any], department_id: str) -> dict[str, Any]:
    """The department's rows of D2 and P3, its place in the network, and recommendations."""
    network = _section(report, "d2_obstruction", "network") or {}
    edges = _rows(network.get("edges") if isinstance(network, Mapping) else None)
    return {
        "waiting": _first(
            _rows(_section(report, "d2_obstruction", "departments")), "department_id", department_id
        ),
        "blocks": _first(
            _rows(_section(report, "d2_obstruction", "blocks_by_veto_department")),
            "department_id",
            department_id,
        ),
        "veto": _first(
            _rows(_section(report, "factors", "p3_veto", "departments")),
            "department_id",
            department_id,
        ),
        "node": _first(
            _rows(network.get("nodes") if isinstance(network, Mapping) else None),
            "department_id",
            department_id,
        ),
        "from_here": sorted(
            (e for e in edges if e.get("source") == department_id),
            key=lambda e: (-int(e.get("cases") or 0), str(e.get("target"))),
        ),
        "to_here": sorted(
            (e for e in edges if e.get("target") == department_id),
            key=lambda e: (-int(e.get("cases") or 0), str(e.get("source"))),
        ),
        "recommendations": [
            r
            for r in _rows(report.get("recommendations"))
            if _mentions(r, "department_id", department_id)
        ],
    }


def figure_evidence(report: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    """The evidence of the figure at the JSON pointer ``path``: its own (``<key>_evidence``,
    a funnel's ``stage_evidence``) if it has one, else that of the object holding it."""
    *parents, key = [t.replace("~1", "/").replace("~0", "~") for t in path.strip("/").split("/")]
    holder: Any = report
    for token in parents:
        if isinstance(holder, Mapping):
            holder = holder.get(token)
        elif isinstance(holder, list) and token.isdigit() and int(token) < len(holder):
            holder = holder[int(token)]
        else:
            holder = None
    if isinstance(holder, Mapping):
        stages = holder.get("stage_evidence")
        own = holder.get(f"{key}_evidence") or (
            stages.get(key) if isinstance(stages, Mapping) else None
        )
        if isinstance(own, Mapping) and "kind" in own:
            return own
    from luodi.diagnosis.report import pointer_evidence

    return pointer_evidence(report, path)


def recommendations_by_remedy(
    report: Mapping[str, Any], remedies: Sequence[str]
) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """The recommendations grouped by remedy, in the study's order of remedies; each quoted
    figure with the records behind it and links to the clause or department it names."""
    rows = [
        {
            **row,
            "evidence": [
                {
                    **item,
                    "figure_evidence": figure_evidence(report, str(item.get("path", ""))),
                    "clause_link": evidence("clause", clause_id=str(item.get("clause_id"))),
                    "department_link": evidence(
                        "department", department_id=str(item.get("department_id"))
                    ),
                }
                for item in _rows(row.get("evidence"))
            ],
        }
        for row in _rows(report.get("recommendations"))
    ]
    return [(remedy, [r for r in rows if r.get("remedy") == remedy]) for remedy in remedies]


def funnel_stages(funnel: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Eligible, then phase 1, 2 … with the records behind each count.

    The core's ``stage_evidence`` when it gives one; otherwise the same links built here:
    the clause for the eligible, the cases paid that phase (``paid_phase``) for each phase.
    """
    clause_id = str(funnel.get("clause_id", ""))
    given = funnel.get("stage_evidence")
    given = given if isinstance(given, Mapping) else {}
    keys = [
        "eligible",
        *sorted(
            (k for k in funnel if k.startswith("phase_") and k[6:].isdigit()),
            key=lambda k: int(k[6:]),
        ),
    ]
    stages = []
    for key in keys:
        built = (
            evidence("clause", clause_id=clause_id)
            if key == "eligible"
            else evidence("cases", clause_id=clause_id, paid_phase=key[6:])
        )
        stages.append({"key": key, "count": funnel.get(key), "evidence": given.get(key, built)})
    return stages


def _with(row: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {**row, **extra}


def dashboard_view(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report's sections with the links the dashboard adds to figures without evidence.

    Added links select exactly what the figure counts: a clause's or department's own page,
    the subjects who received a clause's benefit, the cases stopped at a department and the
    cases paid each phase of a staged clause.
    """
    d1 = _mapping(report.get("d1_function_alienation"))
    d2 = _mapping(report.get("d2_obstruction"))
    funnels = _rows(d1.get("funnels")) or _rows([d1.get("funnel")])
    network = _mapping(d2.get("network"))
    edges = _rows(network.get("edges"))
    clauses = [
        _with(
            row,
            clause_evidence=evidence("clause", clause_id=str(row.get("clause_id"))),
            received_evidence=evidence(
                "cases", clause_id=str(row.get("clause_id")), received="yes"
            ),
        )
        for row in _rows(d2.get("clauses"))
    ]
    departments = [
        _with(
            row,
            department_evidence=evidence("department", department_id=str(row.get("department_id"))),
        )
        for row in _rows(d2.get("departments"))
    ]
    nodes = [
        _with(
            node,
            department_evidence=evidence(
                "department", department_id=str(node.get("department_id"))
            ),
            stopped_evidence=evidence(
                "cases", stopped_department_id=str(node.get("department_id"))
            ),
            out=[e for e in edges if e.get("source") == node.get("department_id")],
        )
        for node in _rows(network.get("nodes"))
    ]
    return {
        "d1": _with(d1, funnels=[_with(f, stages=funnel_stages(f)) for f in funnels]),
        "d2": _with(
            d2, clauses=clauses, departments=departments, network=_with(network, nodes=nodes)
        ),
        "d3": report.get("d3_dialogue") or {},
        "goggin": report.get("goggin") or {},
        "factors": report.get("factors") or {},
    }


def inquiry_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """D3's dialogue-desk rates per department, each with the inquiries it counts."""
    rates = _section(report, "d3_dialogue", "inquiries")
    if not isinstance(rates, Mapping):
        return []
    rows = []
    for group in _rows(rates.get("groups")):
        if group.get("period") is not None:
            continue
        keys = group.get("group")
        department_id = keys.get("department_id") if isinstance(keys, Mapping) else None
        rows.append(
            {
                "department_id": department_id,
                "submitted": group.get("submitted"),
                "rates": group,
                # Inquiries not routed yet have no department to filter on.
                "evidence": None
                if department_id is None
                else evidence("inquiries", department_id=str(department_id)),
            }
        )
    return rows
