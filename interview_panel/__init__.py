"""Interview Panel: question sheets, live panel scoring, moderation and HR exports for police interviews."""

from __future__ import annotations

__version__ = "0.1.0"
