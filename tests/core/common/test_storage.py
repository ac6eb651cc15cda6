"""Crash-safe writes and drafts."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from arbocheck.core.check import answers
from arbocheck.core.common import storage
from arbocheck.core.check.drafts import DraftStore


def test_atomic_write_keeps_previous_version(tmp_path):
    target = tmp_path / "f.json"
    storage.atomic_write(target, b"one")
    storage.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert (tmp_path / "f.json.prev").read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir() if storage.TMP_MARK in p.name] == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_atomic_write_is_owner_only(tmp_path):
    storage.atomic_write(tmp_path / "f", b"x")
    assert (tmp_path / "f").stat().st_mode & 0o777 == 0o600


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "f"
    storage.atomic_write(target, b"old")

    def boom(*a):
        raise OSError("disk full")

    monkeypatch.setattr(storage.os, "replace", boom)
    with pytest.raises(OSError):
        storage.atomic_write(target, b"new", keep_previous=False)
    assert target.read_bytes() == b"old"
    assert [p for p in tmp_path.iterdir() if storage.TMP_MARK in p.name] == []


def test_sweep_removes_dead_writers_temp_files_only(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".draft.json{storage.TMP_MARK}{dead}-abcd"
    mine = tmp_path / f".draft.json{storage.TMP_MARK}{os.getpid()}-abcd"
    odd = tmp_path / f".draft.json{storage.TMP_MARK}garbage"
    keep = tmp_path / "draft.json"
    for p in (stale, mine, odd, keep):
        p.write_bytes(b"x")
    removed = storage.sweep_temp_files(tmp_path)
    assert sorted(removed) == sorted([stale, odd])
    assert mine.exists() and keep.exists()


def _doc(n: int) -> answers.AnswersDoc:
    return answers.AnswersDoc("thuiswerkplek", "1.0", {"body_height_cm": 150 + n % 50}, {"n": n})


def test_draft_round_trip_and_fallback_to_previous(tmp_path):
    store = DraftStore(tmp_path)
    store.open()
    assert store.load() is None
    store.save(_doc(1))
    store.save(_doc(2))
    got = store.load()
    assert got.doc.meta["n"] == 2 and not got.from_previous and "saved_at" in got.doc.meta
    store.path.write_bytes(b'{"questionnaire": {"id": "thuiswerk')  # damaged on disk
    got = store.load()
    assert got.doc.meta["n"] == 1 and got.from_previous


def test_discard_starts_over_but_keeps_a_copy(tmp_path):
    store = DraftStore(tmp_path)
    store.save(_doc(1))
    store.save(_doc(2))
    store.discard()
    assert store.load() is None and not store.exists()
    assert (tmp_path / "draft.json.discarded").exists()


WRITER = r"""
import json, sys
from arbocheck.core.check import answers
from arbocheck.core.check.drafts import DraftStore
store = DraftStore(sys.argv[1])
store.open()
start = int(sys.argv[2])
pad = "x" * 200_000   # big enough that a write takes a while
print("ready", flush=True)
n = start
while True:
    n += 1
    store.save(answers.AnswersDoc("thuiswerkplek", "1.0", {"remarks": pad}, {"n": n}))
    print(n, flush=True)
"""


@pytest.mark.slow
def test_killed_writer_always_leaves_old_or_new_draft(tmp_path):
    """Kill a writing child at random moments, 200 times: the draft always loads,
    and it is either the last version the child confirmed or the one it was writing."""
    rng = random.Random(20261124)
    store = DraftStore(tmp_path)
    store.open()
    store.save(answers.AnswersDoc("thuiswerkplek", "1.0", {}, {"n": 0}))
    last = 0
    kills = mid_write = 0
    for _ in range(200):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(last)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        confirmed = [int(x) for x in out.split()]
        acknowledged = confirmed[-1] if confirmed else last
        got = DraftStore(tmp_path).load()
        assert got is not None, "draft lost"
        n = got.doc.meta["n"]
        assert not got.from_previous
        assert n in (acknowledged, acknowledged + 1), (n, acknowledged)
        last = n
        removed = storage.sweep_temp_files(tmp_path)
        assert all(storage.TMP_MARK in p.name for p in removed)
        mid_write += bool(removed)
    assert kills == 200
    assert last > 0  # the children did get to write
    # The kills must really land inside writes, or this test proves nothing.
    assert mid_write >= 20, mid_write
