"""Matplotlib figures as inline SVG for an offline page: text stays text, no external references.

Chinese labels are kept as ``<text>`` (``svg.fonttype: none``) in Noto Sans CJK SC with fallbacks,
so the page stays searchable and small, and the PDF renderer typesets them with the same font
as the body. The XML prologue, RDF metadata and namespace URLs are dropped — an HTML parser
puts inline ``<svg>`` in the SVG namespace by itself — and every id gets a per-figure prefix,
since many figures share one document.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["FONT_FAMILIES", "PALETTE", "drawing", "figure_svg"]

# Debian's fonts-noto-cjk first; the others cover machines that view the SVG without it.
FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "DejaVu Sans",
)

# Okabe–Ito: distinguishable with colour-vision deficiency and in greyscale print.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "red": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
    "ink": "#222222",
}

_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "luodi-report",  # stable clip-path ids: the same data gives the same bytes
    "font.family": ["sans-serif"],
    "font.sans-serif": list(FONT_FAMILIES),
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#666666",
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.unicode_minus": False,
    "legend.frameon": False,
    "legend.fontsize": 8,
}

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_SIZE = re.compile(r'<svg\b([^>]*?)\s+width="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Without the CJK font the layout falls back silently; the report says nothing about it."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            warnings.filterwarnings("ignore", message="findfont")
            yield
    finally:
        logger.setLevel(level)


@contextlib.contextmanager
def drawing(width: float, height: float) -> Iterator[Figure]:
    """A figure in the report's style, drawn and saved inside this block.

    Not attached to pyplot: no global state, so it is safe in a web worker.
    """
    with mpl.rc_context(_RC), _quiet():
        yield Figure(figsize=(width, height), layout="constrained")


def _prefix_ids(svg: str, prefix: str) -> str:
    ids = set(_ID.findall(svg))
    if not ids:
        return svg

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)', rename, svg)
    return re.sub(r"((?:url\(|href=\")#)([^)\"]+)", rename, svg)


def figure_svg(fig: Figure, *, prefix: str, title: str) -> str:
    """``fig`` as an inline ``<svg>`` that scales to its container, labelled for screen readers.

    Call it inside ``drawing``, so the file is written with the report's settings.
    """
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _NAMESPACES.sub("", svg)
    # The viewBox keeps the aspect ratio; CSS sets the width, so phones get a full-width figure.
    svg = _SIZE.sub(r"<svg\1", svg, count=1)
    svg = _prefix_ids(svg, prefix)
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return svg.replace(
        "<svg",
        f'<svg role="img" aria-label="{safe_title.replace(chr(34), "&quot;")}" '
        f'class="chart chart-{prefix.split("-")[0]}"',
        1,
    ).strip()
