"""Survey statistics: the study's Table 1 (respondents' profile) computed on any engine."""

from luodi.survey.table1 import Inconsistency, Table1, Table1Row, table1

__all__ = ["Inconsistency", "Table1", "Table1Row", "table1"]
