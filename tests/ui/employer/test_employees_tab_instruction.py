"""The employees table's column "Uitleg gelezen": the date for who confirmed, "niet bevestigd" for who handed in
without confirming, empty for who has not handed in."""

from PySide6.QtCore import Qt

from arbocheck.core.employer.overview import EmployeeRow
from arbocheck.ui.employer.tables import EmployeesModel
from arbocheck.ui.tasks import SyncRunner


def test_the_column_says_who_confirmed(qtbot):
    m = EmployeesModel(SyncRunner(), "nl")
    rows = [EmployeeRow("E1", "handed_in", "enrolled", "Anna", instruction_read="2026-11-28", instruction_version="1"),
            EmployeeRow("E2", "handed_in", "enrolled", "Bram"), EmployeeRow("E3", "not_yet", name="Cas")]
    m.reload(lambda offset, order, desc: (rows, len(rows)) if offset == 0 else ([], len(rows)))
    col = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())].index("Uitleg gelezen")
    shown = [m.data(m.index(r, col)) for r in range(m.rowCount())]
    assert shown == ["ja, 28-11-2026", "niet bevestigd", ""]
