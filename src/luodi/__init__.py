"""Luodi (落地): make talent policy land."""
