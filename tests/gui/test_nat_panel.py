"""The NAT tab: the public mapping every server sees, the NAT class, and each change with
its cause, fed by real events published through a real Session from another thread.

The NAT events come from the engine's own NAT watch (``softdiag.nat.watch``): every 2xx
REGISTER's Via received/rport is observed; a change is published as ``NatMappingChanged``,
followed by ``NatStatus`` when something changed. So causes, explanations and evidence are
exactly what the engine would say.
"""

from __future__ import annotations

import dataclasses
import html
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from softdiag.events import (
    Event,
    Log,
    NatMappingChanged,
    NatStatus,
    RegistrationChanged,
    SipMessage,
    StunBehaviour,
)
from softdiag.findings import make_finding
from softdiag.nat.tracker import CAUSES, CLASSES
from softdiag.nat.watch import NatWatch
from softdiag.session import Session
from ui.panels.nat_panel import (
    CH_CAUSE,
    CH_MAPPING,
    CH_SERVER,
    COL_CHANGE,
    COL_PUBLIC,
    COL_SERVER,
    COL_SOURCE,
    HIGHLIGHT_S,
    MAX_CHANGES,
    STUN_KEY,
)
from ui.texts.nat_texts import cause_text, class_text
from ui.windows.main_window import MainWindow

from .fixtures import WindowFactory
from .helpers import (
    AOR,
    KAM,
    LOCAL,
    SCREENSHOTS,
    SERVER,
    StoryClock,
    flood,
    publish_from_thread,
    registration_story,
    sticky_story,
)

pytestmark = pytest.mark.gui

HOME = "192.168.1.20:40312"  # our socket behind a home router
PUBLIC_IP = "203.0.113.7"
KAM2 = f"{KAM['kam2']}:5060"
KAM3 = f"{KAM['kam3']}:5060"
KAM1 = f"{KAM['kam1']}:5060"


class NatDriver:
    """Stories of 2xx REGISTER answers, through the engine's own :class:`NatWatch`: a 2xx in,
    the events the engine publishes out (RegistrationChanged, NatMappingChanged, NatStatus)."""

    def __init__(self, clock: StoryClock, keepalive: float | None = 15.0) -> None:
        self.clock = clock
        self.watch = NatWatch(AOR, keepalive_interval=keepalive)

    def registered(
        self,
        ago: float,
        server: str,
        rport: int,
        *,
        received: str = PUBLIC_IP,
        local: str = HOME,
    ) -> list[Event]:
        ip = server.rpartition(":")[0]
        name = next((n for n, address in KAM.items() if address == ip), "")
        event = RegistrationChanged(
            state="registered", aor=AOR, server=server, transport="udp", code=200,
            reason="OK", expires=60, received=received, rport=rport,
            registrar=f"{name} {ip}" if name else None, local=local,
            **self.clock.at(ago),
        )  # fmt: skip
        return [event, *self.observe(event)]

    def observe(self, event: RegistrationChanged) -> list[Event]:
        return self.watch.observe(event)

    def with_nat(
        self, story: list[Event], rport: Callable[[RegistrationChanged], int]
    ) -> list[Event]:
        """A failover story with our socket and its NAT: every 2xx gets ``local`` and the
        port ``rport`` says the server saw, followed by the engine's NAT events."""
        events: list[Event] = []
        for event in story:
            if not isinstance(event, RegistrationChanged):
                events.append(event)
            elif event.state != "registered":
                events.append(dataclasses.replace(event, local=HOME))
            else:
                answer = dataclasses.replace(
                    event, local=HOME, received=PUBLIC_IP, rport=rport(event)
                )
                events += [answer, *self.observe(answer)]
        return events


def stun(clock: StoryClock, ago: float, lifetime: float | None = 25.0) -> StunBehaviour:
    return StunBehaviour(
        stun_server="stun.voip.test:3478",
        local="192.168.1.20:50811",
        mapped=f"{PUBLIC_IP}:50811",
        mapping="address-dependent",
        filtering="address-and-port-dependent",
        lifetime_s=lifetime,
        evidence=("test I: 203.0.113.7:50811", "test II: 203.0.113.7:50919 (another port)"),
        **clock.at(ago),
    )


