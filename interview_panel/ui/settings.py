"""User settings kept between runs (QSettings): last and recent databases, window state, viewer choice,
the folder each campaign's packs and exports were last saved to.

The default database lives in the user's data directory (QStandardPaths.AppDataLocation); its folder is
created on first use. Tests pass their own QSettings (an .ini file in a temp folder) so nothing leaks.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8
DEFAULT_DB_NAME = "interview-panel.sqlite"
NO_VIEWER_ENV = "INTERVIEW_PANEL_NO_VIEWER"


def documents_location() -> str:
    """The platform's Documents folder, as Qt names it (it may not exist on a fresh machine)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def documents_folder() -> Path:
    """Where files are saved by default: Documents when that folder exists, else the home folder."""
    docs = documents_location()
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


class Settings:
    """Typed access to the few things the app remembers."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()

    def _text(self, key: str) -> str:
        """The string stored under ``key`` ("" when none, or when something else is stored there)."""
        value = self.q.value(key, "", str)
        return value if isinstance(value, str) else ""

    # -- databases ---------------------------------------------------------------------------
    @staticmethod
    def default_db_path() -> Path:
        """The default database in the user's data directory (folder created if missing)."""
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(base or Path.home() / ".interview-panel")
        if not folder.exists():  # private (0700 on POSIX); an existing folder keeps the mode it has
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)
        return folder / DEFAULT_DB_NAME

    def last_db(self) -> Path:
        """The database opened last time (when it still exists), else the default one."""
        last = self._text("db/last")
        if last and Path(last).exists():
            return Path(last)
        return self.default_db_path()

    def recent_dbs(self) -> list[Path]:
        raw = self.q.value("db/recent", [], list) or []
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in raw if isinstance(p, str) and p] if isinstance(raw, list) else []

    def remember_db(self, path: str | Path, *, temporary: bool = False) -> None:
        """Put ``path`` at the top of the recent list and make it the one opened next time.

        A temporary (demo) database is never remembered.
        """
        if temporary:
            return
        p = str(Path(path).resolve())
        recent = [str(r) for r in self.recent_dbs() if str(r) != p]
        self.q.setValue("db/recent", [p] + recent[: MAX_RECENT - 1])
        self.q.setValue("db/last", p)

    def forget_db(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.q.setValue("db/recent", [str(r) for r in self.recent_dbs() if str(r) != p])

    # -- window ------------------------------------------------------------------------------
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geo = self.q.value("window/geometry")
        state = self.q.value("window/state")
        return (geo if isinstance(geo, QByteArray) else None, state if isinstance(state, QByteArray) else None)

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.sync()  # on disk now: a kill must not lose it

    # -- where the user was (per database) ---------------------------------------------------------
    SESSION_KEYS = ("campaign", "page", "member", "candidate")

    @staticmethod
    def _db_key(db_path: str | Path) -> str:
        return hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]

    def session(self, db_path: str | Path) -> dict[str, str]:
        """Campaign id, page key, member and candidate last shown on this database (only those known)."""
        key = self._db_key(db_path)
        out = {}
        for name in self.SESSION_KEYS:
            value = self._text(f"session/{key}/{name}")
            if value:
                out[name] = value
        return out

    def save_session(self, db_path: str | Path, **values: str | int | None) -> None:
        """Remember where the user is, on disk at once (a killed app reopens there too)."""
        key = self._db_key(db_path)
        for name, value in values.items():
            assert name in self.SESSION_KEYS, name
            self.q.setValue(f"session/{key}/{name}", "" if value is None else str(value))
        self.q.sync()

    # -- output folders ----------------------------------------------------------------------
    @staticmethod
    def _folder_key(db_path: str | Path, campaign_id: int) -> str:
        digest = hashlib.sha1(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
        return f"output/{digest}-{campaign_id}"

    def output_folder(self, db_path: str | Path, campaign_id: int | None) -> Path:
        """The folder packs and exports of this campaign were last saved to, when it still exists;
        else :func:`documents_folder`. Always an existing folder."""
        if campaign_id is not None:
            last = self._text(self._folder_key(db_path, campaign_id))
            if last and Path(last).is_dir():
                return Path(last)
        return documents_folder()

    def remember_output_folder(self, db_path: str | Path, campaign_id: int | None, file: str | Path) -> None:
        """Remember the folder of ``file`` (just saved) for this campaign's next pack or export."""
        if campaign_id is not None:
            self.q.setValue(self._folder_key(db_path, campaign_id), str(Path(file).expanduser().resolve().parent))

    # -- viewer ------------------------------------------------------------------------------
    def open_viewer(self) -> bool:
        """Open generated PDFs with the system viewer (off when INTERVIEW_PANEL_NO_VIEWER is set)."""
        if os.environ.get(NO_VIEWER_ENV):
            return False
        return self.open_viewer_setting()

    def open_viewer_setting(self) -> bool:
        """The user's choice alone (the checkbox on the packs page)."""
        return bool(self.q.value("packs/open_viewer", True, bool))

    def set_open_viewer(self, on: bool) -> None:
        self.q.setValue("packs/open_viewer", on)

    def sync(self) -> None:
        self.q.sync()
