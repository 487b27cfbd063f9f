"""The platform database as a contract dataset: which model holds which table, load, export."""
