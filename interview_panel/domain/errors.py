"""The project's own error types. Every message is one line a user can act on."""

from __future__ import annotations


class InterviewPanelError(Exception):
    """Base class: bad input or a refused action. The CLI maps it to exit status 2."""


class ProfileImportError(InterviewPanelError):
    """A file could not be read as a role profile (missing, unreadable, not a role profile)."""


class ValidationError(InterviewPanelError):
    """A value is outside what the campaign allows (score off the scale, unknown item, ...)."""


class RefusedError(InterviewPanelError):
    """An action the rules forbid now (change after submission, moderation too early, ...)."""


class StorageError(InterviewPanelError):
    """The database cannot be used (newer schema, corrupt file, disk full, locked too long)."""
