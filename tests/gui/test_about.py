"""Help → About: the one version, pjsip/Qt/Python, every licence, the bundle export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import qVersion
from pytestqt.qtbot import QtBot

from softdiag.about import COMPONENTS, softdiag_version

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS

pytestmark = pytest.mark.gui


def test_help_menu_opens_about_with_versions_and_licences(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    from ui.windows.about_dialog import AboutDialog

    window = make_window(start=False)
    window.about_action.trigger()
    dialogs = [d for d in window.findChildren(AboutDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitExposed(dialog)
    assert softdiag_version() in dialog.title_label.text()
    assert f"Qt {qVersion()}" in dialog.versions_label.text()
    assert "pjsip 2." in dialog.versions_label.text()
    table = dialog.table
    assert table.rowCount() == len(COMPONENTS)
    shown = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert shown["pjsip (pjproject, pjsua2)"] == "GPL-2.0-or-later"
    assert shown["Qt for Python (PySide6)"] == "LGPL-3.0-only"
    assert "bundle export" in dialog.bundle_label.text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)
    assert dialog.grab().save(str(SCREENSHOTS / "about.png"))
    dialog.close()
