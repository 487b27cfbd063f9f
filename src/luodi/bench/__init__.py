"""Benchmarks: Luodi and a straightforward peer timed side by side, each in a fresh process."""

from luodi.bench.coverage import coverage_benchmark
from luodi.bench.explain import explain_benchmark
from luodi.bench.runner import BenchResult, measure

__all__ = ["BenchResult", "coverage_benchmark", "explain_benchmark", "measure"]
