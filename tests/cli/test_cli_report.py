"""report build / report verify / demo through the command line, in-process (arbocheck.cli.main)."""

import json
import os
import shutil
from pathlib import Path

import pytest

from samples import tagged_jpeg
from locations import DATA


@pytest.fixture
def env(tmp_path):
    return {"ARBOCHECK_HOME": str(tmp_path / "home"), "ARBOCHECK_QUESTIONNAIRES": str(DATA)}


@pytest.fixture
def run(cli):
    return cli


@pytest.fixture
def answers(tmp_path):
    p = tmp_path / "answers.json"
    p.write_text(json.dumps({"questionnaire": {"id": "mini", "version": "1.2"},
                             "answers": {"body_height_cm": 160, "device_setup": "desktop", "desk_height_cm": 74,
                                         "desk_height_adjustable": False, "neck_pain": 5}}))
    return p


def test_build_then_verify(run, tmp_path, env, answers):
    photo = tmp_path / "bureau.jpg"
    photo.write_bytes(tagged_jpeg((1000, 750)))
    out, personal = tmp_path / "r.pdf", tmp_path / "p.pdf"
    r = run("report", "build", str(answers), "--out", str(out), "--personal", str(personal),
            "--photo", f"desk_height_cm={photo}", "--name", "Sanne de Vries", env=env)
    assert r.returncode == 0, r.stderr
    assert "signed report" in r.stdout and "sealed part for the arbo expert: no" in r.stdout
    r = run("report", "verify", str(out), env=env)
    assert r.returncode == 0 and "valid" in r.stdout and "Sanne de Vries" in r.stdout
    # The same key signs the next report: it was stored in the user data folder, owner-only.
    key = Path(env["ARBOCHECK_HOME"]) / "keys" / "worker-key.pem"
    assert key.exists() and (os.name == "nt" or key.stat().st_mode & 0o777 == 0o600)
    r = run("report", "verify", str(personal), env=env)
    assert r.returncode == 1 and "rejected: the report has no signature" in r.stdout


def test_verify_rejects_a_tampered_file_with_a_reason(run, tmp_path, env, answers):
    out = tmp_path / "r.pdf"
    assert run("report", "build", str(answers), "--out", str(out), env=env).returncode == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    r = run("report", "verify", str(bad), env=env)
    assert r.returncode == 1 and "rejected:" in r.stdout and "Traceback" not in r.stderr + r.stdout
    (tmp_path / "trail.pdf").write_bytes(out.read_bytes() + b"%% extra\n")
    r = run("report", "verify", str(tmp_path / "trail.pdf"), env=env)
    assert r.returncode == 1 and "changed or extended after signing" in r.stdout
    assert r.stderr == ""  # nothing but the verdict (pyHanko's logged tracebacks: test_cli_smoke.py, a real stderr)


def test_build_refuses_bad_input_in_plain_words(run, tmp_path, env, answers):
    r = run("report", "build", str(answers), "--out", str(tmp_path / "r.pdf"), "--photo", "nope", env=env)
    assert r.returncode == 2 and "expected ITEM=PATH" in r.stderr
    notphoto = tmp_path / "x.jpg"
    notphoto.write_text("hello")
    r = run("report", "build", str(answers), "--out", str(tmp_path / "r.pdf"), "--photo", f"desk={notphoto}",
            env=env)
    assert r.returncode == 2 and "--photo desk=" in r.stderr and "Traceback" not in r.stderr
    r = run("report", "build", str(answers), "--out", str(tmp_path / "r.pdf"), "--expert", "age1nope", env=env)
    assert r.returncode == 2 and "not an age recipient" in r.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_demo_without_a_screen(run, tmp_path, env):
    qdir = tmp_path / "q"
    (qdir / "examples").mkdir(parents=True)
    shutil.copy(DATA / "mini.yaml", qdir)
    (qdir / "examples" / "sample-worker.json").write_text(json.dumps({
        "questionnaire": {"id": "mini", "version": "1.2"},
        "answers": {"body_height_cm": 165, "device_setup": "laptop_only", "desk_height_cm": 74,
                    "desk_height_adjustable": False, "laptop_stand": False, "neck_pain": 4}}))
    env = dict(env, ARBOCHECK_QUESTIONNAIRES=str(qdir))
    out = tmp_path / "demo"
    r = run("demo", "--out", str(out), env=env)
    assert r.returncode == 0, r.stderr
    r = run("report", "verify", str(out / "demo-rie-bijdrage.pdf"), "--campaign", str(out / "demo-campagne.json"),
            env=env)
    assert r.returncode == 0 and "enrolment proof present" in r.stdout and "sealed part for the arbo expert: yes" in r.stdout
    # The demo never touched the user's own key.
    assert not (Path(env["ARBOCHECK_HOME"]) / "keys").exists()


def test_a_photo_has_no_caption_unless_one_is_given(run, tmp_path, env, answers):
    """Never the file name: 'IMG_20240312_Amsterdam_rugklachten' would tell the employer about a back."""
    from pypdf import PdfReader

    photo = tmp_path / "IMG_20240312_Amsterdam_rugklachten.jpg"
    photo.write_bytes(tagged_jpeg((800, 600)))
    out = tmp_path / "r.pdf"
    r = run("report", "build", str(answers), "--out", str(out), "--photo", f"desk={photo}",
            "--photo", f"desk_height_cm={photo}", "--caption", "bureau van opzij", env=env)
    assert r.returncode == 0, r.stderr
    reader = PdfReader(str(out))
    doc = json.loads(reader.attachments["assessment.json"][0])
    assert [p["caption"] for p in doc["photos"]] == ["", "bureau van opzij"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "rugklachten" not in text and "IMG_" not in text and "bureau van opzij" in text
    r = run("report", "build", str(answers), "--out", str(tmp_path / "x.pdf"), "--caption", "zonder foto", env=env)
    assert r.returncode == 2 and "--caption describes the --photo just before it" in r.stderr
