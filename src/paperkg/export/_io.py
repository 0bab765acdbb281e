"""Path-or-file-handle helper shared by the exporters (paths are written atomically)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from paperkg.atomic import atomic_file

PathOrFile = str | Path | IO


@contextlib.contextmanager
def opened(target: PathOrFile, mode: str) -> Iterator[IO]:
    """Open ``target`` if it is a path (writes: through :func:`~paperkg.atomic.atomic_file`), else
    yield the handle as it is."""
    if isinstance(target, str | Path):
        path = Path(target)
        if "w" in mode:  # a temporary name, renamed over the target only once complete
            with atomic_file(path, mode) as fh:
                yield fh
            return
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with path.open(mode, **kwargs) as fh:
            yield fh
    else:
        yield target
