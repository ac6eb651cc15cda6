"""The command line as a user runs it (DESIGN.md §5 contract), in-process through
arbocheck.cli.main; tests/cli/test_cli_smoke.py starts the real program once per command group."""

import json

import pytest

import arbocheck
from locations import DATA


@pytest.fixture
def run(cli, tmp_path):
    """arbocheck ARGS with a Dutch user (ARBOCHECK_LANG=nl) and a user data folder of the test's own."""
    def run(*args, env=None):
        return cli(*args, env={"ARBOCHECK_LANG": "nl", "ARBOCHECK_HOME": tmp_path / "home", **(env or {})})

    return run


def write(tmp_path, obj, name="answers.json"):
    p = tmp_path / name
    p.write_text(json.dumps(obj), encoding="utf-8")
    return str(p)


MINI_ENV = {"ARBOCHECK_QUESTIONNAIRES": str(DATA)}


def test_version(run):
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"arbocheck {arbocheck.__version__}"


def test_validate_ok_and_broken(run, tmp_path):
    r = run("questionnaire", "validate", str(DATA / "mini.yaml"))
    assert r.returncode == 0 and "ok (mini 1.2" in r.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text((DATA / "mini.yaml").read_text().replace("type: number", "type: nummer", 1))
    r = run("questionnaire", "validate", str(DATA / "mini.yaml"), str(broken))
    assert r.returncode == 2
    assert f"{broken}:" in r.stderr and "item 'body_height_cm': unknown type 'nummer'" in r.stderr
    assert "Traceback" not in r.stderr


def test_validate_missing_file(run, tmp_path):
    r = run("questionnaire", "validate", str(tmp_path / "nope.yaml"))
    assert r.returncode == 2 and "cannot read file" in r.stderr and "Traceback" not in r.stderr


def test_show_json_has_id_and_version_at_top(run):
    r = run("questionnaire", "show", "--json", str(DATA / "mini.yaml"))
    assert r.returncode == 0
    js = json.loads(r.stdout)
    assert js["id"] == "mini" and js["version"] == "1.2"
    assert js["sections"][0]["items"][0]["id"] == "body_height_cm"


def test_show_text_in_english(run):
    r = run("--lang", "en", "questionnaire", "show", str(DATA / "mini.yaml"))
    assert r.returncode == 0 and "How tall are you?" in r.stdout and "health data" in r.stdout


def test_evaluate_json_contract(run, tmp_path):
    path = write(tmp_path, {"questionnaire": {"id": "mini", "version": "1.2"},
                            "answers": {"body_height_cm": 160, "device_setup": "desktop", "desk_height_cm": 74,
                                        "desk_height_adjustable": False}})
    r = run("evaluate", path, "--json", env=MINI_ENV)
    assert r.returncode == 0, r.stderr
    js = json.loads(r.stdout)
    [f] = js["findings"]
    assert f["item"] == "desk_height_cm" and f["priority"] == "medium" and f["owner"] == "worker"
    assert "160 cm" in f["advice"] and f["title"]
    r = run("evaluate", path, env=MINI_ENV)
    assert r.returncode == 0 and "[MIDDEN] Bureau te hoog" in r.stdout and "Plan van aanpak" in r.stdout


def test_evaluate_lists_every_problem_and_exits_2(run, tmp_path):
    path = write(tmp_path, {"questionnaire": {"id": "mini", "version": "1.2"},
                            "answers": {"desk_height_cm": 500, "foo": 1, "device_setup": 3}})
    r = run("evaluate", path, env=MINI_ENV)
    assert r.returncode == 2 and r.stdout == ""
    assert "'desk_height_cm': 500 cm is outside the allowed range 50–130 cm" in r.stderr
    assert "unknown item 'foo'" in r.stderr
    assert "'device_setup': 3 is not one of the options" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("qref, fragment", [
    ({"id": "nope", "version": "1"}, "questionnaire 'nope' does not exist"),
    ({"id": "mini", "version": "7.0"}, "questionnaire 'mini' has no version '7.0'"),
])
def test_evaluate_unknown_questionnaire(run, tmp_path, qref, fragment):
    r = run("evaluate", write(tmp_path, {"questionnaire": qref, "answers": {}}), env=MINI_ENV)
    assert r.returncode == 2 and fragment in r.stderr


def test_evaluate_not_json_and_missing_file(run, tmp_path):
    p = tmp_path / "x.json"
    p.write_bytes(b"\xff\xfe garbage")
    r = run("evaluate", str(p))
    assert r.returncode == 2 and "not valid JSON" in r.stderr
    r = run("evaluate", str(tmp_path / "none.json"))
    assert r.returncode == 2 and "cannot read" in r.stderr


def test_schema_file_is_in_step_with_the_model(run, root):
    r = run("questionnaire", "schema")
    assert r.returncode == 0
    on_disk = (root / "questionnaires" / "schema.json").read_text(encoding="utf-8")
    assert on_disk == r.stdout, "regenerate: arbocheck questionnaire schema --out questionnaires/schema.json"


def test_a_plain_gui_start_is_parsed_without_the_full_parser(run):
    """A double-click starts the window without building every subcommand's parser; anything
    unusual goes to the full parser, with its help and its error messages."""
    from arbocheck.cli.gui import plain_start as plain

    assert vars(plain([])) == {"role": None, "explicit_lang": None, "db": None}
    assert vars(plain(["gui", "--role=employer", "--db", "sqlite:///r.sqlite", "--lang", "en"])) == {
        "role": "employer", "explicit_lang": "en", "db": "sqlite:///r.sqlite"}
    for other in (["gui", "--help"], ["gui", "--role", "boss"], ["gui", "--db"], ["gui", "--lang", "en", "--lang", "nl"],
                  ["demo", "--out", "x"], ["--version"]):
        assert plain(other) is None, other
    r = run("gui", "--role", "boss")
    assert r.returncode == 2 and "invalid choice" in r.stderr
