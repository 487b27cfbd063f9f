"""The public dialogue desk: inquiries, appeals, complaints and suggestions."""
