"""A score the app reported as saved survives kill -9; two processes scoring at once both succeed."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.services.audit import verify_audit
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.store import open_store

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = [f"C{n:03d}" for n in range(1, 31)]

# Records scores in a loop and prints "saved <key> n<N>" only after record_score has returned.
SCORER = r"""
import sys
from interview_panel.services.store import open_store
from interview_panel.services.scoring import record_score
from interview_panel.services.campaigns import get_campaign
db, cid, member, start, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
import os, time
go = os.environ.get("GO_FILE")
pace = float(os.environ.get("PACE", "0"))
while go and not os.path.exists(go):
    time.sleep(0.005)
store = open_store(db)
items = [i.id for i in get_campaign(store, cid).items]
refs = [f"C{n:03d}" for n in range(1, 31)]
n = start
while count < 0 or n < start + count:
    ref, item = refs[n % len(refs)], items[(n // len(refs)) % len(items)]
    score = n % 5 + 1
    record_score(store, cid, candidate=ref, member=member, item=item, score=score, note=f"n{n}")
    print(f"saved {ref}|{member}|{item}|{score}|n{n}", flush=True)
    n += 1
    if pace:
        time.sleep(pace)
store.close()
"""


def _campaign(path: Path, members: list[str]) -> int:
    store = open_store(path)
    try:
        with store.batch():
            cid = create_campaign(store, profile=synthetic_profile(behaviours=3, criteria=4), name="Durability")
            for ref in CANDIDATES:
                add_candidate(store, cid, Candidate(ref, f"Candidate {ref}"))
            for m in members:
                add_member(store, cid, m, chair=(m == members[0]))
        return cid
    finally:
        store.close()


def _db_scores(path: Path) -> dict[tuple[str, str, str], tuple[int, str]]:
    store = open_store(path)
    try:
        return {k[1:]: v for k, v in store.read(lambda repo: repo.all_scores()).items()}
    finally:
        store.close()


def _spawn(
    path: Path, cid: int, member: str, start: int, count: int, go: Path | None = None, pace: float = 0.0
) -> subprocess.Popen[str]:
    env = dict(os.environ, GO_FILE=str(go), PACE=str(pace)) if go else None
    return subprocess.Popen(
        [sys.executable, "-c", SCORER, str(path), str(cid), member, str(start), str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_every_score_reported_saved_survives_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    cid = _campaign(path, ["Ann"])
    rng = random.Random(1234)
    reported: dict[tuple[str, str, str], int] = {}  # key -> highest n reported saved
    total_saved = 0
    for run in range(20):
        proc = _spawn(path, cid, "Ann", run * 100_000, -1)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is really writing
        assert first.startswith("saved"), proc.stderr.read() if proc.stderr else first
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        lines = [first] + out.splitlines()
        for line in lines:
            parts = line.strip().split(" ", 1)
            if len(parts) != 2 or parts[0] != "saved" or parts[1].count("|") != 4:
                continue  # a line cut short by the kill was never fully reported
            ref, member, item, _, tag = parts[1].split("|")
            reported[(ref, member, item)] = max(reported.get((ref, member, item), -1), int(tag[1:]))
            total_saved += 1
        # After every crash: the file is sound and the audit chain still matches the data.
        store = open_store(path)
        try:
            assert store.integrity_check() == "ok"
            report = verify_audit(store)
            assert report.ok, report.message
        finally:
            store.close()
    assert total_saved > 100  # the kills really landed while it was writing
    in_db = _db_scores(path)
    for key, n in reported.items():
        assert key in in_db, f"score {key} was reported saved but is missing"
        score, note = in_db[key]
        n_db = int(note[1:])
        # The database holds what was reported, or a later write that committed just before the kill.
        assert n_db >= n, f"{key}: reported n{n} saved, database has n{n_db}"
        assert score == n_db % 5 + 1


@pytest.mark.slow
@pytest.mark.parametrize("pace", [0.001, 0.0], ids=["typing-pace", "flat-out"])
def test_two_processes_scoring_the_same_database_at_once_both_succeed(tmp_path: Path, pace: float) -> None:
    """Two laptops' worth of writers on one file. Flat out, SQLite's busy wait can let one writer finish
    first; what matters is that neither sees an error and every score is there."""
    path = tmp_path / "two.db"
    cid = _campaign(path, ["Ann", "Bob"])
    count = 600
    go = tmp_path / "go"
    procs = [_spawn(path, cid, m, 0, count, go, pace) for m in ("Ann", "Bob")]
    time.sleep(1.0)  # both have started Python; now release them together (each pacing like a typist)
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert err == ""  # nothing like "database is locked" reaches the user
        assert len(out.splitlines()) == count
    in_db = _db_scores(path)
    store = open_store(path)
    try:
        from interview_panel.services.campaigns import get_campaign

        items = [i.id for i in get_campaign(store, cid).items]
    finally:
        store.close()
    for member in ("Ann", "Bob"):
        expected = {}  # the last write of each key wins (the loop revisits keys)
        for n in range(count):
            expected[(CANDIDATES[n % 30], member, items[(n // 30) % len(items)])] = (n % 5 + 1, f"n{n}")
        mine = {k: v for k, v in in_db.items() if k[1] == member}
        assert mine == expected
    store = open_store(path)
    try:
        report = verify_audit(store)
        assert report.ok, report.message
        assert store.integrity_check() == "ok"
        actors = [r[2] for r in store.read(lambda repo: list(repo.audit_rows())) if r[3] == "score"]
        switches = sum(1 for a, b in itertools.pairwise(actors) if a != b)
        if pace:
            assert switches > 10, "the two writers never overlapped; the test proved nothing"
    finally:
        store.close()
