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


# -- the environment variables ------------------------------------------------------------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from locations import ROOT  # noqa: E402

from arbocheck.core.common.environment import VARIABLES, Environment, environment  # noqa: E402


def _source_files():
    return [p for p in (ROOT / "arbocheck").rglob("*.py")]


def test_every_arbocheck_variable_in_the_code_is_declared_and_documented():
    declared = {v.name for v in VARIABLES}
    used = set()
    for path in _source_files():
        used |= set(re.findall(r"ARBOCHECK_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    assert used, "the scan found no variable at all"
    assert used <= declared, f"not declared in environment.VARIABLES: {sorted(used - declared)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [v.name for v in VARIABLES if v.name not in readme] == []


def test_only_settings_reads_the_environment_variables():
    """Only environment.py reads them; others may set one (the screenshots set ARBOCHECK_HOME)."""
    get = re.compile(r"(?:environ\.get|getenv)\(\s*[\"']ARBOCHECK_")
    index = re.compile(r"environ\[\s*[\"']ARBOCHECK_[A-Z_]+[\"']\s*\](?!\s*=[^=])")
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in _source_files() if path.name != "environment.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if get.search(line) or index.search(line)]
    assert offenders == [], offenders


def test_environment_is_read_when_asked_and_typed():
    env = environment({"ARBOCHECK_HOME": "/tmp/x", "ARBOCHECK_LANG": "EN_gb", "ARBOCHECK_KEY_PROTECTION": " Keyring ",
                       "ARBOCHECK_QUESTIONNAIRES": "/a:/b", "ARBOCHECK_TEST_FAST_KDF": "1"})
    assert env.home == Path("/tmp/x") and env.lang == "en" and env.key_protection == "keyring"
    assert env.questionnaires == (Path("/a"), Path("/b")) and env.test_fast_kdf
    odd = environment({"ARBOCHECK_LANG": "fr", "ARBOCHECK_KEY_PROTECTION": "clear", "ARBOCHECK_TEST_FAST_KDF": "yes",
                       "ARBOCHECK_PASSPHRASE": ""})
    assert odd == Environment()  # nonsense and empty values count as unset


def test_a_variable_set_after_import_is_seen(monkeypatch, tmp_path):
    from arbocheck.core.common import paths

    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "later"))
    assert paths.home() == tmp_path / "later"
