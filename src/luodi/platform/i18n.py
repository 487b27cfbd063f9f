"""Compile the platform's translation catalogues (.po → .mo) with polib, no gettext tools."""

from __future__ import annotations

from pathlib import Path

import polib

__all__ = ["PLATFORM_DIR", "messages_compile"]

PLATFORM_DIR = Path(__file__).resolve().parent


def messages_compile(*, root: Path = PLATFORM_DIR) -> tuple[Path, ...]:
    """Write a .mo next to every .po under a ``locale`` directory below ``root``.

    Returns the .mo files written. Compiled catalogues are build output, never committed.
    """
    written: list[Path] = []
    for po_path in sorted(root.rglob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return tuple(written)
