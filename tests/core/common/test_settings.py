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
