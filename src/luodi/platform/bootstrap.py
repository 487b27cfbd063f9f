"""Start Django from plain Python (the CLI), so nothing outside the platform imports settings."""

from __future__ import annotations

import os

__all__ = ["SETTINGS_MODULE", "setup"]

SETTINGS_MODULE = "luodi.platform.settings"


def setup() -> None:
    """Point Django at the platform settings (unless overridden) and initialise the apps."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
