import hashlib

import pytest

from arbocheck.core.check.draft_photos import DraftPhotos, PhotoRef, refs, set_refs


def test_store_read_prune(tmp_path):
    store = DraftPhotos(tmp_path)
    data = b"\xff\xd8jpeg"
    sha = hashlib.sha256(data).hexdigest()
    assert store.store(data, sha) == sha
    assert store.read(sha) == data
    store.prune(keep=set())
    assert not store.path(sha).exists()


@pytest.mark.parametrize("bad", ["../../x", "a" * 63, "A" * 64, "", "x/../y"])
def test_ids_never_become_paths(tmp_path, bad):
    with pytest.raises(ValueError):
        DraftPhotos(tmp_path).path(bad)


def test_refs_round_trip_and_skip_malformed():
    meta = {}
    set_refs(meta, [PhotoRef("a" * 64, "desk", "zijaanzicht", True)])
    meta["photos"].append({"id": "../etc/passwd", "section": "desk"})
    meta["photos"].append("junk")
    assert refs(meta) == [PhotoRef("a" * 64, "desk", "zijaanzicht", True)]
    assert refs({"photos": "nope"}) == []
