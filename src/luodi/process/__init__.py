"""Process mining on event logs: XES/CSV/OCEL 2.0 import and export, metrics, variants,
conformance."""

from luodi.process.errors import (
    EventLogContractError,
    EventLogError,
    EventLogReadError,
    RouteError,
)
from luodi.process.eventlog import (
    LOG_FORMATS,
    events_export,
    events_import,
    events_to_log,
    log_to_events,
)
from luodi.process.log import ColumnMap, EventLog
from luodi.process.metrics import ProcessMetrics, SkippedEventsWarning, process_metrics
from luodi.process.ocel import ocel2_document, write_ocel2
from luodi.process.variants import Variants, variants_of
from luodi.process.xes import read_csv, read_log, read_xes, write_csv, write_xes

__all__ = [
    "LOG_FORMATS",
    "ColumnMap",
    "EventLog",
    "EventLogContractError",
    "EventLogError",
    "EventLogReadError",
    "ProcessMetrics",
    "RouteError",
    "SkippedEventsWarning",
    "Variants",
    "events_export",
    "events_import",
    "events_to_log",
    "log_to_events",
    "ocel2_document",
    "process_metrics",
    "read_csv",
    "read_log",
    "read_xes",
    "variants_of",
    "write_csv",
    "write_ocel2",
    "write_xes",
]
