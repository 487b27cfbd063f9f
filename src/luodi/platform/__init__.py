"""The operational platform (Django): accounts and roles, registry, policies, cases, dialogue."""