def publish_and_draw(
    qtbot: QtBot, window: MainWindow, session: Session, events: list[Event]
) -> None:
    """Publish from another thread and wait until the window took every event in."""
    rows = window.log_panel.model.rowCount()
    publish_from_thread(session, events)
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() >= rows + len(events), timeout=5000)


def nat_window(make_window: WindowFactory, *, show_nat: bool = True) -> tuple[MainWindow, Session]:
    session = Session()
    window = make_window(session=session)
    if show_nat:
        window.sections.setCurrentWidget(window.nat_panel)
    return window, session


# -- the engine's catalogues -------------------------------------------------------------


def test_every_cause_and_class_is_in_the_one_catalogue() -> None:
    from softdiag import i18n

    catalogue = i18n.catalogue()
    assert {k: catalogue[f"nat.cause.{k}"] for k in CAUSES} == CAUSES
    assert {k: catalogue[f"nat.class.{k}"] for k in CLASSES} == CLASSES


def _every_cause() -> list[Event]:
    """One story that makes the tracker report every cause it knows."""
    clock = StoryClock()
    events: list[Event] = []
    nat = NatDriver(clock)
    events += nat.registered(300, KAM2, 40123)  # first_seen
    events += nat.registered(245, KAM2, 40999)  # rebinding
    events += nat.registered(190, KAM2, 40999, received="198.51.100.9")  # public_ip_changed
    events += nat.registered(135, KAM3, 41500, received="198.51.100.9")  # server_move
    events += nat.registered(80, KAM3, 41500, received="198.51.100.9", local="10.8.0.5:40312")
    idle = NatDriver(clock, keepalive=None)  # no keep-alives: a REGISTER every 295 s
    events += idle.registered(400, KAM2, 40123)
    events += idle.registered(105, KAM2, 5000)  # idle_timeout
    return events


def test_cause_and_class_in_english_are_the_engines_text() -> None:
    events = _every_cause()
    changes = [e for e in events if isinstance(e, NatMappingChanged)]
    assert {c.likely_cause for c in changes} == set(CAUSES)
    for change in changes:
        assert cause_text(change) == change.explanation
    statuses = [e for e in events if isinstance(e, NatStatus)]
    assert {s.classification for s in statuses} >= {"stable", "address_dependent"}
    for status in statuses:
        assert class_text(status) == status.explanation
    unknown = dataclasses.replace(changes[0], likely_cause="future_cause", explanation="Later")
    assert cause_text(unknown) == "Later"


def test_cause_and_class_in_chinese(chinese: list[QTranslator]) -> None:
    changes = {e.likely_cause: e for e in _every_cause() if isinstance(e, NatMappingChanged)}
    for cause, change in changes.items():
        text = cause_text(change)
        assert text != change.explanation, cause
        # Filled with the same values (a network switch is about the local address).
        assert (change.local if cause == "local_changed" else change.new) in text, cause
    assert "295" in cause_text(changes["idle_timeout"])  # {idle:.0f} in the translation too
    status = NatStatus(
        classification="no_nat", explanation="", local=HOME, mappings=((KAM2, HOME),)
    )
    assert class_text(status) == f"无 NAT：服务器看到的就是我们自己的地址 {HOME}"


# -- the panel ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "rport", "class_start", "dot"),
    [
        (PUBLIC_IP, 61000, f"behind NAT: every server sees us as {PUBLIC_IP}:61000", "#2e9d4f"),
        ("192.168.1.20", 40312, f"no NAT: servers see our own address {HOME}", "#2e9d4f"),
    ],
    ids=["behind-nat", "no-nat"],
)
def test_first_answer_shows_the_mapping(
    make_window: WindowFactory,
    qtbot: QtBot,
    received: str,
    rport: int,
    class_start: str,
    dot: str,
) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    assert panel.class_label.text() == "no server has answered yet"
    assert "not measured yet" in panel.keepalive_label.text()
    assert "softdiag nat --lifetime" in panel.keepalive_label.text()

    nat = NatDriver(StoryClock())
    events = nat.registered(0.2, KAM2, rport, received=received)
    assert [type(e).__name__ for e in events] == [
        "RegistrationChanged", "NatMappingChanged", "NatStatus"
    ]  # fmt: skip
    publish_and_draw(qtbot, window, session, events)

    assert panel.local_label.text() == HOME
    assert panel.class_label.text() == class_start
    assert panel.class_dot.property("color") == dot
    assert panel.row_keys() == [KAM2]
    assert panel.cell(KAM2, COL_SERVER) == f"{KAM2} (kam2)"
    assert panel.cell(KAM2, COL_PUBLIC) == f"{received}:{rport}"
    assert panel.cell(KAM2, COL_SOURCE) == "REGISTER"
    assert panel.cell(KAM2, COL_CHANGE) == ""  # learnt, not changed
    assert panel.highlight_level(KAM2) == 0.0
    assert not window.nat_tab_marked
    assert panel.change_count() == 1
    first = panel.change_item(0)
    assert first.text(CH_CAUSE) == "first answer"
    assert first.text(CH_MAPPING) == f"→ {received}:{rport}"
    assert f"first answer from {KAM2}: it sees us as {received}:{rport}" in first.toolTip(0)
    if received == "192.168.1.20":
        assert "no NAT on this path" in panel.item(KAM2).toolTip(COL_PUBLIC)

    # The log names NAT events in words, not as Python objects.
    log = window.log_panel.model
    kinds = [log.index(r, 1).data() for r in range(log.rowCount())]
    assert kinds[-2:] == ["NAT", "NAT"]
    assert log.index(log.rowCount() - 1, 2).data() == class_start


