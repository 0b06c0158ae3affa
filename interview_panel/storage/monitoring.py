"""SQL for equality monitoring: HR's categories per candidate and the appointment decision, kept in their own
tables (never joined into anything the panel's screens or packs read)."""

from __future__ import annotations

from collections.abc import Iterable

from .repository import Repository


def replace_monitoring(repo: Repository, cid: int, rows: Iterable[tuple[int, str, str]]) -> int:
    """Replace the campaign's monitoring data with (candidate_id, category, group) rows; returns how many."""
    repo.conn.execute("DELETE FROM monitoring WHERE campaign_id = ?", (cid,))
    data = [(cid, cand, cat, grp) for cand, cat, grp in rows]
    repo.conn.executemany("INSERT INTO monitoring (campaign_id, candidate_id, category, grp) VALUES (?, ?, ?, ?)", data)
    return len(data)


def replace_appointments(repo: Repository, cid: int, rows: Iterable[tuple[int, bool]]) -> None:
    repo.conn.execute("DELETE FROM appointments WHERE campaign_id = ?", (cid,))
    repo.conn.executemany(
        "INSERT INTO appointments (campaign_id, candidate_id, appointed) VALUES (?, ?, ?)",
        [(cid, cand, int(bool(a))) for cand, a in rows],
    )


def clear(repo: Repository, cid: int) -> None:
    repo.conn.execute("DELETE FROM monitoring WHERE campaign_id = ?", (cid,))
    repo.conn.execute("DELETE FROM appointments WHERE campaign_id = ?", (cid,))


def monitoring(repo: Repository, cid: int) -> dict[str, dict[str, str]]:
    """candidate reference -> {category: group}."""
    out: dict[str, dict[str, str]] = {}
    for ref, cat, grp in repo.conn.execute(
        "SELECT c.reference, m.category, m.grp FROM monitoring m JOIN candidates c ON c.id = m.candidate_id "
        "WHERE m.campaign_id = ?",
        (cid,),
    ):
        out.setdefault(ref, {})[cat] = grp
    return out


def appointments(repo: Repository, cid: int) -> dict[str, bool]:
    return {
        ref: bool(a)
        for ref, a in repo.conn.execute(
            "SELECT c.reference, a.appointed FROM appointments a JOIN candidates c ON c.id = a.candidate_id "
            "WHERE a.campaign_id = ?",
            (cid,),
        )
    }


def counts(repo: Repository, cid: int) -> tuple[int, int]:
    """(candidates with monitoring data, categories)."""
    row = repo.conn.execute(
        "SELECT count(DISTINCT candidate_id), count(DISTINCT category) FROM monitoring WHERE campaign_id = ?", (cid,)
    ).fetchone()
    return int(row[0]), int(row[1])
