"""pytest imports test modules by their file name (the test folders are not packages): two test files
with one name in different folders stop the whole run at collection."""

import collections

from locations import ROOT


def test_every_test_file_name_is_used_once():
    names = collections.Counter(p.name for p in (ROOT / "tests").rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []
