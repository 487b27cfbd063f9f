"""A questionnaire uploaded on the survey list: YAML or XLSForm, read by the core's readers.

The readers take a path, so the upload is written to a private temporary file first; the
problems they report name that file, and are given back under the name the user uploaded.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from luodi.platform.surveys import errors as e
from luodi.survey.instrument import (
    Instrument,
    InstrumentError,
    instrument_from_xlsform,
    load_instrument,
)

__all__ = ["INSTRUMENT_SUFFIXES", "MAX_INSTRUMENT_BYTES", "instrument_from_upload"]

INSTRUMENT_SUFFIXES = (".yaml", ".yml", ".xlsx")
# The study's questionnaire is 7 KB as YAML; a megabyte leaves room for any real one.
MAX_INSTRUMENT_BYTES = 1024 * 1024


def instrument_from_upload(*, name: str, content: bytes) -> Instrument:
    """The questionnaire in an uploaded file; SurveyError for a wrong kind or size,
    SurveyInstrumentInvalid listing every problem for a file that does not read."""
    suffix = Path(name).suffix.lower()
    if suffix not in INSTRUMENT_SUFFIXES:
        raise e.SurveyError(e.INSTRUMENT_FILE_KIND, name=name)
    if len(content) > MAX_INSTRUMENT_BYTES:
        raise e.SurveyError(
            e.INSTRUMENT_FILE_TOO_BIG, name=name, limit=MAX_INSTRUMENT_BYTES // 1024
        )
    with tempfile.TemporaryDirectory(prefix="luodi-instrument-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            if suffix == ".xlsx":
                return instrument_from_xlsform(path)
            return load_instrument(path)
        except InstrumentError as error:
            raise e.SurveyInstrumentInvalid(
                [str(p.model_copy(update={"file": name})) for p in error.problems]
            ) from None