def test_rebinding_is_highlighted_live(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    nat = NatDriver(StoryClock())
    publish_and_draw(qtbot, window, session, nat.registered(55, KAM2, 40123))
    assert panel.cell(KAM2, COL_CHANGE) == ""

    # 55 s later the same server sees another port, though keep-alives flowed every 15 s.
    events = nat.registered(0.1, KAM2, 40999)
    change = events[1]
    assert isinstance(change, NatMappingChanged) and change.likely_cause == "rebinding"
    publish_and_draw(qtbot, window, session, events)

    assert panel.cell(KAM2, COL_PUBLIC) == f"{PUBLIC_IP}:40999"
    tag = panel.cell(KAM2, COL_CHANGE)
    assert tag == "changed: NAT rebinding (state lost)"
    assert panel.item(KAM2).font(COL_CHANGE).bold()
    assert panel.highlight_level(KAM2) == 1.0
    background = panel.item(KAM2).background(COL_PUBLIC).color()
    assert (background.red(), background.green(), background.alpha()) == (255, 186, 150)
    assert panel.fading
    assert not window.nat_tab_marked  # it happened in plain sight

    # The change list says why, newest first; hovering gives the sentence and the evidence.
    assert panel.change_count() == 2
    newest = panel.change_item(0)
    assert newest.text(CH_SERVER) == f"{KAM2} (kam2)"
    assert newest.text(CH_MAPPING) == f"{PUBLIC_IP}:40123 → {PUBLIC_IP}:40999"
    assert newest.text(CH_CAUSE) == "NAT rebinding (state lost)"
    assert panel.change_highlight_level(0) == 1.0
    assert panel.change_highlight_level(1) == 0.0
    tip = newest.toolTip(CH_CAUSE)
    assert change.explanation in tip
    assert "Evidence:" in tip
    assert f"  • server={KAM2}" in tip
    assert f"  • old={PUBLIC_IP}:40123" in tip
    assert change.explanation in panel.item(KAM2).toolTip(COL_SERVER)
    assert window.registration_panel.public_label.text() == f"{PUBLIC_IP}:40999"

    # One server, one (new) public address: the class says so.
    assert panel.class_label.text() == f"behind NAT: every server sees us as {PUBLIC_IP}:40999"

    # The log shows the change as a warning, in words.
    log = window.log_panel.model
    row = next(
        r for r in range(log.rowCount()) if isinstance(log.event_at(r), NatMappingChanged)
        and log.event_at(r).old is not None  # type: ignore[attr-defined]
    )  # fmt: skip
    assert log.index(row, 2).data() == change.explanation
    window.log_panel.table.selectRow(window.log_panel.proxy.mapFromSource(log.index(row, 0)).row())
    detail = window.log_panel.detail.toPlainText()
    assert f"Learnt from REGISTER, our socket {HOME}" in detail
    assert f"Evidence:\n  server={KAM2}" in detail
    assert log.index(row, 0).data(9) is not None  # ForegroundRole: coloured

    # ~10 s later the highlight is gone; the cause stays, in plain type.
    later = time.monotonic() + HIGHLIGHT_S + 0.5
    monkeypatch.setattr(panel, "_clock", lambda: later)
    qtbot.waitUntil(lambda: not panel.fading, timeout=2000)
    assert panel.highlight_level(KAM2) == 0.0
    assert panel.cell(KAM2, COL_CHANGE) == "NAT rebinding (state lost)"
    assert not panel.item(KAM2).font(COL_CHANGE).bold()
    assert panel.item(KAM2).background(COL_PUBLIC).style() == Qt.BrushStyle.NoBrush
    assert panel.change_highlight_level(0) == 0.0


def test_highlight_fades(make_window: WindowFactory, qtbot: QtBot) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    clock = StoryClock()
    nat = NatDriver(clock)
    # The change happened 6 s ago: past the 2 s at full strength, about half faded.
    publish_and_draw(
        qtbot, window, session, nat.registered(60, KAM2, 40123) + nat.registered(6, KAM2, 40999)
    )
    level = panel.highlight_level(KAM2)
    assert 0.3 < level < 0.6
    alpha = panel.item(KAM2).background(COL_SERVER).color().alpha()
    assert 0 < alpha < 150
    assert panel.cell(KAM2, COL_CHANGE).startswith("changed: ")
    qtbot.waitUntil(lambda: panel.highlight_level(KAM2) < level - 0.02, timeout=2000)


def test_change_while_hidden_marks_the_tab(make_window: WindowFactory, qtbot: QtBot) -> None:
    window, session = nat_window(make_window, show_nat=False)
    panel = window.nat_panel
    assert window.sections.currentWidget() is window.servers_panel
    assert window.sections.tabText(1) == "NAT"
    nat = NatDriver(StoryClock())
    publish_and_draw(qtbot, window, session, nat.registered(60, KAM2, 40123))
    assert not window.nat_tab_marked  # a first answer is not a change
    publish_and_draw(qtbot, window, session, nat.registered(0.1, KAM2, 40999))

    assert window.nat_tab_marked
    assert window.sections.tabText(1) == "NAT •"
    assert "changed" in window.sections.tabToolTip(1)
    assert panel.table.topLevelItemCount() == 0  # hidden: nothing drawn yet

    # Shown 3 s later: the highlight starts now, when someone can see it.
    qtbot.wait(300)
    window.sections.setCurrentWidget(panel)
    assert not window.nat_tab_marked
    assert window.sections.tabText(1) == "NAT"
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 1, timeout=1000)
    assert panel.highlight_level(KAM2) == 1.0
    assert panel.cell(KAM2, COL_CHANGE).startswith("changed: NAT rebinding")
    assert panel.change_highlight_level(0) == 1.0


