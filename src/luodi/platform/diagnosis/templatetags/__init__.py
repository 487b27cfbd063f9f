"""Template tags of the diagnosis dashboard."""
