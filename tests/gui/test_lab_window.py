"""End to end: the window drives the real Softphone against the lab's real Kamailio."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softdiag.account import Softphone
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session

from .fixtures import WindowFactory

pytestmark = [pytest.mark.gui, pytest.mark.lab]


def test_register_and_unregister_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, lab: Lab
) -> None:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    window = make_window(session=session, softphone=Softphone(session), recorder=recorder)

    qtbot.keyClicks(window.domain_edit, "voip.test")
    qtbot.keyClicks(window.user_edit, "guiuser")
    qtbot.keyClicks(window.password_edit, LAB_PASSWORD)
    qtbot.keyClicks(window.dns_edit, lab.topology.dns)
    window.transport_combo.setCurrentIndex(window.transport_combo.findData("udp"))
    qtbot.mouseClick(window.register_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "200" in window.code_label.text(), timeout=10_000)
    server = window.server_label.text()
    REGISTRARS = {r.ip: r.name for r in lab.topology.registrars}
    ip = next(ip for ip in REGISTRARS if ip in server)
    assert "guiuser" in lab.registered_aors(REGISTRARS[ip])  # seen from the server side

    qtbot.mouseClick(window.register_button, Qt.MouseButton.LeftButton)  # Unregister
    qtbot.waitUntil(lambda: "guiuser" not in lab.registered_aors(REGISTRARS[ip]), timeout=10_000)
    qtbot.waitUntil(window.register_button.isEnabled, timeout=10_000)
    assert LAB_PASSWORD not in "\n".join(str(e) for e in recorder.snapshot())
