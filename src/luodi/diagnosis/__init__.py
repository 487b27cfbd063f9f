"""The deviation diagnosis: the study's D1–D3, Goggin's questions, factors P1–P4 and remedies."""

from luodi.diagnosis.context import DiagnosisContext, Period
from luodi.diagnosis.diagnose import SECTIONS, Diagnosis, Progress, diagnose, period_of
from luodi.diagnosis.values import REMEDIES, Evidence, Finding, Ratio, ratio

__all__ = [
    "REMEDIES",
    "SECTIONS",
    "Diagnosis",
    "DiagnosisContext",
    "Evidence",
    "Finding",
    "Period",
    "Progress",
    "Ratio",
    "diagnose",
    "period_of",
    "ratio",
]
