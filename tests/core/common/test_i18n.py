"""The texts are read once; a later start reads the parsed copy in the cache while it is of the same file."""

import json
import shutil
import zlib

import pytest
import yaml

from arbocheck.core.common import i18n


@pytest.fixture
def texts(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    shutil.copytree(i18n.texts_dir(), folder)
    monkeypatch.setattr(i18n, "texts_dir", lambda: folder)
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(i18n, "_tables", {})
    return folder


def test_the_parsed_copy_is_used_while_the_file_is_unchanged(texts, tmp_path, monkeypatch):
    first = i18n.table("nl")
    copy = tmp_path / "home" / "cache" / "texts-nl.json.z"
    assert json.loads(zlib.decompress(copy.read_bytes()))["texts"] == first

    def no_yaml(*a, **kw):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(yaml, "load", no_yaml)
    monkeypatch.setattr(i18n, "_tables", {})  # the next start
    assert i18n.table("nl") == first


def test_a_changed_file_or_a_damaged_copy_is_read_anew(texts, tmp_path, monkeypatch):
    i18n.table("en")
    path = texts / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Findings"', '"Results"'), encoding="utf-8")
    monkeypatch.setattr(i18n, "_tables", {})
    assert i18n.t("findings", "en") == "Results"
    (tmp_path / "home" / "cache" / "texts-en.json.z").write_text("{damaged")
    monkeypatch.setattr(i18n, "_tables", {})
    assert i18n.t("findings", "en") == "Results"