def test_first_ip_hops_give_one_row_per_server(make_window: WindowFactory, qtbot: QtBot) -> None:
    """MicroSIP's way (CASES.md case 1): every hop to another server gets another public
    port from the same NAT; each server keeps seeing its own."""
    window, session = nat_window(make_window)
    panel = window.nat_panel
    clock = StoryClock()
    nat = NatDriver(clock)
    ports = {KAM1: 40001, KAM2: 40002, KAM3: 40003}
    events = [
        *nat.registered(120, KAM1, ports[KAM1]),
        *nat.registered(65, KAM2, ports[KAM2]),
        *nat.registered(0.5, KAM3, ports[KAM3]),
    ]
    causes = [e.likely_cause for e in events if isinstance(e, NatMappingChanged)]
    assert causes == ["first_seen", "server_move", "server_move"]
    publish_and_draw(qtbot, window, session, events)

    assert panel.row_keys() == [KAM1, KAM2, KAM3]
    for server, port in ports.items():
        assert panel.cell(server, COL_PUBLIC) == f"{PUBLIC_IP}:{port}"
    assert panel.cell(KAM1, COL_SERVER) == f"{KAM1} (kam1)"
    assert panel.class_label.text() == (
        "behind NAT with address-dependent mapping: one local socket, different public ports "
        f"towards different servers ({PUBLIC_IP}:40001, {PUBLIC_IP}:40002, {PUBLIC_IP}:40003)"
    )
    assert panel.class_dot.property("color") == "#e8a317"  # amber: a risk, not a fault
    # Only the hop that just happened is highlighted.
    assert panel.highlight_level(KAM3) == 1.0
    assert panel.highlight_level(KAM2) == 0.0
    assert panel.cell(KAM2, COL_CHANGE) == "new server, new mapping"
    assert panel.cell(KAM3, COL_CHANGE).startswith("changed: new server")

    assert panel.change_count() == 3
    newest = panel.change_item(0)
    assert newest.text(CH_SERVER) == f"{KAM3} (kam3)"
    assert newest.text(CH_MAPPING) == f"{PUBLIC_IP}:40002 → {PUBLIC_IP}:40003"
    assert f"the registration moved from {KAM2} to {KAM3}" in newest.toolTip(0)
    assert "old_server=127.0.0.3:5060" in newest.toolTip(0)

    # Back to kam1 with its old mapping: no new row, the table still has one per server.
    publish_and_draw(qtbot, window, session, nat.registered(0.1, KAM1, ports[KAM1]))
    assert panel.row_keys() == [KAM1, KAM2, KAM3]
    assert panel.change_count() == 4


