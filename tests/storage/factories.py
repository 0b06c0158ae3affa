"""Databases for the storage tests: a scored campaign, a damaged copy of it, a tmpfs "disk"."""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, get_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.scoring import record_score
from interview_panel.services.store import open_store

MEMBERS = ("Ann", "Bob", "Cy")


def scored_campaign(path: Path, candidates: int = 30) -> tuple[int, list[str]]:
    """A campaign with ``candidates`` candidates, three members and every score given (closed after)."""
    store = open_store(path)
    try:
        with store.batch():
            cid = create_campaign(store, profile=synthetic_profile(behaviours=3, criteria=4), name="Stored")
            items = [i.id for i in get_campaign(store, cid).items]
            for n in range(candidates):
                add_candidate(store, cid, Candidate(f"C{n:03d}", f"Candidate {n}"))
            for m in MEMBERS:
                add_member(store, cid, m, chair=m == "Ann")
            for n in range(candidates):
                for m in MEMBERS:
                    for item in items:
                        record_score(store, cid, candidate=f"C{n:03d}", member=m, item=item, score=3, note="noted " * 3)
    finally:
        store.close()  # the last connection: the -wal is checkpointed into the file and removed
    return cid, items


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def damage_scores_page(path: Path) -> None:
    """Change one byte: the cell count of the scores b-tree's root page, lowered by 3.

    SQLite then reads the table without any error but silently misses every row under the dropped
    cells (the red-team case: results short of scores); ``PRAGMA quick_check`` reports the damage.
    """
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'scores'").fetchone()[0]
        before = conn.execute("SELECT count(*) FROM scores").fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    off = (root - 1) * page_size
    assert data[off] in (2, 5), "the scores table must span several pages (an interior root page)"
    cells = struct.unpack(">H", data[off + 3 : off + 5])[0]
    data[off + 3 : off + 5] = struct.pack(">H", cells - 3)
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    try:
        after = conn.execute("SELECT count(*) FROM scores").fetchone()[0]
        assert 0 < after < before  # rows silently missing: nothing else would notice
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    finally:
        conn.close()


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small RAM disk at ``folder`` (needs root, as on the test machines)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_readonly(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
