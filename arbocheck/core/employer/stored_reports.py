"""A worker's report as the register keeps it: the newest stored signed PDF of an employee, checked
against the hash the register recorded, and copied into a private folder for the system's viewer
(the register's own folder is never handed to another program)."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select

from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.employer.rollup import scope_of
from arbocheck.core.employer.schema import current, reports


class StoredReportError(Refusal):
    """A stored report that cannot be shown (reasons.py)."""


def newest(reg, employee_id: str, campaign_id: str | None = None) -> tuple[bytes, str]:
    """(PDF bytes, report date) of the employee's newest report in the campaign (or in all), as stored
    and unchanged since. Raises StoredReportError."""
    with reg.engine.connect() as conn:
        row = conn.execute(select(reports.c.pdf_sha256, reports.c.created_at)
                           .select_from(current.join(reports, reports.c.seq == current.c.report_seq))
                           .where(current.c.scope == scope_of(campaign_id), current.c.employee_id == employee_id)
                           ).first()
    if row is None:
        raise StoredReportError("stored.none", id=employee_id)
    try:
        data = (reg.pdf_dir / f"{row.pdf_sha256}.pdf").read_bytes()
    except OSError as e:
        raise StoredReportError("stored.missing", id=employee_id) from e
    if hashlib.sha256(data).hexdigest() != row.pdf_sha256:
        raise StoredReportError("stored.changed", id=employee_id)
    return data, str(row.created_at)[:10]


def private_folder() -> Path:
    """A new folder only this user can read, for copies handed to a viewer."""
    return Path(tempfile.mkdtemp(prefix="arbocheck-rapport-"))  # mkdtemp makes it 0700


def private_copy(reg, employee_id: str, folder: Path, campaign_id: str | None = None) -> Path:
    """Copy the employee's newest stored report into `folder` (owner-only), named after them."""
    data, day = newest(reg, employee_id, campaign_id)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", employee_id)[:80] or "rapport"
    target = Path(folder) / f"rapport-{name}-{day}.pdf"
    atomic_write(target, data, keep_previous=False, mode=0o600)
    return target


def remove_folder(folder: Path | None) -> None:
    """Remove a private folder made by private_folder (and what is in it)."""
    if folder is not None and folder.name.startswith("arbocheck-rapport-"):
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["StoredReportError", "newest", "private_folder", "private_copy", "remove_folder"]
