"""Import speed and memory on a 120,000-row daily-usage workbook, as ratios to raw reads.

Run: ``python benchmarks/bench_import.py [--repeat N] [--check]``

- builds (once, cached in ``benchmarks/.cache/``) an .xlsx of 120,000 rows × 8 columns of daily
  product usage for 330 accounts, the shape of a telemetry export;
- times, interleaved in the same run and taking each one's best of N:
  ``import_sources`` of it (every check, header detection, parsing, aggregation to months,
  the review built), a raw python-calamine read of the same file (open, parse the sheet,
  ``to_python()``), and a raw openpyxl read-only iteration (reported alongside); the median
  of the N import/raw ratios of back-to-back pairs is printed too, to show how noisy the
  machine was (on a shared machine the two best times may come from different moments);
- measures the import's peak memory in a fresh subprocess (peak resident set size, VmHWM on
  Linux, ru_maxrss elsewhere).

Targets: import ≤ 1.3 × the raw calamine read; peak memory < 400 MB.

At scale (``--scale`` runs only these):

- a 25,000-row product event log (one row per user event, .xlsx) imported into a book of
  2,500 accounts → monthly active users, as a ratio to its raw calamine read in CPU seconds
  (best of at least 5, wall time alongside; target ≤ 1.5×);
- a 25,000-account export (.csv, with ids) imported into an empty review, 2,500 → 25,000
  (it must grow linearly: the account join is blocked, not pairwise);
- the deck build of the resulting 2,500- and 25,000-account books (target ≤ 3 s at 25,000).

A book of 100,000 accounts (``--accounts`` runs only this; see :func:`run_accounts`):

- a CRM accounts export (id, name, industry, segment, ARR, renewal date, CSM) of 10,000 and
  of 100,000 accounts, as .csv and as .xlsx, imported end to end into an empty review (read →
  records → review) — time (best of N), ratio to the raw read of the same file (``csv.reader``
  / python-calamine), peak memory of a fresh process, and the growth from 10,000 to 100,000
  (linear: ~10×). Times are CPU seconds of this process (``time.process_time``; wall time
  alongside), so other work on a shared machine does not count. The growth is judged as the
  ratio's growth, so a busy machine (or a floor
  that itself grows faster than linearly) does not pass for a slow import: linear means the
  100,000-account ratio is at most 1.3× the 10,000-account one. Targets also: 100,000
  accounts in ≤ 10 s from .csv, < 1 GB.

``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
ROWS = 120_000
ACCOUNTS = 330
TARGET_RATIO = 1.3
TARGET_MB = 400
HEADERS = [
    "Date",
    "Account ID",
    "Account Name",
    "Active Users",
    "Licensed Users",
    "Key Feature Users",
    "Sessions",
    "Avg Session (min)",
]


def build_workbook() -> Path:
    """The benchmark workbook, built once (about ten seconds) and cached."""
    path = CACHE / f"daily_usage_{ROWS}x{len(HEADERS)}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
    print(f"building {path.name} (once) …", flush=True)
    rnd = random.Random(20261231)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Daily usage")
    sheet.append(HEADERS)
    accounts = [(f"0015g{i:08d}", f"Customer {i:03d} Ltd") for i in range(ACCOUNTS)]
    start = dt.date(2025, 10, 1)
    for n in range(ROWS):
        day = start + dt.timedelta(days=n // ACCOUNTS)
        account_id, name = accounts[n % ACCOUNTS]
        licensed = 50 + (n % ACCOUNTS) * 3
        active = rnd.randint(0, licensed)
        sheet.append(
            [
                day,
                account_id,
                name,
                active,
                licensed,
                active // 2,
                active * 3,
                round(rnd.random() * 30, 1),
            ]
        )
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=CACHE)
    os.close(fd)
    book.save(tmp)
    os.replace(tmp, path)
    return path


def raw_calamine(path: Path) -> int:
    import python_calamine

    rows = python_calamine.load_workbook(str(path)).get_sheet_by_index(0).to_python()
    return len(rows)


def raw_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def run_import(path: Path) -> int:
    from qbr_studio.ingest import import_sources
    from qbr_studio.model import Meta, Review

    review = Review(meta=Meta(csm="Bench", quarter="2026-Q4"))
    result = import_sources(review, [path], remember=False)
    return len(result.review.book.usage)


def preflight_only(path: Path) -> int:
    from qbr_studio.ingest.preflight import check_file

    check_file(path)
    return 0


def best_of(fn, path: Path, times: list[float]) -> int:
    start = time.perf_counter()
    out = fn(path)
    times.append(time.perf_counter() - start)
    return out


def peak_memory_mb(path: Path) -> tuple[float, float]:
    """(peak RSS of a process that imports the file, RSS of the same process before it) in MB."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from qbr_studio.ingest import import_sources
