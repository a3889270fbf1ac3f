"""Write outputs atomically: a reader never sees a half-written file, and a failed run leaves the old one."""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pipeline.outputs.model import Analysis

#: Characters of the target's name kept in a temporary file's name (file names end at 255 bytes).
TEMP_NAME_CHARS = 60
#: Mode of a new file before the umask is applied (as `open` would create it).
FILE_MODE = 0o666


def to_json(analysis: Analysis) -> str:
    """Deterministic JSON: fixed key order from the model, no timestamps, UTF-8 kept readable."""
    return json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows (/proc), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target.

    The file gets the mode a plain `open` would give it (0666 less the umask), not the temporary file's
    0600, so that others can read the outputs where the umask allows. Raises `OSError` (a full disk, a
    read-only folder); the target is then left as it was and no temporary file remains.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), FILE_MODE & ~current_umask())
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Signals held back while a set of files is renamed into place, so that Ctrl-C or a plain `kill` cannot leave half
#: a set new and half old (they take effect right after the last rename).
DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C, `kill` and a closed terminal inside the block: each is recorded and, after the block, raised
    again with the handler that was in place (KeyboardInterrupt, or the end of the process). Python handlers rather
    than a signal mask, because the kernel gives a signal to any thread that does not block it. Outside the main
    thread (where handlers cannot be set) a no-op."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    previous = {}
    for sig in DEFERRED_SIGNALS:
        handler = signal.getsignal(sig)
        if handler is signal.SIG_IGN:  # ignored (nohup): stays ignored
            continue
        previous[sig] = handler if handler is not None else signal.SIG_DFL
        signal.signal(sig, hold)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])


def replace_all(moves: Sequence[tuple[Path, Path]], *, remove: Sequence[Path] = ()) -> None:
    """Rename each (source, target) pair, sources written beforehand on the targets' file system, then delete the
    files in `remove` (members of an older set that the new set no longer has), with Ctrl-C and `kill` held back
    until the last one: a set of files (the corpus tables) is all new or, when writing the sources failed, all old.
    Raises `OSError` from a rename (then the targets renamed so far are new, the others old)."""
    with signals_deferred():
        for source, target in moves:
            os.replace(source, target)
        for path in remove:
            path.unlink(missing_ok=True)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete the temporary files an interrupted `write_atomic(path, …)` left (kill -9); returns them."""
    removed = []
    for tmp in path.parent.glob(f"{glob_escape(_temp_prefix(path))}*.tmp"):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


def _temp_prefix(path: Path) -> str:
    """The temporary file's name prefix: the target's name, cut so that the whole name stays under 255 bytes."""
    return f".{path.name[:TEMP_NAME_CHARS]}."


def glob_escape(name: str) -> str:
    """A file name with the glob characters `*?[` taken literally."""
    import glob

    return glob.escape(name)
