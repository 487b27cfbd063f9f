"""Read uploaded attachments for the submit service, refusing an oversized file before reading.

Also the client key the anonymous rate limit counts by.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from luodi.platform.dialogue import errors as e
from luodi.platform.dialogue.services import ATTACHMENT_MAX_BYTES, AttachmentUpload

__all__ = ["attachments_read", "client_key"]


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def attachments_read(files: Iterable[UploadedFile[Any]]) -> tuple[AttachmentUpload, ...]:
    """The uploads as the service takes them; a file over the limit is refused by its
    announced size, so a huge upload is never read into memory (the service checks the
    bytes again, and their type by content)."""
    uploads = []
    for upload in files:
        name = upload.name or "—"
        size = upload.size or 0
        if size > ATTACHMENT_MAX_BYTES:
            raise e.AttachmentRejected(
                e.ATTACHMENT_TOO_BIG,
                name=name[:200],
                size=_size_text(size),
                limit=_size_text(ATTACHMENT_MAX_BYTES),
            )
        # One byte past the limit is enough for the service to refuse a lying size.
        uploads.append(AttachmentUpload(name=name, content=upload.read(ATTACHMENT_MAX_BYTES + 1)))
    return tuple(uploads)


def client_key(request: HttpRequest) -> str:
    """The address the anonymous submission limit counts by.

    REMOTE_ADDR only: a forwarded-for header is the client's to write, so trusting it would
    let anyone lift their own limit. Behind a reverse proxy, set REMOTE_ADDR there.
    """
    return str(request.META.get("REMOTE_ADDR") or "unknown")
