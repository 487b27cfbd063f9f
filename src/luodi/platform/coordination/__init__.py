"""Coordination above the departments: escalations, the conflicts register, open exceptions."""
