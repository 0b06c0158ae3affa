"""Cold start to a usable window: the app on an existing database vs a bare PySide6 QMainWindow.

    .venv/bin/python bench/startup.py [--runs 7] [--platform offscreen] [--python PATH] [--frozen [EXE]]

Each run is a fresh subprocess. The app run is ``interview-panel --db DB`` with
INTERVIEW_PANEL_EXIT_WHEN_READY=1: once the window shows the campaign list (database opened, list loaded
on the database thread, window shown) it prints ``ready <epoch seconds>`` and quits. The floor is a
subprocess that imports PySide6, shows an empty QMainWindow and prints the same line on the first
event-loop turn. The figure compared is launch -> ready (what a user waits for); launch -> exit is printed
too. Runs alternate so both see the same machine load; medians are compared. Goal: ratio <= 1.5.

Before timing, the ``interview_panel`` package is byte-compiled once (``compileall``). An installed wheel
ships its ``.pyc`` files, but a source checkout run with PYTHONDONTWRITEBYTECODE=1 (as in CI and some
containers) would otherwise recompile every project module on every start, which a user never pays.
PySide6 itself is precompiled either way, so this only makes the comparison fair, not flattering.

``--python PATH`` times another installation instead, for instance a virtual environment where the wheel
was installed with pip (both sides then run that interpreter, from a scratch directory so that the source
checkout is not imported instead). The development install (``pip install -e``) loads an import hook from a
``.pth`` file at every interpreter start, which both sides pay; a wheel install has none.

``--frozen [EXE]`` times the one-folder app built by ``make dist`` (default dist/interview-panel/interview-panel)
against the same bare PySide6 window run by this interpreter: what a user of the installed app waits for.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1200, 800)
w.show()

def ready():
    import time
    print(f"ready {time.time():.6f}", flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""
APP = "import sys; from interview_panel.cli import main; sys.exit(main(['--db', sys.argv[1]]))"
# The GUI's own cost: run_app called directly, without the command-line entry point (its argument parser;
# no subcommand module is imported on the app's path, tests/cli/test_app_args.py checks that).
UI = "import sys; from interview_panel.ui.app import run_app; sys.exit(run_app(sys.argv[1], False))"


def make_db(folder: Path) -> Path:
    from interview_panel.services.demo import create_demo_campaign
    from interview_panel.services.store import open_store

    db = folder / "bench.sqlite"
    store = open_store(db)
    try:
        create_demo_campaign(store)
    finally:
        store.close()
    return db


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(seconds from launch until the process reports its window ready, seconds until it has exited)."""
    launched = time.time()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
    ready = [float(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("ready ")]
    if not ready:
        raise SystemExit(f"no 'ready' line from {cmd[:3]}: {proc.stdout[-200:]!r}")
    return ready[0] - launched, elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    ap.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter of the installation to time (default: this one, on the source checkout)",
    )
    ap.add_argument(
        "--frozen",
        nargs="?",
        const=str(ROOT / "dist" / "interview-panel" / "interview-panel"),
        default=None,
        help="time the built app (make dist) instead of the source install",
    )
    args = ap.parse_args()
    if args.frozen and not Path(args.frozen).is_file():
        raise SystemExit(f"{args.frozen}: no built app here; run make dist first")
    if args.python == sys.executable and not compileall.compile_dir(str(ROOT / "interview_panel"), quiet=1):
        raise SystemExit("compileall failed for interview_panel")
    with tempfile.TemporaryDirectory(prefix="ip-bench-") as tmp:
        folder = Path(tmp)
        db = make_db(folder)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=args.platform,
            INTERVIEW_PANEL_EXIT_WHEN_READY="1",
            XDG_DATA_HOME=str(folder / "data"),
            XDG_CONFIG_HOME=str(folder / "config"),
        )
        cwd = ROOT if args.python == sys.executable else folder  # another install: not the checkout
        bare_cmd = [args.python, "-c", BARE]
        app_cmd = [args.python, "-c", APP, str(db)]
        if args.frozen:
            app_cmd, cwd = [str(Path(args.frozen).resolve()), "--db", str(db)], folder
        timed(bare_cmd, env, cwd), timed(app_cmd, env, cwd)  # warm the OS file cache once for both
        ui_cmd = [args.python, "-c", UI, str(db)]
        runs: dict[str, list[tuple[float, float]]] = (
            {"bare": [], "app": []} if args.frozen else {"bare": [], "app": [], "ui": []}
        )
        for _ in range(args.runs):
            runs["bare"].append(timed(bare_cmd, env, cwd))
            runs["app"].append(timed(app_cmd, env, cwd))
            if "ui" in runs:
                runs["ui"].append(timed(ui_cmd, env, cwd))
    what = f"frozen app {args.frozen}" if args.frozen else f"python {args.python}"
    print(
        f"runs: {args.runs} each, platform {args.platform}, {what}; medians of launch -> "
        f"window ready (and launch -> process exited)"
    )
    med = {k: (statistics.median(r for r, _ in v), statistics.median(e for _, e in v)) for k, v in runs.items()}
    labels = {
        "bare": "bare PySide6 QMainWindow ",
        "app": "interview-panel --db DB  ",
        "ui": "ui.app.run_app(DB) direct",
    }
    if args.frozen:
        labels["app"] = "built app (dist) --db DB "
    for key, label in labels.items():
        if key not in med:
            continue
        ready, exited = med[key]
        print(
            f"{label}: ready {ready * 1000:6.0f} ms   exited {exited * 1000:6.0f} ms   "
            f"ratio {ready / med['bare'][0]:.2f}x"
        )
    ratio = med["app"][0] / med["bare"][0]
    print(
        f"ratio {'built' if args.frozen else 'CLI'} app / bare (to ready): {ratio:.2f}x  (goal <= 1.50x: {'met' if ratio <= 1.5 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
