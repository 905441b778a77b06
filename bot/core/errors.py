"""Errors that services raise for a member to read.

A ``UserFacingError`` carries a message-catalog key and its parameters; the front
end renders it in the member's language as a short ephemeral reply. Anything
else that escapes a command is a bug: logged with its traceback, answered with a
generic message.
"""

from __future__ import annotations

from typing import Any


class UserFacingError(Exception):
    """An expected failure with a translatable explanation."""

    def __init__(self, message_key: str, /, **params: Any) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params


class NotModerator(UserFacingError):
    """The caller tried a moderator-only action."""

    def __init__(self) -> None:
        super().__init__("error.not_moderator")


class StorageUnavailable(UserFacingError):
    """The database refused a write (disk full, read-only file, locked too long)."""

    def __init__(self, message_key: str = "error.storage_unavailable") -> None:
        super().__init__(message_key)


class DatabaseUnreachable(StorageUnavailable):
    """The database server could not be reached (its connection was lost and a new
    one refused). ``commit_unknown``: the connection was lost while a write's
    COMMIT was on its way, so whether it was stored cannot be known."""

    def __init__(self, *, commit_unknown: bool) -> None:
        super().__init__("error.database_unreachable_write" if commit_unknown
                         else "error.database_unreachable")
