"""Cases of the multi-department workflow, their append-only event log and disbursements."""
