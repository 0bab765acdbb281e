"""Honest output files: written whole or not at all, checked before use, one writer per folder.

Every exporter writes through :func:`atomic_file`: the bytes go to a temporary name beside the target
(``.NAME.tmp-<pid>-<random>``), are flushed to disk, and only then renamed over the target, so a
reader (or a crash) never sees half a file. :class:`OutputLock` keeps two builds out of one folder;
:func:`file_record` and :func:`matches` back the build manifest (size and SHA-256 of every file);
:class:`OutputError` turns what the operating system says (disk full, read-only, permission) into one
line naming the path and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = [
    "OutputError",
    "OutputLock",
    "atomic_file",
    "check_writable",
    "describe_os_error",
    "file_record",
    "matches",
    "remove_stale_temporaries",
]

_ADVICE = {
    errno.ENOSPC: "no space left on the device: free some space or choose another --out",
    errno.EDQUOT: "disk quota exceeded: free some space or choose another --out",
    errno.EROFS: "the file system is read-only: choose another --out",
    errno.EACCES: "permission denied: choose a folder you can write to (--out)",
    errno.EPERM: "operation not permitted: choose a folder you can write to (--out)",
    errno.ENOTDIR: "a parent of this path is a file, not a folder",
    errno.EISDIR: "this path is a folder, not a file",
}


class OutputError(Exception):
    """Output could not be written; the message is one line naming the path and what to do."""


def describe_os_error(exc: OSError, path: str | Path) -> str:
    """One line for an ``OSError`` hit while writing ``path``."""
    advice = _ADVICE.get(exc.errno or 0) or (exc.strerror or str(exc)).replace("\n", " ")
    return f"cannot write {path}: {advice}"


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it is synced and renamed to ``path``.

    On any exception the temporary file is removed and ``path`` keeps what it held before; an
    ``OSError`` comes out as an :class:`OutputError` naming ``path``.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(describe_os_error(exc, target)) from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def remove_stale_temporaries(folder: str | Path) -> int:
    """Delete temporary files a killed writer left under ``folder`` (call it holding the folder's
    :class:`OutputLock`, so that no live writer owns them); returns how many were removed."""
    n = 0
    for path in Path(folder).rglob(".*.tmp-*"):
        if path.is_file():
            _remove(path)
            n += 1
    return n


def check_writable(folder: str | Path) -> None:
    """Create ``folder`` if needed and prove a file can be written there (before any long work)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write into {folder}: it is a file, not a folder")
    probe = folder / f".paperkg-probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(probe, "wb") as fh:
            fh.write(b"paperkg")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise OutputError(describe_os_error(exc, folder)) from exc
    finally:
        _remove(probe)


def file_record(path: str | Path) -> dict[str, object]:
    """``{"path", "size", "sha256"}`` of a written file, for the build manifest."""
    p = Path(path)
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return {"path": str(p), "size": p.stat().st_size, "sha256": h.hexdigest()}


def matches(record: dict[str, object]) -> bool:
    """True when the file a manifest entry names is still there with the same size and hash."""
    p = Path(str(record.get("path", "")))
    try:
        if not p.is_file() or p.stat().st_size != record.get("size"):
            return False
        return file_record(p)["sha256"] == record.get("sha256")
    except OSError:
        return False


class OutputLock:
    """An exclusive lock on an output folder (``DIR/.paperkg.lock``), held for a whole build.

    The operating system releases it when the process ends, so a killed build leaves no stale lock.
    A second build waits for it (``wait=True``, reporting once that it waits) or refuses at once.
    """

    def __init__(self, folder: str | Path, wait: bool = True, on_wait: object = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / ".paperkg.lock"
        self.wait = wait
        self.on_wait = on_wait
        self._fh: IO | None = None

    def __enter__(self) -> OutputLock:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a+")
        except OSError as exc:
            raise OutputError(describe_os_error(exc, self.path)) from exc
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            if not self.wait:
                fh.close()
                raise OutputError(
                    f"another paperkg build ({holder}) is writing into {self.folder}: wait for it to "
                    "finish or choose another --out"
                ) from None
            if callable(self.on_wait):
                self.on_wait(f"waiting for another paperkg build ({holder}) writing into {self.folder}")
            while True:  # blocking flock cannot be interrupted cleanly by Ctrl-C on every platform
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
