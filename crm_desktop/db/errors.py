"""Why a database file could not be opened or written, in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base of every storage problem the user should be told about (not a bug of ours)."""

    def __init__(self, path: Path | str, message: str):
        self.path = Path(path)
        super().__init__(message)


class NotADatabaseError(StorageError):
    def __init__(self, path: Path | str, detail: str = ""):
        super().__init__(
            path,
            f"{path} is not a crm-desktop database{': ' + detail if detail else ''}. "
            "The file was left as it is.",
        )


class DamagedDatabaseError(StorageError):
    def __init__(self, path: Path | str, detail: str):
        super().__init__(
            path,
            f"The database {path} is damaged ({detail}). It was left untouched; "
            "restore it from a backup copy.",
        )


class NewerSchemaError(StorageError):
    def __init__(self, path: Path | str, found: int, supported: int):
        self.found, self.supported = found, supported
        super().__init__(
            path,
            f"The database {path} was written by a newer version of crm-desktop (data format {found}; "
            f"this version understands up to {supported}). Update crm-desktop to open it; "
            "the file was left untouched.",
        )


class DatabaseLockedError(StorageError):
    def __init__(self, path: Path | str):
        super().__init__(
            path,
            f"The database {path} is already open in another running copy of crm-desktop. "
            "Close that copy first, or open a different file.",
        )


class MigrationError(StorageError):
    def __init__(self, path: Path | str, backup: Path, detail: str):
        self.backup = backup
        super().__init__(
            path,
            f"Upgrading the database {path} failed ({detail}). The copy taken before the upgrade is "
            f"{backup}.",
        )


class ReadOnlyDatabaseError(StorageError):
    def __init__(self, path: Path | str):
        super().__init__(
            path,
            f"The database {path} cannot be written: the file or its folder is read-only. "
            "Fix the permissions, or copy the file to a folder you can write to.",
        )


class WriteFailedError(StorageError):
    def __init__(self, path: Path | str, detail: str):
        super().__init__(
            path,
            f"Saving to {path} failed ({detail}). Nothing of this change was written; "
            "check the free disk space and try again.",
        )


def storage_error(path: Path | str, exc: Exception) -> StorageError:
    """The user-facing error for an sqlite3 error that is the environment's fault, not ours."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(path)
    if "malformed" in text or "not a database" in text:
        return DamagedDatabaseError(path, str(exc))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(path)
    return WriteFailedError(path, str(exc))


class NotFoundError(LookupError):
    """A record id that does not exist (any more)."""


class ChangedElsewhereError(LookupError):
    """A save from a stale copy: the record was changed (done, snoozed, edited) since it was read."""
