"""The diagnosis as one self-contained HTML page, and its sections as reusable fragments.

The page has no external reference: styles are inline, charts are inline SVG, and figures link
nowhere unless the caller passes ``link_for`` — the platform's dashboard passes one that maps a
figure's evidence (``{"kind", "filters"}``) to its drill-down list; the CLI passes none, and
the figure keeps its evidence in a ``data-evidence`` attribute.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import jinja2
from markupsafe import Markup

from luodi.diagnosis.report import charts, format
from luodi.diagnosis.values import REMEDIES

__all__ = [
    "SECTION_KEYS",
    "LinkFor",
    "department_names",
    "pointer_evidence",
    "render_section",
    "report_css",
    "report_html",
]

# Maps a figure's evidence to the URL of the records behind it, or None for no link.
LinkFor: TypeAlias = Callable[[Mapping[str, Any]], str | None]

# Keys of the diagnosis JSON that have a section template, in the report's order.
SECTION_KEYS: tuple[str, ...] = (
    "d1_function_alienation",
    "d2_obstruction",
    "d3_dialogue",
    "goggin",
    "factors",
    "recommendations",
    "meta",
)


def _no_link(_evidence: Mapping[str, Any]) -> str | None:
    return None


def _defined(fn: Callable[..., str]) -> Callable[..., str]:
    """A filter that sees a missing key (``Undefined``) as a null."""

    @functools.wraps(fn)
    def wrapper(value: object, *args: object) -> str:
        return fn(None if isinstance(value, jinja2.Undefined) else value, *args)

    return wrapper


@functools.lru_cache(maxsize=64)
def _cached_chart(name: str, payload: str) -> str:
    args, kwargs = json.loads(payload)
    chart: Callable[..., str] = getattr(charts, name)
    return chart(*args, **kwargs)


def _chart(name: str) -> Callable[..., Markup]:
    """A chart for templates: our own SVG, inserted unescaped, drawn once per distinct input.

    Text layout in a CJK font makes a chart cost a tenth of a second or more, and a dashboard
    renders the same diagnosis again and again.
    """

    def draw(*args: Any, **kwargs: Any) -> Markup:
        plain = [{} if isinstance(a, jinja2.Undefined) else a for a in args]
        payload = json.dumps([plain, kwargs], sort_keys=True, ensure_ascii=False, default=str)
        return Markup(_cached_chart(name, payload))  # noqa: S704 — generated SVG, ids prefixed

    return draw


def pointer_evidence(diagnosis: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    """The evidence of the innermost object on the JSON pointer ``path`` that has one.

    >>> doc = {"d2": {"clauses": [{"landing_rate": 0.3, "evidence": {"kind": "clause"}}]}}
    >>> pointer_evidence(doc, "/d2/clauses/0/landing_rate")
    {'kind': 'clause'}
    >>> pointer_evidence(doc, "/d2/missing") is None
    True
    """
    found: Mapping[str, Any] | None = None
    node: Any = diagnosis
    for raw in str(path).strip("/").split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            evidence = node.get("evidence")
            if isinstance(evidence, Mapping) and "kind" in evidence:
                found = evidence
            node = node.get(token)
        elif isinstance(node, Sequence) and not isinstance(node, str) and token.isdigit():
            index = int(token)
            node = node[index] if index < len(node) else None
        else:
            node = None
        if node is None:
            return found
    if isinstance(node, Mapping):
        evidence = node.get("evidence")
        if isinstance(evidence, Mapping) and "kind" in evidence:
            return evidence
    return found


def department_names(diagnosis: Mapping[str, Any]) -> dict[str, str]:
    """Department id → name, from the departments and network the obstruction section lists."""
    d2 = diagnosis.get("d2_obstruction") or {}
    names: dict[str, str] = {}
    for row in [*(d2.get("network") or {}).get("nodes", []), *d2.get("departments", [])]:
        if isinstance(row, Mapping) and row.get("department_id") and row.get("name"):
            names[str(row["department_id"])] = str(row["name"])
    return names


def _grouped(recommendations: object) -> list[dict[str, Any]]:
    """Recommendations under their remedy, in the study's order of remedies."""
    listed = recommendations if isinstance(recommendations, list | tuple) else []
    items = [r for r in listed if isinstance(r, Mapping)]
    groups = []
    for code, (zh, en) in REMEDIES.items():
        mine = [r for r in items if r.get("remedy") == code]
        groups.append({"remedy": code, "zh": zh, "en": en, "recommendations": mine})
    others = [r for r in items if r.get("remedy") not in REMEDIES]
    if others:
        groups.append({"remedy": "other", "zh": "其他", "en": "other", "recommendations": others})
    return groups


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("luodi.diagnosis.report", "templates"),
        autoescape=True,
        # A section the run did not produce (no rules, no survey) prints dashes, not an error.
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name in ("pct", "num", "count", "money", "days", "label", "label_en", "auto"):
        env.filters[name] = _defined(getattr(format, name))
    env.filters["evidence"] = lambda e: format.evidence_json(e if isinstance(e, Mapping) else None)
    env.globals.update(
        {
            "charts": {name: _chart(name) for name in charts.__all__},
            "pointer_evidence": pointer_evidence,
            "department_names": department_names,
            "grouped_recommendations": _grouped,
            "DASH": format.DASH,
        }
    )
    return env


def _context(diagnosis: Mapping[str, Any], link_for: LinkFor | None) -> dict[str, Any]:
    def safe_link(evidence: Mapping[str, Any]) -> str | None:
        url = (link_for or _no_link)(evidence)
        return url if isinstance(url, str) and url else None

    return {
        "d": diagnosis,
        "link_for": safe_link,
        "names": department_names(diagnosis),
    }


def render_section(
    key: str, diagnosis: Mapping[str, Any], *, link_for: LinkFor | None = None
) -> str:
    """One section (a key of ``SECTION_KEYS``) as an HTML fragment, for a dashboard page."""
    if key not in SECTION_KEYS:
        raise KeyError(f"no report section {key!r}; the sections are {', '.join(SECTION_KEYS)}")
    template = _environment().get_template(f"sections/{key}.html.j2")
    return template.render(_context(diagnosis, link_for))


def report_css() -> str:
    """The report's stylesheet (screen, phone and print), for a page that embeds sections."""
    return _environment().get_template("report.css").render()


def report_html(diagnosis: Mapping[str, Any], *, link_for: LinkFor | None = None) -> str:
    """The whole report — phenomena, factors, recommendations, appendix — as one HTML page."""
    return _environment().get_template("report.html.j2").render(_context(diagnosis, link_for))
