"""The deviation diagnosis in the platform: the dashboard and the lists behind its figures."""