def test_same_mapping_on_another_server_is_a_row(make_window: WindowFactory, qtbot: QtBot) -> None:
    """A server that sees the mapping the previous one saw brings no mapping change, only
    the table that grew (NatStatus): a server that sees us is a row."""
    window, session = nat_window(make_window)
    panel = window.nat_panel
    nat = NatDriver(StoryClock())
    events = nat.registered(60, KAM2, 40123) + nat.registered(1, KAM3, 40123)
    assert [type(e).__name__ for e in events[3:]] == ["RegistrationChanged", "NatStatus"]
    publish_and_draw(qtbot, window, session, events)
    assert panel.row_keys() == [KAM2, KAM3]
    assert panel.cell(KAM3, COL_PUBLIC) == f"{PUBLIC_IP}:40123"
    assert panel.class_label.text() == f"behind NAT: every server sees us as {PUBLIC_IP}:40123"


def test_network_switch_starts_a_new_table(make_window: WindowFactory, qtbot: QtBot) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    nat = NatDriver(StoryClock())
    events = nat.registered(60, KAM2, 40123)
    events += nat.registered(30, KAM3, 40555)
    events += nat.registered(0.5, KAM3, 40312, received="10.8.0.5", local="10.8.0.5:40312")
    assert [e.likely_cause for e in events if isinstance(e, NatMappingChanged)][-1] == (
        "local_changed"
    )
    publish_and_draw(qtbot, window, session, events)
    assert panel.local_label.text() == "10.8.0.5:40312"
    assert panel.row_keys() == [KAM3]  # the old socket's mappings are gone
    assert panel.cell(KAM3, COL_CHANGE) == "changed: network switch (new local address)"
    assert panel.class_label.text() == "no NAT: servers see our own address 10.8.0.5:40312"


def test_stun_and_keepalive_verdicts(make_window: WindowFactory, qtbot: QtBot) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    assert "not tested yet" in panel.stun_label.text()
    assert panel.stun_icon.isHidden() and panel.keepalive_icon.isHidden()
    clock = StoryClock()
    nat = NatDriver(clock)
    # What `softdiag nat --lifetime` concludes: the NAT's behaviour, and keep-alive advice.
    per_destination = make_finding(
        "nat.mapping_per_destination", evidence=("test II: another port",),
        mapping="address-dependent",
    )  # fmt: skip
    too_slow = make_finding(
        "nat.keepalive_too_slow", evidence=("idle 25 s: mapping lost",),
        lifetime="25", interval="30", mechanism="CRLF", suggested="12",
    )  # fmt: skip
    events = [*nat.registered(10, KAM2, 40123), stun(clock, 5), per_destination, too_slow]
    publish_and_draw(qtbot, window, session, events)

    assert panel.stun_label.text() == (
        "a new public port for every server address; lets in packets only from the address "
        "and port we sent to; an idle mapping lasts ~25 s"
    )
    tip = panel.stun_label.toolTip()
    assert "stun.voip.test:3478" in tip
    assert "• test II: 203.0.113.7:50919 (another port)" in tip
    assert per_destination.title in tip and per_destination.advice in tip
    assert panel.stun_icon.property("severity") == "warning"
    assert panel.row_keys() == [KAM2, STUN_KEY]
    assert panel.cell(STUN_KEY, COL_SERVER) == "STUN stun.voip.test:3478"
    assert panel.cell(STUN_KEY, COL_PUBLIC) == f"{PUBLIC_IP}:50811"
    assert panel.cell(STUN_KEY, COL_SOURCE) == "STUN"
    assert "192.168.1.20:50811" in panel.item(STUN_KEY).toolTip(0)  # STUN's own socket
    assert panel.local_label.text() == HOME  # the registration's socket, not STUN's

    # The keep-alive line takes the keep-alive verdict, not the STUN one.
    assert panel.keepalive_label.text() == html.escape(too_slow.title)
    assert too_slow.advice in panel.keepalive_label.toolTip()
    assert "• idle 25 s: mapping lost" in panel.keepalive_label.toolTip()
    assert panel.keepalive_icon.property("severity") == "error"
    assert not panel.keepalive_icon.isHidden()

    # A router that rewrites packets is said in plain sight; a later verdict replaces the
    # last one; an unmeasured lifetime says so.
    alg = make_finding("nat.alg", mapped=f"{PUBLIC_IP}:50811", plain="192.168.1.20:50811")
    ok = make_finding(
        "nat.keepalive_ok", interval="12", mechanism="CRLF", lifetime="25", suggested="12"
    )
    publish_and_draw(qtbot, window, session, [alg, ok, stun(clock, 0, lifetime=None)])
    lines = panel.stun_label.text().split("<br>")
    assert lines[0].endswith("; lifetime not measured")
    assert lines[1] == html.escape(alg.title)
    assert panel.keepalive_label.text() == html.escape(ok.title)
    assert panel.keepalive_icon.property("severity") == "info"