from qbr_studio.model import Meta, Review
import python_calamine, openpyxl
def rss():
    # VmHWM (Linux) is this process's own peak; ru_maxrss can carry the parent's across exec.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
before = rss()
review = Review(meta=Meta(csm="Bench", quarter="2026-Q4"))
result = import_sources(review, [Path({str(path)!r})], remember=False)
print(json.dumps([rss(), before]))
"""
    env = dict(os.environ)
    env.setdefault("QBR_STUDIO_CONFIG_DIR", tempfile.mkdtemp(prefix="qbr-bench-"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    peak, before = json.loads(out.stdout.strip().splitlines()[-1])
    return peak, before


EVENT_ROWS = 25_000
SCALE_ACCOUNTS = (2_500, 25_000)
TARGET_EVENT_RATIO = 1.5
TARGET_DECK_S = 3.0


SCALE_WORDS = ("north", "star", "blue", "river", "cloud", "peak", "harbor", "summit", "cedar")


def build_scale_files(accounts: int) -> tuple[Path, Path]:
    """(accounts .csv, event-log .xlsx of EVENT_ROWS rows over ``accounts``), built once."""
    import csv

    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
    rng = random.Random(accounts)
    book = CACHE / f"accounts_{accounts}.csv"
    if not book.exists():
        with book.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Account ID", "Account Name", "Industry", "ARR", "Renewal Date"])
            for i in range(accounts):
                name = f"{rng.choice(SCALE_WORDS).title()} {rng.choice(SCALE_WORDS)} {i} Inc"
                renewal = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(365))
                writer.writerow([f"ACC{i:06d}", name, "Software", 1000 + 37 * i, renewal])
    events = CACHE / f"events_{EVENT_ROWS}_{accounts}.xlsx"
    if not events.exists():
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        sheet = wb.create_sheet("Events")
        sheet.append(["event_id", "account_id", "user_id", "event_type", "event_time"])
        start = dt.datetime(2026, 7, 1)
        for i in range(EVENT_ROWS):
            when = start + dt.timedelta(minutes=rng.randrange(150 * 24 * 60))
            account = f"ACC{rng.randrange(accounts):06d}"
            user = f"U{rng.randrange(8000)}"
            sheet.append([f"EVT{i:07d}", account, user, rng.choice(["feat_A", "login"]), when])
        wb.save(events)
    return book, events


def best_run(repeat: int, fn, *args, **kwargs):
    """(best time of ``repeat`` calls, the last call's result)."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times), out


def run_scale(repeat: int) -> bool:
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.ingest import import_sources
    from qbr_studio.model import Meta, Review

    ok = True
    empty = Review(meta=Meta(csm="Bench", quarter="2026-Q4"))
    deck_times = {}
    for accounts in SCALE_ACCOUNTS:
        book, events = build_scale_files(accounts)
        t_book, result = best_run(repeat, import_sources, empty, [book], remember=False)
        print(f"{accounts:>6,}-account export import : {t_book:7.3f} s")
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "deck.pptx"
            deck_times[accounts], _ = best_run(1, build_deck, result.review, out)
        print(f"{accounts:>6,}-account deck build    : {deck_times[accounts]:7.3f} s")
        if accounts != SCALE_ACCOUNTS[0]:
            continue
        raw, raw_wall, _ = best_cpu_run(max(repeat, 5), raw_calamine, events)
        imported, wall, usage = best_cpu_run(
            max(repeat, 5),
            partial(import_sources, result.review, [events], remember=False, accept_warnings=True),
        )
        ratio = imported / raw
        months = len(usage.review.book.usage)
        print(
            f"{EVENT_ROWS:,}-row event log: raw read {raw:.3f} s CPU ({raw_wall:.3f} s wall), "
            f"import {imported:.3f} s CPU ({wall:.3f} s wall) ({months:,} account-months): "
            f"{ratio:.2f}× (target ≤ {TARGET_EVENT_RATIO}×)"
        )
        ok = ok and ratio <= TARGET_EVENT_RATIO
    small, large = SCALE_ACCOUNTS
    growth = deck_times[large] / max(deck_times[small], 1e-9)
    print(
        f"deck build {small:,} → {large:,} accounts: {growth:.1f}× the time for "
        f"{large // small}× the accounts (target ≤ {TARGET_DECK_S} s at {large:,})"
    )
    return ok and deck_times[large] <= TARGET_DECK_S


ACCOUNT_SIZES = (10_000, 100_000)
TARGET_ACCOUNTS_S = 10.0
TARGET_RATIO_GROWTH = 1.3
TARGET_ACCOUNTS_MB = 1024
ACCOUNT_HEADERS = [
    "Account ID",
    "Account Name",
    "Industry",
    "Segment",
    "ARR",
    "Renewal Date",
    "CSM",
]


def build_accounts_export(accounts: int, suffix: str) -> Path:
    """A CRM accounts export of ``accounts`` rows (``suffix`` ".csv" or ".xlsx"), built once."""
    import csv

    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n", encoding="utf-8")
    path = CACHE / f"crm_accounts_{accounts}{suffix}"
    if path.exists():
        return path
    print(f"building {path.name} (once) …", flush=True)
    rng = random.Random(accounts)
    segments = ("Enterprise", "Mid-Market", "SMB")
    rows = [
        [
            f"0015g{i:010d}",
            f"{rng.choice(SCALE_WORDS).title()} {rng.choice(SCALE_WORDS)} {i} Inc",
            rng.choice(("Software", "Retail", "Healthcare", "Finance")),
            rng.choice(segments),
            1000 + 37 * i,
            dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(365)),
            "Bench",
        ]
        for i in range(accounts)
    ]
    fd, tmp = tempfile.mkstemp(suffix=suffix, dir=CACHE)
    os.close(fd)
    if suffix == ".csv":
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(ACCOUNT_HEADERS)
            writer.writerows(rows)
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Accounts")
        sheet.append(ACCOUNT_HEADERS)
        for row in rows:
            sheet.append(row)
        book.save(tmp)
    os.replace(tmp, path)
    return path


