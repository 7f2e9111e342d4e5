"""The main window: the account form, the registration panel, findings, the servers and
NAT tabs, and the live log.

Threading rules (DESIGN.md): the window never calls anything that may block. Engine events
arrive through :class:`~ui.plumbing.bridge.EventBridge` in batches on the GUI thread; the softphone's
``start``, ``unregister`` and ``shutdown`` and keychain access run through
:class:`~ui.plumbing.ops.EngineOp`; ``Softphone.register`` only validates and hands the work to its
own thread, so it is called directly (its ValueError is the user's one-line error). The
settings file is a few hundred bytes written atomically: that stays on the GUI thread.

The account's state (registered or not, where, each server's role, the findings and
whether they still hold) has one owner, :class:`~softdiag.state.owner.AccountOwner`: the
window publishes the user's requests (``AccountRequested``) and draws the newest
``AccountChanged`` snapshot of a batch, only the parts its change flags name. Each batch is
otherwise reduced to what changed (the failover and NAT events in order, the newest probe
per target, the engine state, new log rows) and only those widgets are redrawn.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from softdiag.account import AccountSpec, validate_spec
from softdiag.events import (
    AccountChanged,
    AccountRequested,
    AccountSnapshot,
    EngineState,
    Event,
    FailoverDecision,
    Levels,
    ProbeResult,
    RegistrationChanged,
    Transport,
)
from softdiag.findings import make_finding
from softdiag.session import Recorder, Session
from softdiag.settings import LoadResult, PasswordStore, Settings, save_settings
from softdiag.sip.tls import ca_file_usable
from softdiag.state.owner import AccountOwner
from ui.panels.account_form import AccountForm, ButtonMode, FormValues
from ui.panels.call_panel import CallPanel
from ui.panels.event_log import DEFAULT_LIMIT, EventLogPanel
from ui.panels.findings_panel import FindingsPanel
from ui.panels.incoming_call import IncomingCalls
from ui.panels.nat_panel import NatPanel, is_nat_event
from ui.panels.registration_panel import RegistrationPanel
from ui.panels.servers_panel import ServersPanel, is_failover_event
from ui.panels.widgets import ERROR_COLOR, STATE_COLORS, dot_pixmap, set_text_color
from ui.plumbing.bridge import EventBridge
from ui.plumbing.ops import EngineOp
from ui.texts.events import engine_state_text

from .bundle_ui import BundleActions

__all__ = ["NAT_CHANGED_MARK", "MainWindow", "SoftphoneApi"]

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 10.0  # seconds; the engine un-registers first (bounded by its own wait)
# The engine confirms an un-REGISTER within its own bounded wait (3 s); past this grace the
# window stops waiting so the button can never stay stuck on "Unregistering…".
UNREGISTER_GRACE_MS = 5000
ENGINE_COLORS = {
    "starting": STATE_COLORS["registering"],
    "running": STATE_COLORS["registered"],
    "stopping": STATE_COLORS["registering"],
    "stopped": STATE_COLORS["unregistered"],
    "failed": STATE_COLORS["failed"],
}
NAT_CHANGED_MARK = " •"  # on the NAT tab's title: a mapping changed while it was not shown
NAT_CHANGED_COLOR = "#a65e00"


class SoftphoneApi(Protocol):
    """What the window needs of :class:`softdiag.account.Softphone`."""

    def start(self) -> None: ...
    def register(self, spec: AccountSpec) -> None: ...
    def unregister(self) -> None: ...
    def shutdown(self, timeout: float = ...) -> None: ...


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        softphone: SoftphoneApi,
        settings: LoadResult,
        passwords: PasswordStore,
        settings_path: Path | None = None,
        *,
        persist: bool = True,
        log_limit: int = DEFAULT_LIMIT,
        recorder: Recorder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.recorder = recorder  # every event of the run, for the diagnostic bundle
        self.softphone = softphone
        self.passwords = passwords
        self.settings: Settings = settings.settings
        self._settings_path = settings_path
        self._persist = persist  # False: a throw-away account (the lab); never saved

        self._engine_state = "stopped"
        # The account's state has one owner in the engine; every panel draws its snapshot.
        self.account = AccountOwner(session)
        self._starting = False
        self._register_when_running = False
        self._closing = False
        self._close_done = False
        self._progress_status = False  # the status line only says "Registering…"
        self._log_limit = log_limit

        self.setWindowTitle("softdiag")
        self._build()
        self._initial_size()
        self.account_form.set_values(
            domain=self.settings.domain,
            user=self.settings.user,
            dns=self.settings.dns,
            transport=self.settings.transport,
            policy=self.settings.policy,
            probe_profile=self.settings.probe_profile,
            probe_interval=self.settings.probe_interval,
        )
        self.account_form.set_keychain_note(persistent=passwords.persistent)
        self.servers_panel.set_policy(str(self.policy_combo.currentData()))
        self._show_engine_state("stopped")
        self._update_button()

        self._unregister_timer = QTimer(self)
        self._unregister_timer.setSingleShot(True)
        self._unregister_timer.setInterval(UNREGISTER_GRACE_MS)
        self._unregister_timer.timeout.connect(self._unregister_overdue)

        self.bridge = EventBridge(self)
        self.bridge.events_received.connect(self._on_events, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = session.subscribe(self.bridge)

        self._report_startup(settings)
        self._load_password()

    # -- construction ----------------------------------------------------------------

    def _build(self) -> None:
        self.account_form = AccountForm()
        self.account_form.setMinimumWidth(320)
        self.account_form.register_requested.connect(self._register_clicked)
        self.account_form.unregister_requested.connect(self._unregister_clicked)
        self.account_form.policy_combo.activated.connect(self._policy_chosen)
        self.registration_panel = RegistrationPanel()
        self.servers_panel = ServersPanel()
        self.nat_panel = NatPanel()
        self.call_panel = CallPanel(
            self.session,
            cast(Any, self.softphone),  # the real Softphone; test stand-ins lack calls
            account=self.current_account,
            registered=lambda: self.account.snapshot.state == "registered",
            echo_uri=self.settings.echo_uri,
        )
        self.findings_panel = FindingsPanel()
        self.incoming_calls = IncomingCalls(
            self,
            engine=lambda: getattr(self.softphone, "engine", None),
            answered=self._incoming_answered,
            audio=self.call_panel.audio_spec,
        )
        self.log_panel = EventLogPanel(self._log_limit)

        # The names the end-to-end test drives (see tests/gui and the lab tests).
        self.domain_edit = self.account_form.domain_edit
        self.user_edit = self.account_form.user_edit
        self.password_edit = self.account_form.password_edit
        self.dns_edit = self.account_form.dns_edit
        self.transport_combo = self.account_form.transport_combo
        self.policy_combo = self.account_form.policy_combo
        self.register_button = self.account_form.register_button
        self.state_label = self.registration_panel.state_label
        self.server_label = self.registration_panel.server_label
        self.code_label = self.registration_panel.code_label
        self.servers_table = self.servers_panel.table
        self.timeline = self.servers_panel.timeline

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.account_form, 0)
        top_layout.addWidget(self.registration_panel, 5)
        top_layout.addWidget(self.findings_panel, 4)

        # Servers and NAT share one place: both are about where the account registers and
        # what those servers see; only the one shown does any drawing.
        self.sections = QTabWidget()
        for page in (self.servers_panel, self.nat_panel):
            # The window's colour, not the lighter tab pane's: the timeline paints it too.
            page.setAutoFillBackground(True)
            # The pane's frame already sets the page off: no taller than a group box was.
            layout = page.layout()
            if layout is not None:
                layout.setContentsMargins(9, 7, 9, 5)
        self.sections.addTab(self.servers_panel, self._servers_tab_text())
        self.sections.addTab(self.nat_panel, self._nat_tab_text())
        self.sections.setTabToolTip(1, self._nat_tab_tip())
        self.sections.currentChanged.connect(self._section_changed)
        self.nat_panel.mapping_changed.connect(self._nat_mapping_changed)

        log_box = QGroupBox(self.tr("Event log"))
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.log_panel)

        # The panels keep their natural height (a layout, not a splitter, so they can never
        # be squeezed until text overlaps); every other pixel goes to the log.
        central = self._central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.addWidget(top, 0)
        layout.addWidget(self.sections, 0)
        layout.addWidget(log_box, 1)
        self.setCentralWidget(central)

        self.findings_panel.finding_selected.connect(self.log_panel.show_detail)

        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.engine_dot = QLabel()
        self.engine_label = QLabel()
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.engine_dot)
        bar.addPermanentWidget(self.engine_label)

        QShortcut(QKeySequence.StandardKey.Find, self, self.log_panel.filter_edit.setFocus)

        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.test_call_action = tools.addAction(self.tr("Test call…"))
        self.test_call_action.setShortcut(QKeySequence("Ctrl+T"))
        self.test_call_action.triggered.connect(self.open_test_call)
        self.device_check_action = tools.addAction(self.tr("Check audio devices…"))
        self.device_check_action.triggered.connect(self.open_device_wizard)
        self.guided_check_action = tools.addAction(self.tr("Guided check…"))
        self.guided_check_action.triggered.connect(self.open_guided_check)
        # File → Export diagnostic bundle…, Tools → SIP ladder… and HEP mirror…
        self.bundle_actions = BundleActions(self, tools, save=self._save_settings)
        self.chosen_devices: tuple[object, object] | None = None  # (output, input) for calls
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = help_menu.addAction(self.tr("About softdiag"))
        self.about_action.setMenuRole(self.about_action.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)

    def use_demo_account(self, settings: Settings, password: str) -> None:
        """Fill in a throw-away account (the demo lab's) and register it; nothing is saved."""
        self._persist = False
        self.account_form.set_values(
            domain=settings.domain,
            user=settings.user,
            dns=settings.dns,
            transport=settings.transport,
            policy=settings.policy,
        )
        self.password_edit.setText(password)
        if self._starting:
            self._register_when_running = True
        else:
            self._register_clicked()

    def open_about(self) -> None:
        """Versions, licences and the bundle export (non-modal, one at a time)."""
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def open_test_call(self) -> None:
        """The call window: meters need room, and the main window stays visible beside it."""
        panel = self.call_panel
        if panel.parent() is not self:
            panel.setParent(self, Qt.WindowType.Window)
            panel.setWindowTitle(self.tr("softdiag — test call"))
            panel.resize(900, 640)
        panel.show()
        panel.raise_()
        panel.activateWindow()

    def _incoming_answered(self, call: int, caller: str) -> None:
        """The user answered a ringing call: the call window shows it, as for a test call."""
        self.call_panel.follow_incoming(call, caller)
        self.open_test_call()

    def open_device_wizard(self) -> None:
        """The guided device check (non-modal: the event log stays usable beside it)."""
        from .device_wizard import DeviceWizard  # loaded on demand: most runs never open it

        wizard = DeviceWizard(session=self.session, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.devices_chosen.connect(self._devices_chosen)
        wizard.show()

    def open_guided_check(self, choose_profile: bool = False) -> None:
        """The guided check, filled in with this window's account (non-modal); with
        ``choose_profile``, the file dialog for a profile opens at once."""
        from softdiag.check.profile import CheckProfile

        from .check_dialog import CheckDialog  # loaded on demand

        s = self.settings
        defaults = CheckProfile(domain=s.domain, user=s.user, dns=s.dns or None,
                                transport=cast(Transport, s.transport), policy=s.policy, call=s.echo_uri or None)  # fmt: skip
        dialog = CheckDialog(self.session, phone=self.softphone, passwords=self.passwords,
                             defaults=defaults, parent=self)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if choose_profile:
            dialog.choose_profile()

    def _devices_chosen(self, output: object, input_: object) -> None:
        self.chosen_devices = (output, input_)
        names = [getattr(d, "name", None) or str(d) for d in (output, input_) if d is not None]
        self.show_status(self.tr("Calls will use: {devices}").format(devices=", ".join(names)))

    def _servers_tab_text(self) -> str:
        return self.tr("Servers")

    def _nat_tab_text(self) -> str:
        return self.tr("NAT")

    def _nat_tab_tip(self) -> str:
        return self.tr("What each server sees of us: the NAT mapping, its changes and why")

    def _nat_mapping_changed(self) -> None:
        """A mapping changed live: mark the NAT tab if nobody is looking at it."""
        if self.sections.currentWidget() is self.nat_panel and self.nat_panel.isVisible():
            return
        index = self.sections.indexOf(self.nat_panel)
        self.sections.setTabText(index, self._nat_tab_text() + NAT_CHANGED_MARK)
        self.sections.tabBar().setTabTextColor(index, QColor(NAT_CHANGED_COLOR))
        self.sections.setTabToolTip(
            index, self.tr("A NAT mapping changed: open this tab to see which one and why")
        )

    def _section_changed(self, index: int) -> None:
        if self.sections.widget(index) is self.nat_panel:
            self.sections.setTabText(index, self._nat_tab_text())
            self.sections.tabBar().setTabTextColor(index, QColor())
            self.sections.setTabToolTip(index, self._nat_tab_tip())

    @property
    def nat_tab_marked(self) -> bool:
        """The NAT tab's title says a mapping changed since it was last shown."""
        index = self.sections.indexOf(self.nat_panel)
        return self.sections.tabText(index).endswith(NAT_CHANGED_MARK)

    def _initial_size(self) -> None:
        """Room for the servers, the timeline and a useful log; never more than the screen."""
        width, height = 1200, 900
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width())
            height = min(height, available.height())
        self.resize(width, height)

    # -- status line -----------------------------------------------------------------

    def show_status(self, message: str, *, error: bool = False, progress: bool = False) -> None:
        """One line at the bottom; red for a problem. Replaces the previous one."""
        self._progress_status = progress
        self.status_label.setText(message)
        self.status_label.setToolTip(message)
        set_text_color(self.status_label, ERROR_COLOR if error else None)

    def status_message(self) -> str:
        return self.status_label.text()

    def _show_engine_state(self, state: str, detail: str = "") -> None:
        self._engine_state = state
        color = ENGINE_COLORS.get(state, STATE_COLORS["unregistered"])
        self.engine_dot.setPixmap(dot_pixmap(color, 10, self.devicePixelRatioF()))
        text = engine_state_text(state)
        self.engine_label.setText(text)
        self.engine_label.setToolTip(detail or text)

    # -- startup ---------------------------------------------------------------------

    def _report_startup(self, loaded: LoadResult) -> None:
        # Published, not only shown: the bundle must contain what the user was told.
        if loaded.problem:
            self.show_status(
                self.tr("Settings: {problem}").format(problem=loaded.problem), error=True
            )
            self.session.publish(make_finding("settings.damaged", problem=loaded.problem))
        if not self.passwords.persistent and self._persist:
            self.session.publish(make_finding("keyring.unavailable"))

    def _load_password(self) -> None:
        domain, user = self.settings.domain, self.settings.user
        if not (domain and user and self._persist):
            return

        def fill(password: str | None) -> None:
            if password and not self.password_edit.text():
                self.password_edit.setText(password)

        # The keychain may ask the user to unlock it: never on the GUI thread.
        self._with_keychain(lambda: self.passwords.get(user, domain), fill)

    def _with_keychain(self, fn: Callable[[], Any], done: Callable[[Any], object]) -> None:
        if not self.passwords.persistent:
            done(fn())  # the in-memory store: nothing can block
            return

        def failed(exc: Exception) -> None:
            self.show_status(self.tr("Keychain: {error}").format(error=exc), error=True)

        EngineOp(self, fn).success(done).failure(failed).run()

    def start_engine(self, *, register_when_running: bool = False) -> None:
        """Start the SIP engine off the GUI thread (it blocks for up to a second)."""
        if self._starting:
            return
        self._starting = True
        self._register_when_running = register_when_running
        self._show_engine_state("starting")
        self._update_button()
        EngineOp(self, self.softphone.start).success(self._engine_started).failure(
            self._engine_start_failed
        ).run()

    def _engine_started(self, _result: object) -> None:
        self._starting = False
        if self._closing:
            self._begin_shutdown()
            return
        if self._engine_state in ("starting", "stopped"):
            self._show_engine_state("running")  # the EngineState event may still be queued
        self._update_button()
        if self._register_when_running:
            self._register_when_running = False
            self._register_clicked()

    def _engine_start_failed(self, exc: Exception) -> None:
        self._starting = False
        self._show_engine_state("failed", str(exc))
        self.show_status(
            self.tr("The SIP engine could not start: {error}").format(error=exc), error=True
        )
        self._update_button()
        if self._closing:
            self._begin_shutdown()

    # -- events ----------------------------------------------------------------------

    def _on_events(self, batch: Sequence[Event]) -> None:
        if self._close_done:
            return
        registration: RegistrationChanged | None = None
        account: AccountChanged | None = None  # the newest snapshot of the batch
        account_changes: set[str] = set()  # and what changed across the whole batch
        engine: EngineState | None = None
        failover: FailoverDecision | None = None
        failover_events: list[Event] = []  # in order: the timeline needs every one
        nat_events: list[Event] = []  # in order: the change list needs every one
        probes: dict[str, ProbeResult] = {}  # the newest per target
        for event in batch:
            if isinstance(event, ProbeResult):
                probes[event.target_key] = event
                continue
            if is_failover_event(event):
                failover_events.append(event)
            if is_nat_event(event):
                nat_events.append(event)
            if isinstance(event, RegistrationChanged):
                registration = event
            elif isinstance(event, AccountChanged):
                account = event
                account_changes.update(event.changes)
            elif isinstance(event, EngineState):
                engine = event
            elif isinstance(event, FailoverDecision):
                failover = event
        if failover_events or probes or account is not None:
            self.servers_panel.feed(
                failover_events, probes.values(), account.snapshot if account else None
            )
        if nat_events or probes:
            self.nat_panel.feed(nat_events, probes.values())
        if failover is not None:
            self.registration_panel.show_failover(failover)
        if registration is not None:
            self.registration_panel.show_registration(registration)
        if account is not None:
            self._account_changed(account.snapshot, account_changes)
        if engine is not None:
            self._engine_changed(engine)
        self.incoming_calls.feed(batch)
        # Levels come 30 times a second: the meters show them, the log would drown. The
        # account's snapshots repeat what the log already shows, as state: the panels draw it.
        self.log_panel.append([e for e in batch if not isinstance(e, Levels | AccountChanged)])

    def _request(self, request: AccountRequested) -> None:
        """Tell the account's owner what the user asked; draw its answer at once (the
        owner decides synchronously; its AccountChanged event follows through the bridge)."""
        self.session.publish(request)
        self.registration_panel.show_account(self.account.snapshot)
        self._update_button()

    def _account_changed(self, snapshot: AccountSnapshot, changes: set[str]) -> None:
        if "findings" in changes:
            self.findings_panel.show_findings(snapshot.findings)
        if "registration" not in changes:
            return
        self.registration_panel.show_account(snapshot)
        if snapshot.state in ("unregistered", "failed"):
            self._unregister_timer.stop()
        if snapshot.state == "unregistered":
            self.servers_panel.account_ended()
        if self._progress_status and snapshot.state != "registering":
            self.show_status("")  # the panel says how it ended
        self._update_button()

    def _engine_changed(self, event: EngineState) -> None:
        self._show_engine_state(event.state, event.detail)
        if event.state == "failed":
            self.show_status(
                engine_state_text("failed") + (f": {event.detail}" if event.detail else ""),
                error=True,
            )
        self._update_button()

    # -- the button ------------------------------------------------------------------

    def _update_button(self) -> None:
        mode: ButtonMode
        if self._closing or self._engine_state != "running":
            mode = "disabled"
        # The state on screen (the snapshot drawn), so button and panel always agree.
        elif (state := self.registration_panel.state) in ("registering", "unregistering"):
            mode = cast(ButtonMode, state)
        elif state == "registered":
            mode = "unregister"
        else:
            mode = "register"
        self.account_form.set_mode(mode)

    def _register_clicked(self) -> None:
        form = self.account_form
        values = form.values()
        if not values.domain:
            form.show_error(
                self.tr("Enter the SIP domain, e.g. voip.example.com."), self.domain_edit
            )
            return
        if not values.user:
            form.show_error(self.tr("Enter the user name (the part before the @)."), self.user_edit)
            return
        spec = self._spec_of(values)
        problem = validate_spec(spec)
        if problem:
            form.show_error(problem)
            return
        if not ca_file_usable(spec.ca_file):
            form.show_error(
                self.tr(
                    "The TLS CA file cannot be read or holds no PEM certificate: {path}"
                ).format(path=spec.ca_file),
                form.ca_edit,
            )
            return
        form.clear_error()
        self._remember(spec)
        self.registration_panel.start_attempt(spec.aor)
        self._request(AccountRequested(action="register", aor=spec.aor))
        try:
            set_probes = getattr(self.softphone, "set_probes", None)
            if set_probes is not None:
                fast = values.probe_profile == "fast"  # its own intervals: 0.5 s and 5 s
                set_probes(values.probe_profile, None if fast else values.probe_interval)
            self.softphone.register(spec)
        except Exception as exc:  # ValueError for bad input, EngineError if it stopped
            self._request(AccountRequested(action="unregister"))  # it never started
            form.show_error(str(exc))
            return
        self.servers_panel.start_attempt()
        self.nat_panel.start_attempt()
        self.show_status(self.tr("Registering {aor}…").format(aor=spec.aor), progress=True)
        self._update_button()

    def _unregister_clicked(self) -> None:
        # Still resolving, the engine has no account yet: the owner makes it a cancel.
        self._request(AccountRequested(action="unregister"))
        cancel = self.account.snapshot.state == "unregistered"
        if cancel:
            self.show_status(self.tr("Registration cancelled."))

        def sent(_result: object) -> None:
            if not cancel and self.account.snapshot.state == "unregistering":
                self._unregister_timer.start()  # the engine says how it ends, or we give up

        def failed(exc: Exception) -> None:
            self.show_status(self.tr("Unregister: {error}").format(error=exc), error=True)
            sent(None)

        # Softphone.unregister stops the failover supervisor and joins its thread: that
        # may take a moment, so it runs off the GUI thread like start and shutdown.
        EngineOp(self, self.softphone.unregister).success(sent).failure(failed).run()

    def _policy_chosen(self, _index: int) -> None:
        policy = str(self.policy_combo.currentData())
        set_policy = getattr(self.softphone, "set_policy", None)
        if set_policy is None:
            return
        try:
            set_policy(policy)  # applies live: no re-registration
        except Exception as exc:
            self.show_status(self.tr("Failover policy: {error}").format(error=exc), error=True)
            return
        # The engine's "policy changed" log marks the timeline; the label follows now.
        self.servers_panel.set_policy(policy)
        if self._persist:
            self.settings = dataclasses.replace(self.settings, policy=policy)
            self._save_settings()

    def _unregister_overdue(self) -> None:
        if self.account.snapshot.state == "unregistering":
            self._request(AccountRequested(action="give_up"))
            self.registration_panel.show_note(self.tr("the server did not confirm"))

    def _remember(self, spec: AccountSpec) -> None:
        if not self._persist:
            return
        self.settings = dataclasses.replace(
            self.settings,
            domain=spec.domain,
            user=spec.user,
            dns=spec.dns or "",
            transport=spec.transport,
            policy=str(self.policy_combo.currentData()),
            probe_profile=self.account_form.values().probe_profile,
            probe_interval=self.account_form.values().probe_interval,
        )
        self._save_settings()
        if spec.password:
            password, user, domain = spec.password, spec.user, spec.domain

            def stored(_result: object) -> None:
                self.account_form.set_keychain_note(persistent=self.passwords.persistent)

            self._with_keychain(lambda: self.passwords.set(user, domain, password), stored)

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings, self._settings_path)
        except OSError as exc:
            self.show_status(
                self.tr("Could not save the settings: {error}").format(error=exc), error=True
            )

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._close_done:
            event.accept()
            return
        event.ignore()  # first stop the engine (it un-registers), then close for real
        if self._closing:
            return
        self._closing = True
        if self._persist:
            values = self.account_form.values()
            self.settings = dataclasses.replace(
                self.settings,
                domain=values.domain,
                user=values.user,
                dns=values.dns,
                transport=values.transport,
                policy=values.policy,
                probe_profile=values.probe_profile,
                probe_interval=values.probe_interval,
            )
            self._save_settings()
        self._central.setEnabled(False)
        self.show_status(self.tr("Stopping the SIP engine…"))
        self._update_button()
        if not self._starting:  # otherwise _engine_started/_failed continues from here
            self._begin_shutdown()

    def _spec_of(self, values: FormValues) -> AccountSpec:
        """The account the form's values describe (not yet validated)."""
        return AccountSpec(
            domain=values.domain,
            user=values.user,
            password=values.password,
            transport=cast(Transport, values.transport),
            dns=values.dns or None,
            expires=self.settings.expires,
            ca_file=values.ca_file or None if values.transport == "tls" else None,
        )

    def current_account(self) -> AccountSpec | None:
        """The account the form describes, if it is complete and valid (for test calls)."""
        values = self.account_form.values()
        spec = self._spec_of(values)
        return None if validate_spec(spec) or not ca_file_usable(spec.ca_file) else spec

    def _begin_shutdown(self) -> None:
        self.call_panel.close_panel()  # hang up and stop its timers before the engine goes
        EngineOp(self, lambda: self.softphone.shutdown(SHUTDOWN_TIMEOUT)).success(
            self._finish_close
        ).failure(self._finish_close).run()

    def _finish_close(self, outcome: object) -> None:
        if isinstance(outcome, Exception):  # closing anyway; leave a trace for the bug report
            log.error("SIP engine shutdown failed: %s", outcome)
        self.bridge.close()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.account.close()
        self._close_done = True
        self.close()
