"""Who and where: regions, departments, employers, talents (persons) and government staff."""
