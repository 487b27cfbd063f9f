"""Demo district C: a seeded synthetic dataset calibrated to the Chen & Fu study."""

from luodi.demo.generator import DEFAULT_SEED, generate

__all__ = ["DEFAULT_SEED", "generate"]
