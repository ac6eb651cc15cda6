"""A throw-away PostgreSQL server for the tests, started as the 'postgres' user when we are root
(initdb refuses to run as root), on a Unix socket only: no network port is opened."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or ([shutil.which(name)] if shutil.which(name) else [])
    return found[-1] if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


@contextmanager
def server():
    """Yields an SQLAlchemy URL, or None when no PostgreSQL server binaries are installed."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        yield None
        return
    base = tempfile.mkdtemp(prefix="arbocheck-pg-", dir="/tmp")
    data, sock = os.path.join(base, "data"), os.path.join(base, "sock")
    os.makedirs(sock)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    try:
        subprocess.run(_as_postgres([initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-w", "-l", os.path.join(base, "log"), "-o",
                                     f"-k {sock} -c listen_addresses='' -c fsync=off", "start"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres([_bin("createdb") or "createdb", "-h", sock, "-U", "postgres", "arbocheck"]),
                       check=True, capture_output=True, timeout=60)
        yield f"postgresql+psycopg://postgres@/arbocheck?host={sock}"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", data, "-m", "immediate", "stop"]), capture_output=True,
                       timeout=60)
        shutil.rmtree(base, ignore_errors=True)
