"""Write outputs atomically: a reader never sees a half-written file, and a failed run leaves the old one."""

from __future__ import annotations

import json
import os
import tempfile
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