def test_new_registration_clears_the_table(make_window: WindowFactory, qtbot: QtBot) -> None:
    from softdiag.settings import LoadResult, Settings

    session = Session()
    window = make_window(
        session=session, loaded=LoadResult(Settings(domain="voip.test", user="alice"))
    )
    window.sections.setCurrentWidget(window.nat_panel)
    panel = window.nat_panel
    publish_and_draw(qtbot, window, session, NatDriver(StoryClock()).registered(5, KAM2, 40123))
    window.password_edit.setText("secret")
    window._register_clicked()  # the form's account registers anew (as after a change)
    assert panel.row_keys() == []
    assert panel.class_label.text() == "no server has answered yet"
    assert panel.change_count() == 1  # the history stays


# -- smoothness --------------------------------------------------------------------------

BURST = 2000
MAX_STALL = 0.100


def _nat_burst(clock: StoryClock) -> tuple[list[Event], int]:
    """2000 events: SIP messages and log lines, a refresh with a new port every 8 events (a
    rebinding: more changes than the list keeps), a hop to another server every 250, a
    STUN result every 500."""
    sip = [e for e in registration_story() if isinstance(e, SipMessage)]
    nat = NatDriver(clock)
    events: list[Event] = []
    port, server = 40000, KAM2
    for i in range(BURST):
        ago = (BURST - i) * 0.1
        if i % 500 == 250:
            events.append(stun(clock, ago))
        elif i % 250 == 0:
            server = KAM3 if server == KAM2 else KAM2
            port += 1
            events += nat.registered(ago, server, port)
        elif i % 8 == 0:
            port += 1
            events += nat.registered(ago, server, port)
        elif i % 10 == 5:
            events.append(Log(level="info", source="pjsip", message=f"line {i}", **clock.at(ago)))
        else:
            template = sip[i % len(sip)]
            events.append(
                SipMessage(
                    direction=template.direction, transport="udp", local=LOCAL, remote=SERVER,
                    text=template.text, **clock.at(ago),
                )
            )  # fmt: skip
    return events, port


@pytest.mark.parametrize("pace", [0, 20], ids=["one-burst", "paced"])
def test_no_stall_while_nat_events_flood_in(
    make_window: WindowFactory, qtbot: QtBot, pace: int
) -> None:
    window, session = nat_window(make_window)
    panel = window.nat_panel
    qtbot.wait(100)
    events, last_port = _nat_burst(StoryClock())
    changes = sum(isinstance(e, NatMappingChanged) for e in events)
    watchdog, elapsed = flood(qtbot, window, session, events, pace=pace, settle_ms=200)

    print(
        f"\n{len(events)} events ({changes} NAT changes) in {elapsed * 1000:.0f} ms; "
        f"longest event-loop gap {watchdog.max_gap * 1000:.1f} ms"
    )
    assert watchdog.max_gap < MAX_STALL
    assert panel.row_keys() == [KAM2, KAM3, STUN_KEY]
    last = [e for e in events if isinstance(e, RegistrationChanged)][-1]
    assert panel.cell(last.server, COL_PUBLIC) == f"{PUBLIC_IP}:{last_port}"
    assert changes > MAX_CHANGES
    assert panel.change_count() == MAX_CHANGES
    assert panel.changes.topLevelItemCount() == MAX_CHANGES
    newest = [e for e in events if isinstance(e, NatMappingChanged)][-1]
    assert panel.change_item(0).text(CH_MAPPING) == f"{newest.old} → {newest.new}"


