"""Governance scorecards: rating rounds, ratings and the scorecard pages."""
