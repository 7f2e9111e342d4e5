"""End to end over TLS: the window registers through the lab's real Kamailio with the
lab's CA, two servers show a certificate with a wrong name; the servers table and the
finding are saved as a screenshot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTranslator
from pytestqt.qtbot import QtBot

from softdiag.account import Softphone
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session
from ui.panels.findings_panel import FINDING_ROLE
from ui.panels.servers_view import COL_HEALTH

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS

pytestmark = [pytest.mark.gui, pytest.mark.lab]


@pytest.fixture
def wrong_names(lab: Lab) -> Iterator[Lab]:
    for reg in ("kam1", "kam2"):
        lab.bad_cert(reg)
    yield lab
    for reg in lab.topology.registrars:
        lab.revive(reg.name)


def test_tls_wrong_name_servers_table_and_finding(
    qtbot: QtBot, make_window: WindowFactory, wrong_names: Lab
) -> None:
    _wrong_names_story(
        qtbot, make_window, wrong_names, "servers_tls_wrong_name.png", "certificate not made out"
    )


def test_tls_wrong_name_in_chinese(
    chinese: list[QTranslator], qtbot: QtBot, make_window: WindowFactory, wrong_names: Lab
) -> None:
    _wrong_names_story(
        qtbot, make_window, wrong_names, "servers_tls_wrong_name_zh_CN.png", "证书不是颁发给"
    )


def _wrong_names_story(
    qtbot: QtBot, make_window: WindowFactory, lab: Lab, screenshot: str, why: str
) -> None:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    window = make_window(session=session, softphone=Softphone(session), recorder=recorder)
    window.resize(1200, 900)

    qtbot.keyClicks(window.domain_edit, "voip.test")
    qtbot.keyClicks(window.user_edit, "tlsgui")
    qtbot.keyClicks(window.password_edit, LAB_PASSWORD)
    qtbot.keyClicks(window.dns_edit, lab.topology.dns)
    window.transport_combo.setCurrentIndex(window.transport_combo.findData("tls"))
    form = window.account_form
    assert form.ca_edit.isEnabled()
    qtbot.keyClicks(form.ca_edit, "/nonexistent/ca.pem")
    qtbot.mouseClick(window.register_button, Qt.MouseButton.LeftButton)
    assert "/nonexistent/ca.pem" in form.error_label.text()  # refused before anything is sent
    form.ca_edit.clear()
    qtbot.keyClicks(form.ca_edit, str(lab.ca_path))
    qtbot.mouseClick(window.register_button, Qt.MouseButton.LeftButton)

    kam3 = lab._registrar("kam3")
    qtbot.waitUntil(lambda: "200" in window.code_label.text(), timeout=15_000)
    assert kam3.ip in window.server_label.text()

    def mismatch_shown() -> bool:
        return any(
            getattr(e, "id", "") == "tls.name_mismatch" for e in recorder.snapshot()
        ) and any(f.id == "tls.name_mismatch" for f in window.findings_panel.findings())

    qtbot.waitUntil(mismatch_shown, timeout=10_000)
    window.sections.setCurrentWidget(window.servers_panel)
    # Every probe round has run once over TLS: the table says why kam1 and kam2 are down.
    table = window.servers_panel.table

    def why_shown() -> bool:  # the health cell's tooltip says why a server is down
        tips = [table.item(k).toolTip(COL_HEALTH) for k in table.server_keys()]
        return sum(why in t for t in tips) == 2

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / screenshot
    try:
        qtbot.waitUntil(why_shown, timeout=10_000)
        # Select the finding: the detail pane shows its evidence (the certificate).
        items = window.findings_panel.list
        for row in range(items.count()):
            finding = items.item(row).data(FINDING_ROLE)
            if finding is not None and finding.id == "tls.name_mismatch":
                items.setCurrentRow(row)
                break
        qtbot.wait(200)
    finally:  # what the user saw, also when the table did not say it
        assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000

    qtbot.mouseClick(window.register_button, Qt.MouseButton.LeftButton)  # Unregister
    qtbot.waitUntil(window.register_button.isEnabled, timeout=10_000)
    assert LAB_PASSWORD not in "\n".join(str(e) for e in recorder.snapshot())
