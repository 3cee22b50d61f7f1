"""One family of errors whose message can be shown to a user as it is.

Pages and command lines catch :class:`CoopBankError` and print ``message``;
technical details go to the log (pygeoapi ``error.py``, OSMnx ``_errors.py``).
"""

from __future__ import annotations


class CoopBankError(Exception):
    """Base error: ``message`` is written for the person using the product."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataMissing(CoopBankError):
    """A source file or a database table the step needs is not there."""


class DataIntegrityError(CoopBankError):
    """A source file exists but its content is not what the manifest promises."""


class InvalidInput(CoopBankError):
    """A value given by a user or a file is out of its allowed range or form."""


class DatabaseUnavailable(CoopBankError):
    """The database cannot be reached, or lacks an extension the product needs."""


class MigrationError(CoopBankError):
    """The schema history in the database disagrees with the migration files."""


class PermissionDenied(CoopBankError):
    """The acting user's role or territory does not allow this read or write."""
