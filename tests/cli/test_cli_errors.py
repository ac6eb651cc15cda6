"""cli/base.py: every error a command ends with is one plain line on stderr, in the --lang
language, with the documented exit code (README, "Exit codes"); never a traceback."""

import pytest

from arbocheck.cli import base
from arbocheck.core.common.reasons import Refusal


def one_plain_line(r):
    assert "Traceback" not in r.stderr + r.stdout
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.fixture
def home(tmp_path):
    return {"ARBOCHECK_HOME": tmp_path / "home"}


@pytest.mark.parametrize("command", [["register", "export", "--out", "x.csv"], ["register", "verify"],
                                     ["register", "summary", "--out", "x.pdf"], ["expert", "review", "--db"]])
def test_a_register_address_that_is_no_database(cli, home, command):
    r = cli(*command, "nosuch://x", env=home) if command[-1] == "--db" else cli(*command, "--db", "nosuch://x",
                                                                                    env=home)
    assert r.returncode == 2 and one_plain_line(r).startswith("the register's address (--db) cannot be used: ")


def test_the_line_follows_lang(cli, home):
    r = cli("--lang", "nl", "register", "export", "--db", "nosuch://x", "--out", "x.csv", env=home)
    assert r.returncode == 2 and one_plain_line(r).startswith("het adres van het register (--db) is niet bruikbaar")
    r = cli("register", "export", "--db", "nosuch://x", "--out", "x.csv", "--lang", "nl", env=home)
    assert one_plain_line(r).startswith("het adres van het register")


def test_a_register_that_cannot_be_reached_or_read(cli, home, tmp_path):
    r = cli("register", "verify", "--db", "postgresql+psycopg://u:geheim@127.0.0.1:1/x", env=home)
    line = one_plain_line(r)
    assert r.returncode == 2 and "geheim" not in line
    assert line.startswith(("the register cannot be reached: ", "a part needed for this is not installed"))
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is no database" * 100)
    r = cli("register", "export", "--db", f"sqlite:///{junk}", "--out", tmp_path / "a.csv", env=home)
    assert r.returncode == 2 and one_plain_line(r).startswith("the register")


def test_a_file_that_cannot_be_written(cli, home, tmp_path):
    (tmp_path / "a-file").write_text("")
    r = cli("register", "export", "--db", f"sqlite:///{tmp_path / 'r.sqlite'}", "--out", tmp_path / "a-file" / "a.csv",
            env=home)
    assert r.returncode == 2 and one_plain_line(r) == f"{tmp_path / 'a-file'}: File exists"


def _raising(monkeypatch, error):
    def handler(args):
        raise error

    from arbocheck.cli import questionnaire

    monkeypatch.setattr(questionnaire, "validate", handler)


@pytest.mark.parametrize("error, code, en, nl", [
    (KeyboardInterrupt(), 130, "stopped (Ctrl+C)", "gestopt (Ctrl+C)"),
    (Refusal("campaign.unknown", id="c9"), 2, "the register has no campaign c9", "er staat geen campagne c9 in het register"),
    (PermissionError(13, "Permission denied", "/x/y.pdf"), 2, "/x/y.pdf: Permission denied", "/x/y.pdf: Permission denied"),
    (LookupError("questionnaire 'nope' does not exist"), 2, "questionnaire 'nope' does not exist", None),
    (ValueError("boom\nsecond line"), 70, "arbocheck stopped on an internal error (ValueError: boom second line); "
                                          "please report it", "arbocheck is gestopt door een interne fout"),
    (KeyError("x"), 70, "arbocheck stopped on an internal error (KeyError: 'x'); please report it", None),
])
def test_each_kind_of_error_is_one_line_with_its_exit_code(cli, home, monkeypatch, error, code, en, nl):
    _raising(monkeypatch, error)
    r = cli("questionnaire", "validate", "x.yaml", env=home)
    assert r.returncode == code and one_plain_line(r) == en and r.stdout == ""
    if nl:
        r = cli("--lang", "nl", "questionnaire", "validate", "x.yaml", env=home)
        assert r.returncode == code and one_plain_line(r).startswith(nl)


def test_a_broken_pipe_ends_quietly(cli, home, monkeypatch):
    _raising(monkeypatch, BrokenPipeError())
    r = cli("questionnaire", "validate", "x.yaml", env=home)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_usage_errors_help_and_version_are_argparse_s(cli, home):
    r = cli("register", "status", "--db", "nosuch://x", env=home)
    assert r.returncode == 2 and "invalid choice: 'status'" in r.stderr and "Traceback" not in r.stderr
    r = cli("--help", env=home)
    assert r.returncode == 0 and "register" in r.stdout and r.stderr == ""
    assert cli("report", "--help", env=home).returncode == 0


def test_the_exit_codes_are_the_documented_ones(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Exit codes"):]
    for code in (base.EXIT_OK, base.EXIT_REJECTED, base.EXIT_INPUT, base.EXIT_INTERNAL, base.EXIT_INTERRUPTED):
        assert f"| {code} |" in table, code


def test_a_command_whose_module_cannot_be_imported(cli, home, monkeypatch):
    from arbocheck.cli import commands

    monkeypatch.setitem(commands.COMMANDS, "demo", commands.Command("arbocheck.cli.no_such_module", "x"))
    r = cli("demo", "--out", "x", env=home)
    assert r.returncode == 2 and one_plain_line(r) == "a part needed for this is not installed: arbocheck.cli.no_such_module"