def raw_read(path: Path) -> int:
    """The floor: the file's cells read with no logic (python-calamine, or ``csv.reader``)."""
    if path.suffix == ".csv":
        import csv

        with path.open(newline="", encoding="utf-8") as handle:
            return sum(1 for _ in csv.reader(handle))
    return raw_calamine(path)


def import_accounts(path: Path) -> int:
    """The import a user runs: every check, the table found, columns parsed, accounts joined,
    the review built."""
    from qbr_studio.ingest import import_sources
    from qbr_studio.model import Meta, Review

    review = Review(meta=Meta(csm="Bench", quarter="2026-Q4"))
    return len(import_sources(review, [path], remember=False).review.book.accounts)


def best_cpu_run(repeat: int, fn, *args):
    """(best CPU seconds, best wall seconds, the last result) of ``repeat`` calls."""
    cpu, wall, out = [], [], None
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        out = fn(*args)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return min(cpu), min(wall), out


def run_accounts(repeat: int) -> bool:
    """The 10,000- and 100,000-account imports (csv and xlsx): time, ratio, memory, growth."""
    ok = True
    for size in ACCOUNT_SIZES[:1]:  # warm-up: modules imported, files built and cached
        for suffix in (".csv", ".xlsx"):
            import_accounts(build_accounts_export(size, suffix))
    for suffix in (".csv", ".xlsx"):
        times: dict[int, float] = {}
        ratios: dict[int, float] = {}
        for accounts in ACCOUNT_SIZES:
            path = build_accounts_export(accounts, suffix)
            peak, before = peak_memory_mb(path)
            raw, _, _ = best_cpu_run(repeat, raw_read, path)
            took, wall, imported = best_cpu_run(repeat, import_accounts, path)
            assert imported == accounts, f"{path.name}: {imported:,} accounts imported"
            times[accounts], ratios[accounts] = took, took / raw
            print(
                f"{accounts:>7,} accounts {suffix:<5}: import {took:6.2f} s CPU ({wall:.2f} s "
                f"wall), raw read {raw:6.3f} s ({took / raw:5.1f}×), peak memory {peak:4.0f} MB "
                f"({before:.0f} MB before)"
            )
            if accounts == ACCOUNT_SIZES[-1]:
                fast = took <= TARGET_ACCOUNTS_S or suffix != ".csv"
                ok = ok and fast and (peak == 0 or peak < TARGET_ACCOUNTS_MB)
        small, large = ACCOUNT_SIZES
        growth = times[large] / max(times[small], 1e-9)
        ratio_growth = ratios[large] / ratios[small]
        print(
            f"  {suffix} {small:,} → {large:,} accounts: {growth:.1f}× the time for "
            f"{large // small}× the accounts; the ratio to the raw read {ratio_growth:.2f}× "
            f"(target ≤ {TARGET_RATIO_GROWTH}×)"
        )
        ok = ok and ratio_growth <= TARGET_RATIO_GROWTH
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each (best counts)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--scale", action="store_true", help="run only the at-scale figures")
    parser.add_argument(
        "--accounts", action="store_true", help="run only the 10,000/100,000-account imports"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QBR_STUDIO_CONFIG_DIR", tempfile.mkdtemp(prefix="qbr-bench-"))
    if args.accounts:
        ok = run_accounts(max(1, min(args.repeat, 3)))
        print("targets met" if ok else "TARGET MISSED")
        return 0 if ok or not args.check else 1
    if args.scale:
        ok = run_scale(max(1, min(args.repeat, 3)))
        print("targets met" if ok else "TARGET MISSED")
        return 0 if ok or not args.check else 1
    path = build_workbook()
    size_mb = path.stat().st_size / 1e6
    print(f"file: {path.name} ({size_mb:.1f} MB, {ROWS:,} rows × {len(HEADERS)} columns)")
    peak, before = peak_memory_mb(path)  # first, while this process is still small

    raw_times: list[float] = []
    import_times: list[float] = []
    openpyxl_times: list[float] = []
    preflight_times: list[float] = []
    rows = months = 0
    for _ in range(1):  # warm-up: imports, file cache
        raw_calamine(path)
        run_import(path)
    for _ in range(max(1, args.repeat)):
        rows = best_of(raw_calamine, path, raw_times)
        months = best_of(run_import, path, import_times)
        best_of(preflight_only, path, preflight_times)
    best_of(raw_openpyxl, path, openpyxl_times)  # ~10 s: once is enough for a reference
    raw, imported, opx = min(raw_times), min(import_times), min(openpyxl_times)
    ratio = imported / raw
    paired = statistics.median(i / r for i, r in zip(import_times, raw_times, strict=True))
    print(f"raw python-calamine read : {raw:7.3f} s   ({rows:,} rows)")
    print(f"import_sources           : {imported:7.3f} s   ({months:,} account-months)")
    print(
        f"  of which safety pre-scan: {min(preflight_times):6.3f} s   (zip directory, XML parts, "
        "cell extents)"
    )
    print(f"raw openpyxl read-only   : {opx:7.3f} s")
    print(f"ratio import / calamine  : {ratio:7.2f}×  (target ≤ {TARGET_RATIO}×)")
    print(f"  median of paired ratios: {paired:6.2f}×  (noise check, {len(raw_times)} pairs)")
    print(f"ratio import / openpyxl  : {imported / opx:7.2f}×")
    print(
        f"peak memory (RSS)        : {peak:7.0f} MB  (target < {TARGET_MB} MB; "
        f"{before:.0f} MB before the import)"
    )
    ok = ratio <= TARGET_RATIO and (peak == 0 or peak < TARGET_MB)
    ok = run_scale(max(1, min(args.repeat, 3))) and ok
    ok = run_accounts(max(1, min(args.repeat, 3))) and ok
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
