"""Path-or-file-handle helper shared by the exporters."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PathOrFile = str | Path | IO


@contextlib.contextmanager
def opened(target: PathOrFile, mode: str) -> Iterator[IO]:
    """Open ``target`` if it is a path (creating its folder), else yield the handle as it is."""
    if isinstance(target, str | Path):
        path = Path(target)
        if "w" in mode:
            path.parent.mkdir(parents=True, exist_ok=True)
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with path.open(mode, **kwargs) as fh:
            yield fh
    else:
        yield target
