"""Synthetic contract datasets at scale: the demo district's shapes for millions of rows."""

from luodi.synth.generate import DEFAULT_SEED, Progress, synthesize, write_synth

__all__ = ["DEFAULT_SEED", "Progress", "synthesize", "write_synth"]
