"""Accounts and roles: who logs in, in which role, bound to which person, employer or department."""
