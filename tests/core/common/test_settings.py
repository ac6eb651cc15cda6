from arbocheck.core.common.settings import Settings


def test_defaults_round_trip_and_damage(tmp_path):
    path = tmp_path / "s.json"
    s = Settings(path)
    assert s["language"] == "nl"
    s["language"] = "en"
    s.save()
    assert Settings(path)["language"] == "en"
    path.write_text('{"language": "fr", "last_role": 3, "junk": 1}')
    s = Settings(path)
    assert s["language"] == "nl" and s["last_role"] == "worker"
    path.write_text("{broken")
    assert Settings(path)["language"] == "nl"


def test_bad_values_refused(tmp_path):
    import pytest

    s = Settings(tmp_path / "s.json")
    with pytest.raises(ValueError):
        s["language"] = "de"
    with pytest.raises(KeyError):
        s["nope"] = 1


def test_the_minimum_group_size_can_be_raised_never_lowered(tmp_path):
    import pytest

    s = Settings(tmp_path / "s.json")
    assert s["min_group_size"] == 5
    s["min_group_size"] = 10
    s.save()
    assert Settings(tmp_path / "s.json")["min_group_size"] == 10
    for bad in (4, 1, 0, True, 5.5):
        with pytest.raises(ValueError):
            s["min_group_size"] = bad
    (tmp_path / "s.json").write_text('{"min_group_size": 2}')
    assert Settings(tmp_path / "s.json")["min_group_size"] == 5  # a lowered value in the file is ignored
