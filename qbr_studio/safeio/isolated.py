"""A parser that can abort the process, run in a child process with memory and time limits.

python-calamine is Rust: on a malformed old-style .xls (BIFF) it can panic (printing Rust's
own text to stderr) or ask for tens of gigabytes, which aborts the whole process with no
exception to catch. BIFF has no structure a pre-scan could bound cheaply, so such a workbook is
parsed here: in a fresh child process with an address-space limit and a CPU-time limit, its
stderr discarded. Whatever happens to the child becomes one :class:`~qbr_studio.errors.UserError`
naming the file; the app itself never dies.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError, os_reason
from qbr_studio.safeio.limits import MiB

CHILD_MEMORY_BYTES = 2048 * MiB
"""Address space a child parser may use (Python, calamine and a sheet of MAX_CELLS cells)."""

CHILD_SECONDS = 30
"""Wall-clock (and CPU) time a child parser may take."""


def parse_workbook_isolated(data: bytes, name: str, max_cells: int) -> dict[str, Any]:
    """Every visible worksheet of the workbook ``data``, parsed by python-calamine in a child.

    Returns ``{"sheets": {name: {"rows", "start", "width", "height", "merged"}}}`` in
    workbook order, or ``{"too_large": (sheet, height, width)}`` for a sheet over
    ``max_cells`` (left to the caller to word), or ``{"password": True}``.
    """
    command = [
        sys.executable,
        "-E",  # no PYTHONPATH/PYTHONSTARTUP from the environment; the package root is given
        "-c",
        _CHILD_CODE,
        str(max_cells),
        str(CHILD_MEMORY_BYTES),
        _package_root(),
    ]
    env = {"PATH": os.environ.get("PATH", "")}
    try:
        done = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=CHILD_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise UserError(
            f"{name}: the workbook took more than {CHILD_SECONDS} s to read (CHILD_SECONDS); "
            "it is damaged or made to hang the reader"
        ) from None
    except OSError as err:
        raise UserError(f"{name}: the workbook reader could not start ({os_reason(err)})") from None
    try:
        result = pickle.loads(done.stdout) if done.returncode == 0 else None
    except Exception:
        result = None
    if not isinstance(result, dict):
        raise UserError(
            f"{name}: the workbook can't be read: the reader stopped (it ran out of its "
            f"{CHILD_MEMORY_BYTES // MiB:,} MB, CHILD_MEMORY_BYTES, or the file is damaged); "
            "open it in Excel and save it as .xlsx"
        )
    if "error" in result:
        raise UserError(f"{name}: the workbook can't be read ({result['error']})")
    return result


_CHILD_CODE = (
    "import sys; sys.path.insert(0, sys.argv[3]); "
    "from qbr_studio.safeio.isolated import child_main; "
    "child_main(int(sys.argv[1]), int(sys.argv[2]))"
)


def _package_root() -> str:
    import qbr_studio

    return str(Path(qbr_studio.__file__).resolve().parent.parent)


def child_main(max_cells: int, memory: int) -> None:
    """The child's whole life: limits, read stdin, parse, write one pickled dict to stdout."""
    _limit(memory, CHILD_SECONDS)
    data = sys.stdin.buffer.read()
    try:
        result = _parse(data, max_cells)
    except BaseException as err:  # a Rust panic is a BaseException
        result = {"error": _short(err)}
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()


def _parse(data: bytes, max_cells: int) -> dict[str, Any]:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        return {"password": True}
    sheets: dict[str, Any] = {}
    for meta in book.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet or meta.visible != pc.SheetVisibleEnum.Visible:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.height * sheet.width > max_cells:
            return {"too_large": (meta.name, sheet.height, sheet.width)}
        try:
            merged = list(sheet.merged_cell_ranges or [])
        except Exception:
            merged = []
        sheets[meta.name] = {
            "rows": sheet.to_python(skip_empty_area=True),
            "start": sheet.start or (0, 0),
            "width": sheet.width,
            "height": sheet.height,
            "merged": merged,
        }
    return {"sheets": sheets}


def _limit(memory: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still holds, memory is the OS's
        return
    for which, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, seconds)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (value, value))


def _short(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    if type(err).__name__ == "PanicException" or ".rs:" in text or "/.cargo/" in text:
        return "the file is malformed"
    return text[:160]


@contextlib.contextmanager
def rust_panics_silenced() -> Iterator[None]:
    """Run native code whose panics Rust reports on stderr (``thread '<unnamed>' panicked at
    …/.cargo/registry/…``) without that text reaching the user: the process's stderr is
    captured meanwhile, and written back unless it is a panic report."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            text = capture.read(1 << 16)
            if text and b"panicked at" not in text:
                with contextlib.suppress(OSError):
                    os.write(2, text)
