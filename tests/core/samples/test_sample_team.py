"""The sample team (questionnaires/examples/sample-team.yaml) is a valid, realistic campaign."""

import yaml

from arbocheck.core.check import answers
from arbocheck.core.employer import overview
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.samples.demo import example_path
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.samples.sample_team import TEAM, make_team


def test_every_sample_worker_fits_the_questionnaire():
    data = yaml.safe_load(example_path(TEAM).read_text(encoding="utf-8"))
    q = qloader.find(data["questionnaire"]["id"], str(data["questionnaire"]["version"]))
    for w in data["workers"]:
        if "answers" in w:
            assert answers.problems(q, dict(data["base"], **w["answers"])) == [], w["employee_id"]


def test_the_team_hands_in_and_the_overview_shows_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    reg = Register.open()
    team = make_team(tmp_path / "team", reg)
    outcomes = import_files(reg, team.reports)
    assert all(o.accepted for o in outcomes), [o.line() for o in outcomes if not o.accepted]
    assert sorted(o.enrolment for o in outcomes).count("tofu") == 1  # the one not on the list
    s = overview.summary(reg)
    assert (s.handed_in, s.expected, s.not_yet, s.tofu) == (19, 24, 6, 1)
    assert not s.suppressed and any(t.people for t in s.topics)
