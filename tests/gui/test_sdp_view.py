"""The call window's SDP tab: offer and answer side by side, blamed lines highlighted, each
finding linked to its lines; the findings panel puts the worst first.

The story test feeds a recorded exchange (tests/data/sdp: pjsua's offer with
``a=fmtp:0 abc=no`` and rtpengine 10.5's stripped answer); the lab test places the real
``codecstrip`` call through Kamailio and rtpengine-daemon. Screenshots:
artifacts/screenshots/call_sdp_story.png and call_sdp_codecstrip.png.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import (
    CallStateChanged,
    Finding,
    MediaStats,
    MediaTransport,
    SdpExchanged,
    StreamFigures,
)
from softdiag.findings import make_finding
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.sdp.report import exchange_events
from softdiag.session import Session
from ui.panels.call_panel import CallPanel
from ui.panels.findings_panel import FindingsPanel
from ui.panels.sdp_view import SdpView

from .helpers import SCREENSHOTS, publish_from_thread

pytestmark = pytest.mark.gui

DATA = Path(__file__).resolve().parents[1] / "data" / "sdp"
OFFER = (DATA / "pjsua_2.15_offer_fmtp_abc.sdp").read_text()
ANSWER = (DATA / "rtpengine_10.5_codec_strip_answer.sdp").read_text()
PATH = (("record-route", "<sip:127.0.14.4;lr;ftag=x;mp=rtpengine>"),)


def _strong_lines(view: SdpView, side: str) -> set[int]:
    text = view.offer_text if side == "offer" else view.answer_text
    return {
        s.cursor.blockNumber() + 1 for s in text.extraSelections() if s.format.fontWeight() == 700
    }


def test_sdp_tab_links_each_finding_to_its_lines(qtbot: QtBot) -> None:
    session = Session()
    panel = CallPanel(session, None)
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    qtbot.waitExposed(panel)
    events = exchange_events(1, OFFER, ANSWER, offerer="local", remote_headers=PATH)
    publish_from_thread(session, [
        CallStateChanged(call=1, state="calling", uri="sip:codecstrip@voip.test"),
        SdpExchanged(call=1, offer=OFFER, answer=ANSWER, offerer="local"),
        *events,
    ])  # fmt: skip
    view = panel.sdp_view
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 2, timeout=5000)
    # Both bodies, numbered like the evidence; every blamed line tinted before any choice.
    assert view.offer_text.toPlainText().splitlines()[18] == "19  a=fmtp:0 abc=no"
    assert len(view.answer_text.extraSelections()) == len(view.marked_lines("answer"))
    assert view.marked_lines("answer", "sdp.answer_only_telephone_event") == {6, 7, 8, 9}
    # Worst first; choosing a finding expands it and puts its own lines in bold.
    first = view.tree.topLevelItem(0)
    assert first is not None and first.text(0).startswith("The answer carries only")
    panel.tabs.setCurrentIndex(1)
    assert view.select("sdp.codec_removed")
    assert _strong_lines(view, "offer") == view.marked_lines("offer", "sdp.codec_removed")
    assert 19 in _strong_lines(view, "offer") and not _strong_lines(view, "answer")
    assert view.select("sdp.answer_only_telephone_event")
    assert _strong_lines(view, "answer") == {6, 7, 8, 9}
    expanded = view.tree.topLevelItem(0)
    assert expanded is not None and expanded.isExpanded() and expanded.childCount() >= 6
    # The same findings reach the call's findings list, and the tab says something is wrong.
    assert {f.id for f in panel.findings.findings()} == {
        "sdp.answer_only_telephone_event", "sdp.codec_removed"}  # fmt: skip
    assert not panel.tabs.tabIcon(1).isNull()
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SCREENSHOTS / "call_sdp_story.png"))
    panel.close_panel()


def test_media_transport_state_next_to_the_counters(qtbot: QtBot) -> None:
    panel = CallPanel(None, None)
    qtbot.addWidget(panel)
    figures = StreamFigures(packets=50, bytes=8000)
    transport = MediaTransport(profile="UDP/TLS/RTP/SAVPF", srtp="active",
                               srtp_suite="AES_CM_128_HMAC_SHA1_80", dtls=True, ice="done")  # fmt: skip
    panel.feed([MediaStats(call=1, codec="PCMU", clock_rate=8000, rx=figures, tx=figures,
                           transport=transport)])  # fmt: skip
    row = next(r for r in range(panel.stats.rowCount())
               if panel.stats.verticalHeaderItem(r).text() == "Media transport")  # fmt: skip
    assert panel.stats.item(row, 0).text() == (
        "UDP/TLS/RTP/SAVPF · SRTP active (AES_CM_128_HMAC_SHA1_80), DTLS · ICE done"
    )


def test_a_clean_exchange_says_so_and_marks_nothing(qtbot: QtBot) -> None:
    view = SdpView()
    qtbot.addWidget(view)
    offer = (DATA / "rfc4317_2.1_offer.sdp").read_text()
    answer = (DATA / "rfc4317_2.1_answer.sdp").read_text()
    view.show_exchange(SdpExchanged(call=1, offer=offer, answer=answer, offerer="remote"))
    [analysed] = exchange_events(1, offer, answer, offerer="remote")
    view.show_analysis(analysed)  # type: ignore[arg-type]
    assert view.tree.topLevelItemCount() == 0
    assert view.status.text() == "Nothing wrong in this offer and answer."
    assert view.offer_title.text() == "Offer (received)"
    assert not view.offer_text.extraSelections() and not view.answer_text.extraSelections()


def test_findings_panel_puts_errors_first_then_newest(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.add(make_finding("sdp.ptime_odd", side="offer", value="ptime 25"))
    panel.add(make_finding("sdp.media_rejected"))
    panel.add(make_finding("nat.none", local="192.0.2.1:5060"))
    panel.add(make_finding("sdp.fmtp_mismatch", codec="PCMU/8000", offered="a=1", answered="none"))
    panel.add(make_finding("call.failed", uri="sip:x@y", code=488, reason="Not Acceptable"))
    assert [f.id for f in panel.findings()] == [
        "call.failed", "sdp.media_rejected", "sdp.fmtp_mismatch", "sdp.ptime_odd", "nat.none"]  # fmt: skip


@pytest.fixture
def proxy_lab(lab: Lab) -> Lab:
    proxied = Lab(dataclasses.replace(lab.topology, rtpengine=True), state_dir=lab.state_dir)
    proxied.up()
    return proxied


@pytest.mark.lab
def test_sdp_tab_during_the_codec_strip_call(qtbot: QtBot, proxy_lab: Lab) -> None:
    session = Session()
    phone = Softphone(session)
    phone.start()
    spec = AccountSpec(domain="voip.test", user="hana", password=LAB_PASSWORD,
                       dns=proxy_lab.topology.dns, expires=30)  # fmt: skip
    panel = CallPanel(session, phone, account=lambda: spec, registered=lambda: False,
                      echo_uri="sip:codecstrip@voip.test")  # fmt: skip
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    try:
        phone.engine.set_offer_fmtp((("PCMU", "abc=no"), ("PCMA", "abc=no")))
        panel.duration_spin.setValue(4)
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
        view = panel.sdp_view
        try:
            qtbot.waitUntil(lambda: view.analysis is not None, timeout=20_000)
        except Exception as exc:
            raise AssertionError(
                f"no SDP analysis; the call says {panel.state_label.text()!r}, "
                f"its findings: {panel.findings.findings()}"
            ) from exc
        assert view.analysis is not None
        assert [f.id for f in view.analysis.findings] == [
            "sdp.answer_only_telephone_event", "sdp.codec_removed"]  # fmt: skip
        panel.tabs.setCurrentIndex(1)
        assert view.select("sdp.answer_only_telephone_event")
        assert _strong_lines(view, "answer") == view.marked_lines(
            "answer", "sdp.answer_only_telephone_event")  # fmt: skip
        assert "abc=no" in view.offer_text.toPlainText()
        qtbot.wait(100)
        assert panel.grab().save(str(SCREENSHOTS / "call_sdp_codecstrip.png"))
        qtbot.waitUntil(lambda: panel.call_button.text() == "Test call", timeout=20_000)
    finally:
        panel.close_panel()
        phone.engine.set_offer_fmtp(())
        phone.shutdown()


def test_reasons_are_catalogue_phrases_and_translate(chinese: list[object]) -> None:
    from softdiag import i18n
    from softdiag.sdp.texts import REASONS
    from ui.texts.finding_texts import finding_title

    assert {k: i18n.english(f"sdp.reason.{k}") for k in REASONS} == REASONS
    answer = (DATA / "rtpengine_10.5_webrtc_answer.sdp").read_text()
    offer = (DATA / "rfc8842_webrtc_offer.sdp").read_text()
    [_analysed, unusable, mux] = exchange_events(1, offer, answer, offerer="remote")
    assert isinstance(unusable, Finding) and isinstance(mux, Finding)
    title = finding_title(unusable)
    assert "只有私网或回环地址上的主机候选" in title and "host candidates" not in title
    assert "WebRTC 的 offer" in finding_title(mux)