def test_hidden_nat_panel_draws_nothing_until_shown(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window, session = nat_window(make_window, show_nat=False)
    panel = window.nat_panel
    events, _port = _nat_burst(StoryClock())
    publish_and_draw(qtbot, window, session, events)
    assert panel.table.topLevelItemCount() == 0
    assert panel.change_count() == 0
    assert not panel.fading
    window.sections.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.table.topLevelItemCount() == 3, timeout=1000)
    assert panel.change_count() > 0


# -- screenshots -------------------------------------------------------------------------

SIZE = (1200, 900)


def _rebinding_scene(make_window: WindowFactory, qtbot: QtBot, size: tuple[int, int]) -> MainWindow:
    """The sticky story (kam2 froze, the account moved to kam3) behind a home router: kam3
    sees a new port (server move); a minute later the router rebinds, just now."""
    from softdiag.settings import LoadResult, Settings

    session = Session()
    loaded = LoadResult(Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353"))
    window = make_window(session=session, loaded=loaded)
    window.resize(*size)
    window.password_edit.setText("softdiag-lab")
    clock = StoryClock()
    nat = NatDriver(clock)
    before, after = sticky_story(clock)
    story = nat.with_nat([*before, *after], lambda e: 40123 if e.server == KAM2 else 41877)
    story += [stun(clock, 100), *nat.registered(0.3, KAM3, 42310)]
    story.sort(key=lambda e: e.mono)  # stable: the story's own order where times tie
    window.sections.setCurrentWidget(window.nat_panel)
    publish_and_draw(qtbot, window, session, story)
    qtbot.wait(100)  # let pending layouts settle before measuring and grabbing
    return window


def _assert_fits(window: QWidget) -> None:
    for label in window.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text():
            continue
        needed = label.fontMetrics().horizontalAdvance(label.text())
        assert needed <= label.contentsRect().width() + 1, f"clipped: {label.text()!r}"


def _save(window: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_screenshot_nat_rebinding(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = _rebinding_scene(make_window, qtbot, SIZE)
    panel = window.nat_panel
    assert panel.row_keys() == [KAM2, KAM3, STUN_KEY]
    assert panel.cell(KAM3, COL_CHANGE).startswith("changed: NAT rebinding")
    assert panel.change_item(1).text(CH_CAUSE) == "new server, new mapping"
    _save(window, "nat_panel_rebinding.png")
    _assert_fits(window)


def test_screenshot_nat_small_screen(make_window: WindowFactory, qtbot: QtBot) -> None:
    """A 1366×768 laptop leaves the window about 1366×700: the top row, the tabs and the
    log's minimum already fill it. The tabs are no taller than the Servers group box they
    replaced (287 px), and the NAT tab shows all it has without clipping."""
    window = _rebinding_scene(make_window, qtbot, (1366, 700))
    _save(window, "nat_panel_1366x768.png")
    assert window.sections.sizeHint().height() <= 287
    log = window.log_panel.table
    assert log.height() >= log.minimumSizeHint().height()
    panel = window.nat_panel
    assert panel.changes.height() >= panel.changes.minimumSizeHint().height()
    summary = panel.summary
    assert not summary.verticalScrollBar().isVisible()  # the summary fits at this width
    _assert_fits(window)


def test_screenshot_nat_chinese(
    chinese: list[QTranslator], make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _rebinding_scene(make_window, qtbot, SIZE)
    assert window.sections.tabText(1) == "NAT"
    assert window.nat_panel.cell(KAM3, COL_CHANGE).startswith("已变化")
    _save(window, "nat_panel_rebinding_zh_CN.png")
    _assert_fits(window)
