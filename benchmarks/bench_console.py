"""The console at scale: first page, lazy model, filter and search latency, peak memory.

For each size (default 10,000 and 1,000,000 comments) a workspace is built once with
``make_workspace.py`` (kept under ``--cache``, default /tmp) and measured in a fresh
subprocess, offscreen (``QT_QPA_PLATFORM=offscreen``), so peak RSS is per size:

- start to first page: from before ``import PySide6`` to the main window shown with the
  first queue page in its model (QApplication, the window's own ``refresh_queue``);
- lazy model: ``model.rowCount()`` after show against the number of comments;
- filter change: the window's own entry point (kind buttons toggled, which runs
  ``_filters_changed`` -> ``refresh_queue`` -> ``queue.fetch_page``), median of several;
- full-text search: ``search_edit.setText(word)`` then the window's ``_apply_search`` (what
  the debounce timer calls), median over several words, plus ``queue.fetch_page`` alone;
- the background badge counts (``queue.count`` + ``queue.counts_by_kind``, what
  ``_refresh_counts`` runs off the GUI thread), timed on their own;
- peak RSS from ``resource.getrusage``.

Targets at 1 M: first page < 1.5 s, filter and search < 150 ms median, RSS < 500 MB.

``--cold`` drops the operating system's file cache before each size (Linux, as root): the
first open of the morning, when neither the database nor the Qt libraries are in memory.

    .venv/bin/python benchmarks/bench_console.py [--sizes 10000 1000000] [--cold] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH_WORDS = ("nausea", "dizzy", "pregnant", "ozempic", "insurance", "headache", "xyzzy")
KIND_TOGGLES = ("adverse_event", "privacy", "product_complaint", "off_label", "medical_inquiry")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def child(workspace_dir: str) -> dict:
    """Measure one workspace in this (fresh) process."""
    started = time.perf_counter()
    import resource
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(ROOT))
    from moderator import queue
    from moderator.workspace import Workspace
    from ui.main_window import MainWindow

    imported = time.perf_counter()
    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Workspace.at(workspace_dir), settings=settings, detector_loader=None)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    rows_after_show = window.model.rowCount()
    total = window.db.execute("SELECT count(*) FROM comments").fetchone()[0]

    def timed(action) -> float:
        t = time.perf_counter()
        action()
        return time.perf_counter() - t

    filter_times = []
    for kind in KIND_TOGGLES:
        button = window.kind_buttons[kind]
        filter_times.append(timed(lambda b=button: b.setChecked(True)))
        filter_times.append(timed(lambda b=button: b.setChecked(False)))
        app.processEvents()
    status_times = []
    for index in range(window.status_combo.count()):
        status_times.append(timed(lambda i=index: window.status_combo.setCurrentIndex(i)))
    window.status_combo.setCurrentIndex(0)
    search_times, search_rows, fetch_times = [], {}, []
    for word in SEARCH_WORDS:

        def search(w: str = word) -> None:
            window.search_edit.setText(w)
            window._search_timer.stop()
            window._apply_search()

        search_times.append(timed(search))
        search_rows[word] = window.model.rowCount()
        f = queue.QueueFilter(statuses=window.filter.statuses, search=word)
        fetch_times.append(timed(lambda f=f: queue.fetch_page(window.db, f, 200)))
        app.processEvents()
    window.search_edit.setText("")
    window._apply_search()
    scroll_started = time.perf_counter()
    for _ in range(20):  # what scrolling down does: the view asks for more, one page at a time
        window.model.fetchMore()
    scroll = (time.perf_counter() - scroll_started) / 20
    base = queue.QueueFilter(statuses=window.filter.statuses)
    count_time = timed(lambda: queue.count(window.db, base))
    by_kind_time = timed(lambda: queue.counts_by_kind(window.db, base))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "comments": total,
        "import_s": round(imported - started, 3),
        "start_to_first_page_s": round(shown - started, 3),
        "window_and_first_page_s": round(shown - imported, 3),
        "rows_after_show": rows_after_show,
        "filter_change_median_ms": _ms(statistics.median(filter_times)),
        "filter_change_max_ms": _ms(max(filter_times)),
        "status_change_median_ms": _ms(statistics.median(status_times)),
        "search_median_ms": _ms(statistics.median(search_times)),
        "search_max_ms": _ms(max(search_times)),
        "search_rows": search_rows,
        "fetch_page_search_median_ms": _ms(statistics.median(fetch_times)),
        "fetch_more_page_ms": _ms(scroll),
        "background_count_ms": _ms(count_time),
        "background_counts_by_kind_ms": _ms(by_kind_time),
        "peak_rss_mb": round(rss_mb, 1),
    }


def ensure_workspace(n: int, cache: Path) -> Path:
    """The workspace of ``n`` comments under ``cache``, built once."""
    out = cache / f"ws-{n}"
    if not (out / "moderator.db").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "make_workspace.py"),
                str(n),
                "--out",
                str(out),
                "--force",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def drop_os_cache() -> bool:
    """Empty Linux's page cache (root only), so the next open reads everything from disk."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def measure(workspace: Path, cold: bool = False) -> dict:
    if cold and not drop_os_cache():
        raise SystemExit("--cold needs root on Linux (/proc/sys/vm/drop_caches)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(workspace)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp"), help="where workspaces live")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cold", action="store_true", help="drop the OS file cache first")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)), flush=True)
        os._exit(0)  # background count tasks may still run; the figures are out
    workspaces = [ensure_workspace(n, args.cache) for n in args.sizes]
    results = [measure(ws, cold=args.cold) for ws in workspaces]
    if args.json:
        print(json.dumps(results))
        return 0
    keys = [k for k in results[0] if k != "search_rows"]
    print(f"{'':34}" + "".join(f"{r['comments']:>14,}" for r in results))
    for key in keys[1:]:
        print(f"{key:34}" + "".join(f"{r[key]:>14}" for r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
