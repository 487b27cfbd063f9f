"""`luodi serve`: the platform behind gunicorn, static files collected and served by WhiteNoise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

__all__ = ["command"]


def _static_stale(static_root: Path, sources: list[Path]) -> bool:
    """True when collectstatic has not run or a source file changed since it last did."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return True
    collected_at = manifest.stat().st_mtime
    return any(
        path.stat().st_mtime > collected_at
        for source in sources
        for path in source.rglob("*")
        if path.is_file()
    )


def _static_collect() -> None:
    from django.conf import settings
    from django.core.management import call_command

    if _static_stale(Path(settings.STATIC_ROOT), [Path(p) for p in settings.STATICFILES_DIRS]):
        call_command("collectstatic", interactive=False, verbosity=0)


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to bind.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
def command(host: str, port: int, workers: int) -> None:
    """Serve the platform with gunicorn (not Django's development server)."""
    from gunicorn.app.base import BaseApplication

    from luodi.platform.bootstrap import setup

    setup()
    _static_collect()
    from luodi.platform.wsgi import application

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"{host}:{port}",
                "workers": workers,
                # Error log only: gunicorn's access log would record query strings.
                "accesslog": None,
                "errorlog": "-",
                "timeout": 60,
                # gunicorn ≥ 24 opens a control socket in the home directory; not needed here.
                "control_socket_disable": True,
            }
            for key, value in options.items():
                if key in self.cfg.settings:  # older gunicorn lacks some settings
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    click.echo(f"落地平台：http://{host}:{port}/  (Ctrl-C 停止 / to stop)")
    _Server().run()
