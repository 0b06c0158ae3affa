"""importing layer: role-profile readers (.txt in Word/LibreOffice layouts, .docx, .pdf) -> RoleProfile."""

from __future__ import annotations

from .reader import document_text, import_profile, parse_text, profile_from_bytes

__all__ = ["document_text", "import_profile", "parse_text", "profile_from_bytes"]
