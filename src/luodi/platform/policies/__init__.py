"""Policy library: policies, their clauses, the departments' routes and staged phases."""
