"""`luodi manage compilemessages_po`: compile the platform's .po files without gettext."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from luodi.platform.i18n import messages_compile


class Command(BaseCommand):
    help = "Compile every .po file under the platform's locale directories to .mo (polib)."
    requires_system_checks = ()

    def handle(self, *args: Any, **options: Any) -> None:
        written = messages_compile()
        for path in written:
            self.stdout.write(f"compiled {path}")
        self.stdout.write(self.style.SUCCESS(f"{len(written)} catalogue(s) compiled"))
