"""One error root: every error a person may see is an ArbocheckError, a Refusal with a key that reads in
Dutch and English, named in the hierarchy errors.py draws; internal control flow stays outside."""

import ast
import builtins
import importlib
import pickle
import pkgutil

import pytest

import arbocheck.core
from arbocheck.core.common import errors
from arbocheck.core.common.errors import ArbocheckError, Phrase, Refusal, text_of
from locations import ROOT

INTERNAL = {"_Stop", "_Fallback"}  # pdf_structure's own parser steering, never shown


def _core_modules():
    for info in pkgutil.walk_packages(arbocheck.core.__path__, "arbocheck.core."):
        yield importlib.import_module(info.name)


def _classes():
    seen = {}
    for mod in _core_modules():
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, BaseException) and obj.__module__.startswith("arbocheck"):
                seen[obj.__qualname__] = obj
    return seen


def test_no_exception_class_outside_the_tree():
    """Read from the source, Qt layer included: a class deriving from a builtin exception is one of ours."""
    builtin_errors = {n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException)}
    outside = []
    for path in sorted((ROOT / "arbocheck").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name not in INTERNAL:
                bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
                if bases and all(b in builtin_errors for b in bases) and node.name != "ArbocheckError":
                    outside.append(f"{path.relative_to(ROOT)}: {node.name}({', '.join(bases)})")
    assert outside == []


def test_every_error_is_an_arbocheck_error_drawn_in_the_docstring():
    classes = _classes()
    ours = {n: c for n, c in classes.items() if n not in INTERNAL}
    assert len(ours) >= 15
    assert [n for n, c in ours.items() if not issubclass(c, ArbocheckError)] == []
    assert [n for n in ours if f" {n} " not in errors.__doc__ and not errors.__doc__.count(f" {n}\n")] == []
    assert [n for n in INTERNAL if n in classes and issubclass(classes[n], ArbocheckError)] == []


@pytest.mark.parametrize("name, builtin", [
    ("CampaignError", ValueError), ("EmployeeIdError", ValueError), ("SealError", ValueError),
    ("PhotoError", ValueError), ("AnswersError", ValueError), ("QuestionnaireNotFound", LookupError),
])
def test_callers_still_catch_them_as_before(name, builtin):
    cls = _classes()[name]
    assert issubclass(cls, Refusal) and issubclass(cls, builtin)


def test_the_keys_errors_raise_read_in_both_languages():
    from arbocheck.core.check.photos import PhotoError, process
    from arbocheck.core.report.build import ExportError
    from arbocheck.core.trust import keys, seal

    with pytest.raises(PhotoError) as got:
        process(b"not a photo")
    assert got.value.text("nl").startswith("Dit bestand is geen foto") and str(got.value).startswith("This file")
    e = ExportError("export.self_check", why=Refusal("no_signature"))
    assert e.text("nl") == "het ondertekende rapport doorstond zijn eigen controle niet: het rapport is niet ondertekend"
    assert str(e) == "the signed report did not pass its own check: the report has no signature"
    with pytest.raises(seal.SealError) as got:
        seal.unseal(b"x", "not an identity")
    assert got.value.text("nl") != str(got.value) and "AGE-SECRET-KEY" in got.value.text("nl")
    assert issubclass(keys.KeyFileError, Refusal)


def test_a_refusal_with_extra_state_crosses_processes():
    from arbocheck.core.questionnaire.loader import Problem, QuestionnaireError

    e = QuestionnaireError([Problem("q.yaml", 3, "item 'x'", "bad"), Problem("q.yaml", 1, "", Refusal("questionnaire.not_utf8"))])
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is QuestionnaireError and list(map(str, back.problems)) == list(map(str, e.problems))
    assert str(back) == str(e)
    assert back.text("nl").splitlines() == ["de vragenlijst kan niet worden gebruikt:", "q.yaml:3: item 'x': bad",
                                            "q.yaml:1: het bestand is geen UTF-8-tekst"]


def test_values_are_put_in_the_text_s_language():
    unit = Phrase(nl="uur per nacht", en="hours a night")
    e = Refusal("value.range", value="25", unit=unit, min="0", max="24")
    assert e.text("nl") == "25uur per nacht valt buiten het toegestane bereik 0–24uur per nacht"
    assert str(e) == "25hours a night is outside the allowed range 0–24hours a night"
    assert Refusal("demo.not_made", why=Refusal("no_signature")).text("nl").endswith("het rapport is niet ondertekend")


def test_text_of_any_error():
    assert text_of(Refusal("no_signature"), "nl") == "het rapport is niet ondertekend"
    assert text_of(FileNotFoundError(2, "No such file or directory", "x"), "nl") == "No such file or directory"
    assert text_of(RuntimeError(), "nl") == "RuntimeError"
    assert text_of(ArbocheckError("plain"), "nl") == "plain"
