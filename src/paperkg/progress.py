"""Progress reporting for long work: a tqdm bar on stderr with rate and ETA, or nothing."""

from __future__ import annotations

import sys
from types import TracebackType

from tqdm import tqdm

__all__ = ["Progress"]


class Progress:
    """Context manager around tqdm; disabled (no output) when ``enabled`` is false."""

    def __init__(self, desc: str, unit: str = "it", total: int | None = None, enabled: bool = True) -> None:
        self._bar = tqdm(
            desc=desc,
            unit=unit,
            total=total,
            disable=not enabled,
            file=sys.stderr,
            dynamic_ncols=True,
            mininterval=0.5,
        )

    def update(self, n: int = 1) -> None:
        self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bar.close()
