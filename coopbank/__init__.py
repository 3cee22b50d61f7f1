"""Core of the Bank of Cooperative Projects: settings, errors and the database layer."""
