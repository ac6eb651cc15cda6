"""The expert's review trail: every status and advice change appended, never overwritten.

One JSON object per line, each carrying the SHA-256 of the line before it, so
an edited or removed line shows up in `verify()`. Written with a flush and
fsync per event.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from arbocheck.core.common.errors import Refusal
from arbocheck.core.questionnaire.model import REVIEW_STATUSES as STATUSES

GENESIS = "0" * 64


class TrailError(Refusal):
    """The review trail cannot be read or extended as asked: a key of arbocheck/texts."""


@dataclass(frozen=True)
class Event:
    at: str
    report_id: str
    rule: str
    status: str
    advice: str
    prev: str
    hash: str
    employer_measures: tuple[str, ...] = ()
    """Measures the expert advises the employer to take for a confidential point (an adaptation):
    the employer's advice names these, never the point or its reason. Absent from lines that have none."""


def _body(e: Event) -> dict:
    body = {k: v for k, v in e.__dict__.items() if k != "hash"}
    if not body["employer_measures"]:
        body.pop("employer_measures")  # lines written before (or without) them hash as they always did
    else:
        body["employer_measures"] = list(body["employer_measures"])
    return body


def _digest(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class ReviewTrail:
    def __init__(self, path: Path):
        self.path = Path(path)

    def events(self) -> list[Event]:
        if not self.path.exists():
            return []
        out = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                data["employer_measures"] = tuple(data.get("employer_measures") or ())
                out.append(Event(**data))
            except (ValueError, TypeError) as e:
                raise TrailError("trail.damaged", n=n) from e
        return out

    def append(self, report_id: str, rule: str, status: str, advice: str,
               employer_measures: tuple[str, ...] | list[str] = ()) -> Event:
        if status not in STATUSES:
            raise TrailError("trail.unknown_status", status=repr(status))
        events = self.events()
        prev = events[-1].hash if events else GENESIS
        ev = Event(at=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), report_id=report_id,
                   rule=rule, status=status, advice=advice, prev=prev, hash="",
                   employer_measures=tuple(dict.fromkeys(employer_measures)))
        body = _body(ev)
        ev = Event(**dict(body, employer_measures=ev.employer_measures), hash=_digest(body))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            f.write(json.dumps(dict(body, hash=ev.hash), ensure_ascii=False, sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())
        return ev

    def current(self) -> dict[tuple[str, str], Event]:
        """The latest event per (report, rule)."""
        return {(e.report_id, e.rule): e for e in self.events()}

    def history(self, report_id: str, rule: str) -> list[Event]:
        return [e for e in self.events() if (e.report_id, e.rule) == (report_id, rule)]

    def verify(self) -> list[str]:
        """Problems with the chain (empty when intact)."""
        problems, prev = [], GENESIS
        for n, e in enumerate(self.events(), 1):
            body = _body(e)
            if e.prev != prev:
                problems.append(f"event {n} does not follow the one before it (removed or reordered)")
            if _digest(body) != e.hash:
                problems.append(f"event {n} was changed after it was written")
            prev = e.hash
        return problems
