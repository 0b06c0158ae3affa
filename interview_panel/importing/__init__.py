"""importing layer: role-profile readers (.txt in Word/LibreOffice layouts, .docx) -> RoleProfile."""
from __future__ import annotations

from .reader import import_profile, parse_text, profile_from_bytes

__all__ = ["import_profile", "parse_text", "profile_from_bytes"]
