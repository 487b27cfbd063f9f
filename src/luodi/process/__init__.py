"""Process mining on event logs: XES/CSV import and export, metrics, variants, conformance."""

from luodi.process.errors import EventLogError, EventLogReadError, RouteError
from luodi.process.log import ColumnMap, EventLog
from luodi.process.metrics import ProcessMetrics, SkippedEventsWarning, process_metrics
from luodi.process.variants import Variants, variants_of
from luodi.process.xes import read_csv, read_log, read_xes, write_csv, write_xes

__all__ = [
    "ColumnMap",
    "EventLog",
    "EventLogError",
    "EventLogReadError",
    "ProcessMetrics",
    "RouteError",
    "SkippedEventsWarning",
    "Variants",
    "process_metrics",
    "read_csv",
    "read_log",
    "read_xes",
    "variants_of",
    "write_csv",
    "write_xes",
]
