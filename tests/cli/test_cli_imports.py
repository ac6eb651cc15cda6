"""The command table imports only the command that is used (cli/commands.py): `arbocheck --help`
loads no command module, and a command loads nothing of the others' weight (the register's
SQLAlchemy, Qt, pyHanko, reportlab). A fresh interpreter each: what is imported is the point."""

import json
import os
import subprocess
import sys

import pytest

from locations import DATA

PROBE = """
import contextlib, io, json, sys
from arbocheck.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]))
"""

HEAVY = {"sqlalchemy", "PySide6", "pyhanko", "reportlab", "cryptography", "PIL", "openpyxl", "pydantic", "yaml"}


def imported(*args, tmp_path):
    env = dict(os.environ, ARBOCHECK_HOME=str(tmp_path / "home"), ARBOCHECK_QUESTIONNAIRES=str(DATA))
    r = subprocess.run([sys.executable, "-c", PROBE, *map(os.fsdecode, args)], capture_output=True, text=True,
                       env=env, timeout=120)
    code, modules = json.loads(r.stdout)
    return code, {m.split(".")[0] for m in modules}, {m for m in modules if m.startswith("arbocheck.")}


def test_help_loads_no_command_module(tmp_path):
    code, top, ours = imported("--help", tmp_path=tmp_path)
    assert code == 0 and not top & HEAVY, top & HEAVY
    assert {m for m in ours if m.startswith("arbocheck.cli.")} == {"arbocheck.cli.base", "arbocheck.cli.commands",
                                                                    "arbocheck.cli.gui"}


@pytest.mark.parametrize("args, not_loaded", [
    (["report", "verify", "{tmp}/x.pdf"], {"sqlalchemy", "PySide6", "reportlab", "PIL", "openpyxl"}),
    (["register", "export", "--db", "sqlite:///{tmp}/r.sqlite", "--out", "{tmp}/a.csv"],
     {"PySide6", "pyhanko", "reportlab", "openpyxl"}),
    (["evaluate", str(DATA / "nope.json")], {"sqlalchemy", "PySide6", "pyhanko", "reportlab", "cryptography"}),
])
def test_a_command_loads_only_its_own_weight(tmp_path, args, not_loaded):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    code, top, ours = imported(*(a.format(tmp=tmp_path) for a in args), tmp_path=tmp_path)
    assert code in (0, 1, 2) and not top & not_loaded, top & not_loaded
    others = {m.split(".")[2] for m in ours if m.startswith("arbocheck.cli.")} - {"base", "commands", "gui", "inputs",
                                                                                  "unlock", args[0]}
    assert not others, others
