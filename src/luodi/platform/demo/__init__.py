"""The demo district in the platform: load a generated dataset and one account per role."""
