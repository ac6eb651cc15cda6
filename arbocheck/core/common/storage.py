"""Crash-safe file writes: nothing is lost when the program or machine dies mid-write.

`atomic_write` writes a temp file in the target's folder, fsyncs it, keeps the
current version as `NAME.prev` (hard link, atomic), renames the temp file over
the target and fsyncs the folder. At any moment the target is either the old or
the new content, never a mix. Kept light: imported by a child process in tests.
"""

from __future__ import annotations

import os

from pathlib import Path

TMP_MARK = ".arbocheck-tmp-"
PREV_SUFFIX = ".prev"


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def _keep_previous(target: Path) -> None:
    prev = target.with_name(target.name + PREV_SUFFIX)
    staging = _tmp_name(prev)
    try:
        os.link(target, staging)
    except FileNotFoundError:
        return
    except OSError:  # file systems without hard links: copy, then sync
        data = target.read_bytes()
        with open(staging, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    os.replace(staging, prev)


def atomic_write(target: str | os.PathLike, data: bytes, *, keep_previous: bool = True,
                 mode: int = 0o600, sync: bool = True) -> None:
    """Replace `target` with `data` so that a crash leaves the old or the new file.
    `sync=False` leaves the fsyncs to the caller (the importer's workers stage files that the
    parent syncs, with their folder, before anything refers to them)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        if keep_previous:
            _keep_previous(target)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    if sync:
        _fsync_dir(target.parent)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def sweep_temp_files(folder: str | os.PathLike) -> list[Path]:
    """Remove temp files left by writers that died; returns what was removed.

    A temp file of a process that is still running is left alone.
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        if TMP_MARK not in p.name:
            continue
        try:
            pid = int(p.name.rsplit(TMP_MARK, 1)[1].split("-", 1)[0])
        except ValueError:
            pid = -1
        if pid > 0 and _pid_alive(pid):
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed
