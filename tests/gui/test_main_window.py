"""The window against a real Session: events published from another thread reach the panels."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softdiag.commands import AccountSpec
from softdiag.events import AccountChanged, ProbeResult, RegistrationChanged, SipMessage
from softdiag.findings import make_finding
from softdiag.session import Recorder, Session
from softdiag.settings import LoadResult, Settings, load_settings
from ui.panels.servers_view import COL_ADDRESS, COL_HEALTH, COL_REGISTRATION, COL_RTT

from .fixtures import WindowFactory
from .helpers import StubSoftphone, publish_from_thread, registration_story

pytestmark = pytest.mark.gui


def test_start_runs_off_the_gui_thread(make_window: WindowFactory) -> None:
    phone = StubSoftphone(start_delay=0.2)
    window = make_window(softphone=phone)
    assert phone.names() == ["start"]
    assert phone.start_thread != threading.main_thread().name
    assert window.register_button.isEnabled()
    assert window.register_button.text() == "Register"


def test_button_waits_for_the_engine(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(softphone=StubSoftphone(start_delay=0.3), start=False)
    window.start_engine()
    assert not window.register_button.isEnabled()  # starting: nothing to register with yet
    qtbot.waitUntil(window.register_button.isEnabled, timeout=5000)


def test_registration_story_reaches_every_panel(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    phone = StubSoftphone()
    window = make_window(session=session, softphone=phone)
    story = registration_story()

    publish_from_thread(session, story)

    qtbot.waitUntil(lambda: window.code_label.text() == "200 OK", timeout=5000)
    assert window.state_label.text() == "Registered"
    assert "127.0.0.3:5060" in window.server_label.text()
    assert "kamailio-2" in window.server_label.text()
    panel = window.registration_panel
    assert panel.public_label.text() == "203.0.113.7:40123"
    assert panel.transport_label.text() == "UDP"
    assert re.fullmatch(r"(299|300) s \(of 300 s\)", panel.expires_label.text())
    table = window.servers_table
    keys = table.server_keys()
    assert [table.cell(k, COL_ADDRESS) for k in keys] == [
        "127.0.0.2:5060",
        "127.0.0.3:5060",
        "127.0.0.4:5060",
    ]
    assert table.registered_key == "127.0.0.3:5060/udp"  # it holds the registration
    assert table.cell("127.0.0.3:5060/udp", COL_REGISTRATION) == "registered here"
    assert table.item("127.0.0.3:5060/udp").font(0).bold()
    assert [table.cell(k, COL_RTT) for k in keys] == ["—", "0.4 ms", "0.4 ms"]
    # No policy report in this story: the health is the probes' until one arrives.
    assert [table.cell(k, COL_HEALTH) for k in keys] == ["Down", "Up", "Up"]
    assert (
        "127.0.0.2:5060 → 127.0.0.3:5060: no answer to OPTIONS (silent: frozen or black-holed)"
        in panel.failover_label.text()
    )
    assert "127.0.0.3, 127.0.0.2, 127.0.0.4" in window.servers_panel.order_label.text()
    assert "127.0.0.1:5353" in window.servers_panel.dns_label.text()

    # Every event is a log row (plus the keychain notice the window published itself);
    # probes are hidden until asked for.
    model = window.log_panel.model
    logged = [e for e in recorder if not isinstance(e, AccountChanged)]  # the panels draw these
    qtbot.waitUntil(lambda: model.rowCount() == len(logged), timeout=5000)
    shown = [model.event_at(r) for r in range(model.rowCount())]
    assert [e for e in shown if e in story] == story
    probes = sum(isinstance(e, ProbeResult) for e in story)
    assert window.log_panel.proxy.rowCount() == model.rowCount() - probes
    window.log_panel.probes_check.setChecked(True)
    assert window.log_panel.proxy.rowCount() == model.rowCount()
    sip_rows = [r for r, e in enumerate(shown) if isinstance(e, SipMessage)]
    assert len(sip_rows) == 4

    # Selecting a SIP row shows the whole message in the detail pane.
    proxy = window.log_panel.proxy
    challenge = next(r for r in sip_rows if "401" in shown[r].text)  # type: ignore[attr-defined]
    window.log_panel.table.selectRow(proxy.mapFromSource(model.index(challenge, 0)).row())
    detail = window.log_panel.detail.toPlainText()
    assert "SIP/2.0 401 Unauthorized" in detail
    assert 'WWW-Authenticate: Digest realm="voip.test"' in detail

    titles = [f.title for f in window.findings_panel.findings()]
    assert "The old registration on 127.0.0.2:5060 could not be removed" in titles
    item = window.findings_panel.list.item(0)
    assert "up to 300 s" in item.toolTip()  # the advice
    assert "un-REGISTER to 127.0.0.2:5060/udp: no answer" in item.toolTip()  # the evidence

    # Registered: the button unregisters.
    assert window.register_button.text() == "Unregister"
    window.register_button.click()
    assert window.register_button.text() == "Unregistering…"
    assert not window.register_button.isEnabled()
    qtbot.waitUntil(lambda: phone.names()[-1] == "unregister", timeout=5000)
    publish_from_thread(
        session,
        [
            RegistrationChanged(
                state="unregistered", aor="sip:alice@voip.test", server="127.0.0.3:5060",
                transport="udp", code=200, reason="OK",
            )
        ],
    )  # fmt: skip
    qtbot.waitUntil(lambda: window.register_button.text() == "Register", timeout=5000)
    assert window.state_label.text() == "Not registered"
    assert window.registration_panel.expires_label.text() == "—"


def test_countdown_follows_the_clock(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    event = RegistrationChanged(
        state="registered", aor="sip:alice@voip.test", server="127.0.0.3:5060", transport="udp",
        code=200, reason="OK", expires=60,
    )  # fmt: skip
    # An event that happened 10 s ago (as if the GUI drew it late): the countdown says 50.
    event = dataclasses.replace(event, mono=event.mono - 10)
    publish_from_thread(session, [event])
    label = window.registration_panel.expires_label
    qtbot.waitUntil(lambda: label.text().startswith(("50 s", "49 s")), timeout=5000)
    first = label.text()
    qtbot.waitUntil(lambda: label.text() != first, timeout=2500)  # the 1 s timer ticks


def test_register_saves_settings_and_password(
    make_window: WindowFactory, settings_file: Path, qtbot: QtBot
) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    qtbot.keyClicks(window.domain_edit, "voip.test")
    qtbot.keyClicks(window.user_edit, "alice")
    qtbot.keyClicks(window.password_edit, "s3cret pass")
    qtbot.keyClicks(window.dns_edit, "127.0.0.1:5353")
    window.transport_combo.setCurrentIndex(window.transport_combo.findData("tcp"))

    window.register_button.click()

    spec = phone.last("register")
    assert isinstance(spec, AccountSpec)
    assert (spec.domain, spec.user, spec.password) == ("voip.test", "alice", "s3cret pass")
    assert (spec.dns, spec.transport, spec.expires) == ("127.0.0.1:5353", "tcp", 300)
    assert window.register_button.text() == "Registering…"
    assert window.state_label.text() == "Registering…"

    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["domain"] == "voip.test"
    assert saved["transport"] == "tcp"
    assert "s3cret" not in settings_file.read_text(encoding="utf-8")  # never in the file
    assert window.passwords.get("alice", "voip.test") == "s3cret pass"

    # Clicking "Registering…" cancels; with no engine account yet that is all it takes.
    window.register_button.click()
    assert window.register_button.text() == "Register"  # at once: nothing to wait for
    assert "cancelled" in window.status_message()
    qtbot.waitUntil(lambda: phone.names()[-1] == "unregister", timeout=5000)  # off-thread


def test_saved_account_is_filled_in(make_window: WindowFactory) -> None:
    loaded = LoadResult(Settings(domain="voip.test", user="bob", dns="10.0.0.53", transport="tls"))
    window = make_window(loaded=loaded, start=False)
    assert window.domain_edit.text() == "voip.test"
    assert window.user_edit.text() == "bob"
    assert window.dns_edit.text() == "10.0.0.53"
    assert window.transport_combo.currentData() == "tls"


@pytest.mark.parametrize(
    ("domain", "user", "dns", "expected"),
    [
        ("", "alice", "", "Enter the SIP domain"),
        ("voip.test", "", "", "Enter the user name"),
        ("voip test", "alice", "", "bad SIP domain 'voip test'"),
        ("voip.test", "alice", "not a server!", ""),
    ],
)
def test_bad_input_is_one_red_line(
    make_window: WindowFactory, domain: str, user: str, dns: str, expected: str
) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    window.domain_edit.setText(domain)
    window.user_edit.setText(user)
    window.dns_edit.setText(dns)
    window.register_button.click()
    error = window.account_form.error_text()
    assert error and expected in error
    assert "\n" not in error
    assert "register" not in phone.names()
    assert window.account_form.error_label.isVisible()
    window.domain_edit.setText("x")  # programmatic: the error stays until the user types
    assert window.account_form.error_text() == error


def test_dns_failure_ends_the_attempt(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    window.domain_edit.setText("nowhere.test")
    window.user_edit.setText("alice")
    window.register_button.click()
    assert window.register_button.text() == "Registering…"
    finding = make_finding("dns.nxdomain", domain="nowhere.test", nameserver="127.0.0.1:5353")
    publish_from_thread(session, [finding])
    qtbot.waitUntil(lambda: window.state_label.text() == "Registration failed", timeout=5000)
    assert window.register_button.text() == "Register"
    assert "does not exist" in window.code_label.text()
    assert window.status_message() == ""  # no "Registering…" left behind
    assert window.server_label.text() == "—"  # nothing of an earlier account either


def test_unconfirmed_unregister_does_not_stick(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.windows.main_window.UNREGISTER_GRACE_MS", 200)
    session = Session()
    window = make_window(session=session)
    story = registration_story()
    publish_from_thread(session, story)
    qtbot.waitUntil(lambda: window.register_button.text() == "Unregister", timeout=5000)
    window.register_button.click()
    assert window.register_button.text() == "Unregistering…"
    qtbot.waitUntil(lambda: window.register_button.text() == "Register", timeout=3000)


def test_failure_shows_code_and_finding(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    failed = RegistrationChanged(
        state="failed", aor="sip:alice@voip.test", server="127.0.0.3:5060", transport="udp",
        code=403, reason="Forbidden",
    )  # fmt: skip
    finding = make_finding(
        "registration.credentials_rejected", code=403, reason="Forbidden",
        aor="sip:alice@voip.test", server="127.0.0.3:5060",
    )  # fmt: skip
    publish_from_thread(session, [failed, finding, finding])
    qtbot.waitUntil(lambda: window.code_label.text() == "403 Forbidden", timeout=5000)
    assert window.state_label.text() == "Registration failed"
    shown = window.findings_panel.findings()
    assert [f.id for f in shown].count("registration.credentials_rejected") == 1  # merged
    assert "(×2)" in window.findings_panel.list.item(0).text()


def test_corrupt_settings_file(
    make_window: WindowFactory, settings_file: Path, qtbot: QtBot
) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('{"domain": "voip.te', encoding="utf-8")
    loaded = load_settings(settings_file)
    assert loaded.problem

    phone = StubSoftphone()
    window = make_window(loaded=loaded, softphone=phone)

    assert "damaged" in window.status_message()
    assert "using defaults" in window.status_message()
    qtbot.waitUntil(
        lambda: any(f.id == "settings.damaged" for f in window.findings_panel.findings()),
        timeout=5000,
    )
    # The form still works, and registering writes a good file again.
    window.domain_edit.setText("voip.test")
    window.user_edit.setText("alice")
    window.register_button.click()
    assert phone.names()[-1] == "register"
    assert load_settings(settings_file).settings.domain == "voip.test"
    assert list(settings_file.parent.glob("settings.json.corrupt-*"))


def test_close_saves_and_shuts_down_off_the_gui_thread(
    make_window: WindowFactory, settings_file: Path, qtbot: QtBot
) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    window.domain_edit.setText("voip.example.com")
    window.close()
    assert window.isVisible()  # waits for the engine first
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert phone.names()[-1] == "shutdown"
    assert phone.shutdown_thread != threading.main_thread().name
    assert load_settings(settings_file).settings.domain == "voip.example.com"


def test_close_while_starting_waits_for_start(make_window: WindowFactory, qtbot: QtBot) -> None:
    phone = StubSoftphone(start_delay=0.3)
    window = make_window(softphone=phone, start=False)
    window.start_engine()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert phone.names() == ["start", "shutdown"]


def test_events_after_close_are_ignored(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    qtbot.waitUntil(lambda: bool(window.findings_panel.findings()), timeout=5000)  # keychain
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    rows = window.log_panel.model.rowCount()
    publish_from_thread(session, [make_finding("keyring.unavailable")])
    qtbot.wait(100)
    assert window.log_panel.model.rowCount() == rows
    assert len(window.findings_panel.findings()) == 1


def test_policy_applies_live_and_is_saved(make_window: WindowFactory, settings_file: Path) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    combo = window.policy_combo
    assert combo.currentData() == "sticky"
    index = combo.findData("first-ip")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a user's choice emits
    assert phone.last("set_policy") == "first-ip"
    assert load_settings(settings_file).settings.policy == "first-ip"


def test_probe_interval_is_an_account_setting_applied_and_saved(
    make_window: WindowFactory, settings_file: Path, qtbot: QtBot
) -> None:
    loaded = LoadResult(Settings(domain="voip.test", user="bob", probe_interval=45))
    phone = StubSoftphone()
    window = make_window(softphone=phone, loaded=loaded)
    form = window.account_form
    assert form.probe_combo.currentData() == "default"
    assert form.probe_spin.value() == 45  # what was saved comes back
    form.probe_spin.setValue(60)
    qtbot.keyClicks(window.password_edit, "pw")
    window.register_button.click()
    assert phone.last("set_probes") == ("default", 60)  # before the REGISTER
    assert phone.names().index("set_probes") < phone.names().index("register")
    saved = load_settings(settings_file).settings
    assert (saved.probe_profile, saved.probe_interval) == ("default", 60)

    # The fast profile has its own intervals: the spin box is off and not passed on.
    form.probe_combo.setCurrentIndex(form.probe_combo.findData("fast"))
    assert not form.probe_spin.isEnabled()
    window.register_button.click()  # cancel the attempt
    qtbot.waitUntil(lambda: window.register_button.text() == "Register", timeout=5000)
    window.register_button.click()
    assert phone.last("set_probes") == ("fast", None)
    assert load_settings(settings_file).settings.probe_profile == "fast"


def test_retry_after_is_shown(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    failed = RegistrationChanged(
        state="failed", aor="sip:alice@voip.test", server="127.0.0.3:5060", transport="udp",
        code=503, reason="Service Unavailable", retry_after=30,
    )  # fmt: skip
    publish_from_thread(session, [failed])
    qtbot.waitUntil(lambda: "retry after 30 s" in window.code_label.text(), timeout=5000)
    assert window.code_label.text().startswith("503 Service Unavailable")
