"""Feedback while a batch runs: a rich progress bar on a terminal, plain lines otherwise, on stderr.

Both show each file as it finishes; the bar also shows files done of the total, words per second and the
time left. Messages (errors, notes) go through `note` so that they never tear the bar.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from pipeline.process import Outcome, shown


class PlainProgress:
    """One line per finished file (`[n/N] source → output (words, seconds)`), for logs and pipes."""

    def __init__(self, total: int, *, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.done = 0
        self.words = 0
        self.started = time.perf_counter()

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def note(self, message: str) -> None:
        """A message that is always shown (errors, warnings, skipped inputs)."""
        print(message, file=self.stream, flush=True)

    def info(self, message: str) -> None:
        """A message shown unless quiet."""
        if not self.quiet:
            self.note(message)

    def advance(self, outcome: Outcome) -> None:
        """Count one finished input and show it."""
        self.done += 1
        self.words += outcome.words
        if self.quiet or outcome.error:
            return
        if outcome.skipped:
            self.note(f"[{self.done}/{self.total}] {shown(outcome.source)}: skipped, {outcome.skipped}")
        else:
            self.note(f"[{self.done}/{self.total}] {shown(outcome.source)} → {shown(outcome.output or '')} "
                      f"({outcome.words:,} words, {outcome.seconds:.1f} s)")

    def words_per_second(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.words / elapsed if elapsed > 0 else 0.0

    def close(self) -> None:
        return None


class RichProgress(PlainProgress):
    """A rich progress bar: files done of the total, words/s, elapsed and remaining time."""

    def __init__(self, total: int, *, stream: TextIO | None = None, quiet: bool = False) -> None:
        super().__init__(total, stream=stream, quiet=quiet)
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(file=self.stream, stderr=stream is None)
        self.bar = Progress(
            TextColumn("[bold]notulist[/bold]"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[rate]} words/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False,
        )
        self.task = self.bar.add_task("files", total=total, rate="0")
        self.bar.start()

    def note(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        self.words += outcome.words
        self.bar.update(self.task, advance=1, rate=f"{self.words_per_second():,.0f}")

    def close(self) -> None:
        self.bar.stop()


def progress_for(total: int, *, quiet: bool = False, stream: TextIO | None = None) -> PlainProgress:
    """The rich bar when stderr is a terminal (and not quiet), else plain lines."""
    target = stream or sys.stderr
    if not quiet and hasattr(target, "isatty") and target.isatty():
        return RichProgress(total, stream=stream, quiet=quiet)
    return PlainProgress(total, stream=stream, quiet=quiet)
