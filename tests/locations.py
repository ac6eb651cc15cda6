"""Where the tests' own files are: the repository, the small test questionnaires, the scenarios."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # small questionnaires and files made for one test
SCENARIOS = ROOT / "tests" / "scenarios"  # realistic workers, judged end to end (tests/core/check/test_scenarios.py)
