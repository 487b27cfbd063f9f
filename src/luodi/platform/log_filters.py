"""Logging filters that keep personal data (request bodies, form values) out of every log."""

from __future__ import annotations

import logging

__all__ = ["DropRequestFilter"]


class DropRequestFilter(logging.Filter):
    """Remove the request object Django attaches to records.

    Django's handlers can render the request (POST data, cookies) into a report; without it,
    records keep only the message: status code and path.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            del record.request
        return True
