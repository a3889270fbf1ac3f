"""Write outputs atomically: a reader never sees a half-written file, and a failed run leaves the old one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pipeline.outputs.model import Analysis


def to_json(analysis: Analysis) -> str:
    """Deterministic JSON: fixed key order from the model, no timestamps, UTF-8 kept readable."""
    return json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
