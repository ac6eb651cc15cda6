"""Default report file names: one per person, safe on every OS."""

import pytest

from arbocheck.core.check.file_names import report_file_name, safe_part

T = "RIE-bijdrage-{who}-{date}.pdf"


@pytest.mark.parametrize("text, want", [
    ("José Müller", "Jose-Muller"), ("a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"), ("  ..x.. ", "x"),
    ("CON", "CON-"), ("nul", "nul-"), ("", ""), ("名前", ""), ("x" * 200, "x" * 60), ("E-1234", "E-1234"),
])
def test_safe_part(text, want):
    assert safe_part(text) == want


def test_name_then_employee_number_then_nothing():
    assert report_file_name(T, "2026-12-02", "Sam de Vries", "E1") == "RIE-bijdrage-Sam-de-Vries-2026-12-02.pdf"
    assert report_file_name(T, "2026-12-02", "", "E 12/3") == "RIE-bijdrage-E-12-3-2026-12-02.pdf"
    assert report_file_name(T, "2026-12-02") == "RIE-bijdrage-2026-12-02.pdf"
