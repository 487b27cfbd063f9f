"""Surveys: questionnaires as data (YAML, XLSForm) and the study's Table 1 on any engine."""

from luodi.survey.importer import ImportResult, responses_import
from luodi.survey.instrument import (
    TEMPLATE_PATH,
    Condition,
    Instrument,
    InstrumentError,
    InstrumentProblem,
    Item,
    ItemKind,
    Option,
    Section,
    instrument_from_xlsform,
    instrument_problems,
    instrument_tables,
    load_instrument,
    study_template,
    visible_items,
)
from luodi.survey.notes import THEMES, notes_import
from luodi.survey.report import SurveyReport, survey_report
from luodi.survey.table1 import Inconsistency, Table1, Table1Row, table1

__all__ = [
    "TEMPLATE_PATH",
    "THEMES",
    "Condition",
    "ImportResult",
    "Inconsistency",
    "Instrument",
    "InstrumentError",
    "InstrumentProblem",
    "Item",
    "ItemKind",
    "Option",
    "Section",
    "SurveyReport",
    "Table1",
    "Table1Row",
    "instrument_from_xlsform",
    "instrument_problems",
    "instrument_tables",
    "load_instrument",
    "notes_import",
    "responses_import",
    "study_template",
    "survey_report",
    "table1",
    "visible_items",
]
