"""The "Test call" panel: live TX/RX level meters, a level history, stream statistics per
direction and the call's findings.

Data flow (STYLE.md, "ring buffer -> pure DSP -> fixed-rate timer"): the engine computes
``Levels`` 30 times a second from the PCM frames and ``MediaStats`` once a second. The
panel only *stores* them as they arrive (the newest reading, and each RX/TX RMS into a
preallocated history array); a ``QTimer`` every 33 ms repaints the meters from the newest
reading and hands the history to the plot with ``setData``. Numbers refresh with
``MediaStats`` (1 Hz). A hidden panel skips all drawing.

``TestCall`` (softdiag.media.testcall) runs on a worker through ``EngineOp``: it registers
if needed, calls, waits, hangs up; the panel's button hangs up early.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from softdiag.commands import AccountSpec, AudioSpec
from softdiag.events import (
    AudioPathChanged,
    CallStateChanged,
    Event,
    Finding,
    LevelReading,
    Levels,
    MediaStats,
    SdpAnalysed,
    SdpExchanged,
)
from softdiag.session import Session
from ui.plumbing.bridge import EventBridge
from ui.plumbing.ops import EngineOp
from ui.texts.events import NONE

from .findings_panel import FindingsPanel
from .sdp_view import SdpView
from .widgets import ERROR_COLOR, OK_COLOR, mute, set_text_color, severity_icon

__all__ = ["CallPanel", "LevelMeterWidget"]

FLOOR_DB = -60.0  # the bottom of the meters' scale
HISTORY_S = 10.0
LEVELS_HZ = 30
REDRAW_MS = 33
TX_COLOR = "#1a73e8"
RX_COLOR = "#188038"
CALL_FINDINGS = ("media.", "call.", "sdp.", "dtls.", "ice.")  # what the call panel lists


class CallPhone(Protocol):
    """What the panel needs of :class:`softdiag.account.Softphone`."""

    @property
    def engine(self) -> Any: ...

    def register(self, spec: AccountSpec) -> None: ...


class LevelMeterWidget(QWidget):
    """A vertical meter: RMS bar, peak line, peak-hold mark, dB scale, clip and flat flags."""

    MARKS = (0, -6, -12, -20, -30, -40, -50, -60)

    def __init__(self, title: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.color = QColor(color)
        self.reading: LevelReading | None = None
        self._clip_until = 0  # ticks the clip light stays on
        self.setMinimumSize(62, 180)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(70, 240)

    def set_reading(self, reading: LevelReading | None) -> None:
        if reading is not None and reading.clipping:
            self._clip_until = 30  # about a second at 30 Hz
        elif self._clip_until:
            self._clip_until -= 1
        if reading != self.reading or self._clip_until:
            self.reading = reading
            self.update()

    @staticmethod
    def _fraction(dbfs: float) -> float:
        return min(1.0, max(0.0, (dbfs - FLOOR_DB) / -FLOOR_DB))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = QFont(painter.font())
        font.setPixelSize(10)
        painter.setFont(font)
        text = self.palette().windowText().color()
        head, foot = 30.0, 18.0
        bar = QRectF(30.0, head, max(10.0, self.width() - 38.0), self.height() - head - foot)
        # Title and the clip light above the bar.
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), 14), Qt.AlignmentFlag.AlignCenter, self.title)
        clip = QRectF(bar.left(), 16, bar.width(), 10)
        painter.fillRect(clip, QColor(ERROR_COLOR if self._clip_until else "#dadce0"))
        painter.setPen(QColor("white" if self._clip_until else "#80868b"))
        small = QFont(font)
        small.setPixelSize(8)
        painter.setFont(small)
        painter.drawText(clip, Qt.AlignmentFlag.AlignCenter, "CLIP")
        painter.setFont(font)
        # The bar.
        painter.fillRect(bar, QColor("#e8eaed"))
        r = self.reading
        if r is not None:
            top = bar.bottom() - bar.height() * self._fraction(r.rms_dbfs)
            painter.fillRect(QRectF(bar.left(), top, bar.width(), bar.bottom() - top), self.color)
            peak_y = bar.bottom() - bar.height() * self._fraction(r.peak_dbfs)
            painter.setPen(QPen(self.color.darker(150), 1))
            painter.drawLine(int(bar.left()), int(peak_y), int(bar.right()), int(peak_y))
            if r.peak_hold_dbfs > FLOOR_DB:
                hold_y = bar.bottom() - bar.height() * self._fraction(r.peak_hold_dbfs)
                painter.setPen(QPen(QColor("#202124"), 2))
                painter.drawLine(int(bar.left()), int(hold_y), int(bar.right()), int(hold_y))
        painter.setPen(QPen(QColor("#5f6368"), 1))
        painter.drawRect(bar)
        # The dB scale on the left.
        painter.setPen(text)
        for mark in self.MARKS:
            y = bar.bottom() - bar.height() * self._fraction(mark)
            painter.drawLine(int(bar.left() - 4), int(y), int(bar.left()), int(y))
            painter.drawText(
                QRectF(0, y - 6, bar.left() - 6, 12),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(mark),
            )
        # The figure, or the flag that matters more than a figure.
        below = QRectF(0, bar.bottom() + 3, self.width(), foot - 3)
        if r is None:
            label = NONE
        elif r.silent:
            label = self.tr("silent")
        elif r.stuck:
            label = self.tr("flat")
        else:
            label = f"{r.rms_dbfs:.1f}"
        painter.setPen(QColor(ERROR_COLOR) if r is not None and (r.silent or r.stuck) else text)
        painter.drawText(below, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class _History(pg.PlotWidget):
    """Scrolling RMS history of TX and RX, lean: fixed ranges, 1 px pens, no antialias."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=None)
        self.points = int(HISTORY_S * LEVELS_HZ)
        self.x = np.linspace(-HISTORY_S, 0.0, self.points)
        self.tx = np.full(self.points, FLOOR_DB)
        self.rx = np.full(self.points, FLOOR_DB)
        self.dirty = False
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.setXRange(-HISTORY_S, 0.0, padding=0)
        item.setYRange(FLOOR_DB, 0.0, padding=0)
        item.disableAutoRange()
        item.setClipToView(True)
        item.setLabel("left", "dBFS")
        item.setLabel("bottom", "s")
        item.addLegend(offset=(8, 4))
        self.tx_curve = item.plot(self.x, self.tx, pen=pg.mkPen(TX_COLOR, width=1), name="TX")
        self.rx_curve = item.plot(self.x, self.rx, pen=pg.mkPen(RX_COLOR, width=1), name="RX")
        self.setMinimumHeight(120)

    def push(self, levels: Levels) -> None:
        self.tx[:-1] = self.tx[1:]
        self.rx[:-1] = self.rx[1:]
        self.tx[-1] = max(FLOOR_DB, levels.tx.rms_dbfs)
        self.rx[-1] = max(FLOOR_DB, levels.rx.rms_dbfs)
        self.dirty = True

    def clear_history(self) -> None:
        self.tx.fill(FLOOR_DB)
        self.rx.fill(FLOOR_DB)
        self.dirty = True

    def redraw(self) -> None:
        if self.dirty:
            self.tx_curve.setData(self.x, self.tx)
            self.rx_curve.setData(self.x, self.rx)
            self.dirty = False


def _fmt(value: float | int | None, digits: int = 1, unit: str = "") -> str:
    if value is None:
        return NONE
    if isinstance(value, int):
        return f"{value}{unit}"
    return f"{value:.{digits}f}{unit}"


class CallPanel(QWidget):
    """Standalone: give it the session and the softphone; it subscribes by itself.

    ``account`` returns the account to register with when ``registered`` says the softphone
    is not registered yet (both are called on the GUI thread when the button is pressed).
    """

    def __init__(
        self,
        session: Session | None,
        softphone: CallPhone | None,
        *,
        account: Callable[[], AccountSpec | None] = lambda: None,
        registered: Callable[[], bool] = lambda: False,
        echo_uri: str = "sip:echo@voip.test",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.softphone = softphone
        self._account = account
        self._registered = registered
        self._call: int | None = None
        self._incoming: int | None = None  # an answered incoming call the panel shows
        self._concluded: int | None = None  # the call whose verdict the status line shows
        self._latest: Levels | None = None
        self._test: Any = None
        self._lock = threading.Lock()
        self.redraws = 0  # meter repaint ticks that did work (for the benchmark)
        self._build(echo_uri)
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._unsubscribe: Callable[[], None] | None = None
        if session is not None:
            self.bridge = EventBridge(self)
            self.bridge.events_received.connect(self.feed, Qt.ConnectionType.QueuedConnection)
            self._unsubscribe = session.subscribe(self.bridge)

    # -- construction ----------------------------------------------------------------

    def _build(self, echo_uri: str) -> None:
        self.uri_edit = QLineEdit(echo_uri)
        self.uri_edit.setToolTip(self.tr("Whom to call: the lab's echo answers and sends back"))
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(3, 600)
        self.duration_spin.setValue(10)
        self.duration_spin.setSuffix(self.tr(" s"))
        self.devices_check = QCheckBox(self.tr("Sound devices"))
        self.devices_check.setToolTip(
            self.tr("Talk through your devices; otherwise a 1 kHz test tone is sent")
        )
        self.output_combo = QComboBox()
        self.input_combo = QComboBox()
        for combo in (self.output_combo, self.input_combo):
            combo.addItem(self.tr("Default"), None)
            combo.setEnabled(False)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.devices_check.toggled.connect(self._devices_toggled)
        self.output_combo.activated.connect(self._device_chosen)
        self.input_combo.activated.connect(self._device_chosen)
        self.call_button = QPushButton(self.tr("Test call"))
        self.call_button.clicked.connect(self._button_clicked)
        self.state_label = QLabel(self.tr("No call"))
        self.audio_label = mute(QLabel())
        self.audio_label.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Call")))
        controls.addWidget(self.uri_edit, 1)
        controls.addWidget(QLabel(self.tr("for")))
        controls.addWidget(self.duration_spin)
        controls.addWidget(self.devices_check)
        controls.addWidget(self.output_combo)
        controls.addWidget(self.input_combo)
        controls.addWidget(self.call_button)

        self.tx_meter = LevelMeterWidget(self.tr("TX"), TX_COLOR)
        self.rx_meter = LevelMeterWidget(self.tr("RX"), RX_COLOR)
        self.tx_meter.setToolTip(self.tr("What we send, in dBFS: RMS bar, peak line, held peak"))
        self.rx_meter.setToolTip(self.tr("What we receive, in dBFS: RMS bar, peak line, held peak"))
        self.history = _History()

        self.stats = QTableWidget(len(self._rows()), 2)
        self.stats.setHorizontalHeaderLabels([self.tr("Received (RX)"), self.tr("Sent (TX)")])
        self.stats.setVerticalHeaderLabels([label for label, _key in self._rows()])
        self.stats.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stats.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.stats.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stats.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stats.setMinimumWidth(320)
        self.stats.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.stats.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stats.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        for row in range(self.stats.rowCount()):
            for col in range(2):
                item = QTableWidgetItem(NONE)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.stats.setItem(row, col, item)

        self.findings = FindingsPanel()
        self.findings.setTitle(self.tr("Call findings"))

        meters = QGroupBox(self.tr("Levels"))
        meters_layout = QHBoxLayout(meters)
        meters_layout.addWidget(self.tx_meter)
        meters_layout.addWidget(self.rx_meter)
        meters_layout.addWidget(self.history, 1)
        stats_box = QGroupBox(self.tr("Stream statistics"))
        stats_layout = QVBoxLayout(stats_box)
        stats_layout.addWidget(self.stats)
        stats_layout.addStretch(1)

        grid = QGridLayout()
        grid.addWidget(meters, 0, 0)
        grid.addWidget(stats_box, 0, 1)
        grid.addWidget(self.findings, 1, 0, 1, 2)
        # Half each: the statistics hold ip:port pairs that must not be cut short.
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        status = QHBoxLayout()
        status.addWidget(self.state_label)
        status.addWidget(self.audio_label, 1)
        layout.addLayout(status)
        # The call's media on one tab, its offer and answer on the other (softdiag.sdp).
        media_tab = QWidget()
        media_tab.setLayout(grid)
        self.sdp_view = SdpView()
        self.tabs = QTabWidget()
        self.tabs.addTab(media_tab, self.tr("Media"))
        self.tabs.addTab(self.sdp_view, self.tr("SDP"))
        layout.addWidget(self.tabs, 1)

    def _rows(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Codec"), "codec"),
            (self.tr("Packets"), "packets"),
            (self.tr("Lost"), "lost"),
            (self.tr("Discarded"), "discarded"),
            (self.tr("Jitter"), "jitter"),
            (self.tr("RTT (RTCP)"), "rtt"),
            (self.tr("RTP address (SDP)"), "address"),
            (self.tr("RTP comes from"), "source"),
            (self.tr("MOS (E-model)"), "mos"),
            (self.tr("Audio path"), "audio"),
            (self.tr("Media transport"), "transport"),
        ]

    # -- events (GUI thread) ------------------------------------------------------------

    def feed(self, events: Sequence[Event]) -> None:
        """Take a batch of engine events: cheap, no drawing (the timer draws)."""
        for event in events:
            if isinstance(event, Levels):
                if self._call is None or event.call == self._call:
                    self._latest = event
                    self.history.push(event)
            elif isinstance(event, CallStateChanged):
                self._call_state(event)
            elif isinstance(event, MediaStats):
                if self._call is None or event.call == self._call:
                    self._show_stats(event)
            elif isinstance(event, AudioPathChanged):
                self._show_audio(event)
            elif isinstance(event, Finding) and event.id.startswith(CALL_FINDINGS):
                self.findings.add(event)
            elif isinstance(event, SdpExchanged) and event.call == self._call:
                self.sdp_view.show_exchange(event)
            elif isinstance(event, SdpAnalysed) and event.call == self._call:
                self.sdp_view.show_analysis(event)
                if any(f.severity == "error" for f in event.findings):
                    self.tabs.setTabIcon(1, severity_icon("error"))

    def _call_state(self, event: CallStateChanged) -> None:
        if self._call is None or event.call != self._call:
            if event.state != "calling":
                return
            self._call = event.call  # a call started elsewhere (or ours): follow it
        if event.call == self._incoming and event.state == "disconnected":
            self._incoming = None
            self.call_button.setText(self.tr("Test call"))
            self.call_button.setEnabled(True)
        if event.call == self._concluded:
            # The test's verdict is shown: states of its call that the event bridge delivers
            # after it (they travel in batches) must not hide it.
            return
        texts = {
            "calling": self.tr("Calling {uri}…"),
            "incoming": self.tr("Incoming call from {uri}"),
            "early": self.tr("Ringing: {uri}"),
            "connecting": self.tr("Answered: {uri}"),
            "confirmed": self.tr("In call with {uri}"),
            "disconnected": self.tr("Call ended: {uri}"),
            "failed": self.tr("Call failed: {uri}"),
        }
        text = texts.get(event.state, event.state).format(uri=event.uri)
        if event.code and event.state in ("disconnected", "failed", "early"):
            text += f" ({event.code} {event.reason})"
        self.state_label.setText(text)
        bad = event.state == "failed" or (event.state == "disconnected" and event.code >= 300)
        set_text_color(self.state_label, ERROR_COLOR if bad else OK_COLOR)

    def _show_audio(self, event: AudioPathChanged) -> None:
        if event.state == "test-signal":
            text = self.tr("Sending the test signal ({detail})").format(detail=event.detail)
        elif event.state == "devices":
            text = self.tr("Devices: {output} / {input}").format(
                output=event.output or NONE, input=event.input or NONE
            )
        elif event.state == "lost":
            text = self.tr("Device lost: {device} — the call goes on; choose another").format(
                device=event.output or event.input or NONE
            )
        else:
            text = ""
        self.audio_label.setText(text)
        set_text_color(self.audio_label, ERROR_COLOR if event.state == "lost" else None)

    def _show_stats(self, s: MediaStats) -> None:
        def lost(f: Any) -> str:
            if f.lost is None:
                return NONE
            return f"{f.lost} ({_fmt(f.loss_pct, 1, ' %')})"

        values = {
            "codec": (f"{s.codec}/{s.clock_rate}", f"{s.codec}/{s.clock_rate}"),
            "packets": (str(s.rx.packets), str(s.tx.packets)),
            "lost": (lost(s.rx), lost(s.tx)),
            "discarded": (str(s.rx.discarded), NONE),
            "jitter": (_fmt(s.rx.jitter_ms, 1, " ms"), _fmt(s.tx.jitter_ms, 1, " ms")),
            "rtt": (_fmt(s.rtt_ms, 1, " ms"), _fmt(s.rtt_ms, 1, " ms")),
            "address": (s.remote_rtp or NONE, s.local_rtp or NONE),
            "source": (s.rtp_source or self.tr("nothing arrives"), NONE),
            "mos": (_fmt(s.mos, 2), _fmt(s.mos_tx, 2)),
            "audio": self._audio_cells(s),
            "transport": self._transport_cells(s),
        }
        for row, (_label, key) in enumerate(self._rows()):
            for col, text in enumerate(values[key]):
                item = self.stats.item(row, col)
                if item is not None and item.text() != text:
                    item.setText(text)
                    item.setToolTip(text)  # a long (IPv6) address may still be cut
        mismatch = bool(s.rtp_source and s.remote_rtp and s.rtp_source != s.remote_rtp)
        source_item = self.stats.item(7, 0)
        if source_item is not None:
            source_item.setForeground(
                QColor(ERROR_COLOR) if mismatch or s.rtp_source is None else self.palette().text()
            )
        address_item = self.stats.item(6, 0)
        if address_item is not None:
            address_item.setForeground(
                QColor(ERROR_COLOR) if s.remote_private else self.palette().text()
            )

    def _transport_cells(self, s: MediaStats) -> tuple[str, str]:
        """The profile, SRTP and ICE state pjsua2 reports, the same both ways."""
        t = s.transport
        if t is None:
            return NONE, NONE
        srtp = {
            "off": self.tr("SRTP off"),
            "active": self.tr("SRTP active"),
            "inactive": self.tr("SRTP not active"),
            "unknown": self.tr("SRTP unknown"),
        }[t.srtp]
        if t.srtp == "active" and t.srtp_suite:
            srtp += f" ({t.srtp_suite})"
        if t.dtls:
            srtp += ", DTLS"
        ice = {
            "off": self.tr("ICE off"),
            "checking": self.tr("ICE checking"),
            "done": self.tr("ICE done"),
            "failed": self.tr("ICE failed"),
        }[t.ice]
        text = f"{t.profile} · {srtp} · {ice}"
        return text, text

    def _audio_cells(self, s: MediaStats) -> tuple[str, str]:
        a = s.audio
        if a is None:
            return NONE, NONE
        if a.source != "device":
            return self.tr("test signal"), self.tr("test signal")
        rx = self.tr("underruns {count}").format(count=a.underruns)
        tx = self.tr("overruns {count}").format(count=a.overruns)
        if a.latency_ms is not None:
            rx += f", {a.latency_ms:.0f} ms"
        return rx, tx

    # -- drawing (timer) --------------------------------------------------------------

    def _tick(self) -> None:
        if not self.isVisible():
            return  # hidden: nothing is drawn, the data keeps arriving
        latest = self._latest
        if latest is None and not self.history.dirty:
            return
        self.tx_meter.set_reading(latest.tx if latest else None)
        self.rx_meter.set_reading(latest.rx if latest else None)
        self.history.redraw()
        self.redraws += 1

    # -- the test call ------------------------------------------------------------------

    def _devices_toggled(self, on: bool) -> None:
        for combo in (self.output_combo, self.input_combo):
            combo.setEnabled(on)
        if on and self.output_combo.count() == 1:

            def inventory() -> list[tuple[str, str]]:
                from softdiag.audio.devices import take_inventory

                return [(d.direction, d.name) for d in take_inventory().devices]

            EngineOp(self, inventory).success(self._fill_devices).failure(lambda _e: None).run()

    def _fill_devices(self, devices: list[tuple[str, str]]) -> None:
        for direction, name in devices:
            combo = self.output_combo if direction == "output" else self.input_combo
            if combo.findText(name) < 0:
                combo.addItem(name, name)

    def audio_spec(self) -> AudioSpec:
        if not self.devices_check.isChecked():
            return AudioSpec()
        return AudioSpec(source="devices", output=self.output_combo.currentData(),
                         input=self.input_combo.currentData())  # fmt: skip

    def _device_chosen(self, _index: int) -> None:
        """Re-select devices during a call (e.g. after one was unplugged)."""
        if self._call is not None and self._test is not None and self.softphone is not None:
            self.softphone.engine.select_audio(self._call, self.audio_spec())

    def follow_incoming(self, call: int, caller: str) -> None:
        """Show an incoming call the user answered; the button hangs it up."""
        self._reset()
        self._call = call
        self._incoming = call
        self.call_button.setText(self.tr("Hang up"))
        self.call_button.setEnabled(True)
        self.state_label.setText(self.tr("Answering {uri}…").format(uri=caller))
        set_text_color(self.state_label, None)

    def _button_clicked(self) -> None:
        if self._incoming is not None and self.softphone is not None:
            self.softphone.engine.hangup(self._incoming)
            self.call_button.setEnabled(False)
            return
        if self._test is not None:
            self._test.cancel()
            self.call_button.setEnabled(False)
            return
        self.start_test_call()

    def start_test_call(self) -> None:
        from softdiag.media.testcall import TestCall

        if self.softphone is None or self.session is None:
            return
        registered = self._registered()
        spec = None if registered else self._account()
        if not registered and spec is None:
            self.state_label.setText(self.tr("Enter an account first: the call registers with it"))
            set_text_color(self.state_label, ERROR_COLOR)
            return
        self._reset()
        test = TestCall(self.softphone, self.session, self.uri_edit.text().strip(),
                        duration=float(self.duration_spin.value()), audio=self.audio_spec())  # fmt: skip
        self._test = test
        self.call_button.setText(self.tr("Hang up"))
        self.state_label.setText(self.tr("Registering…") if not registered else self.tr("Calling…"))
        set_text_color(self.state_label, None)
        EngineOp(self, lambda: test.run(spec, registered=registered)).success(
            self._test_done
        ).failure(self._test_failed).run()

    def _reset(self) -> None:
        self._call = None
        self._concluded = None
        self._latest = None
        self.sdp_view.clear()
        self.tabs.setTabIcon(1, QIcon())
        self.history.clear_history()
        self.tx_meter.set_reading(None)
        self.rx_meter.set_reading(None)
        self.audio_label.setText("")
        for row in range(self.stats.rowCount()):
            for col in range(2):
                item = self.stats.item(row, col)
                if item is not None:
                    item.setText(NONE)

    def _test_done(self, result: Any) -> None:
        self._test = None
        self._concluded = result.call
        self.call_button.setText(self.tr("Test call"))
        self.call_button.setEnabled(True)
        if result.problem:
            self.state_label.setText(result.problem)
            set_text_color(self.state_label, ERROR_COLOR)
            return
        verdict = (
            self.tr("Test call done: audio flowed both ways")
            if result.ok and not result.findings
            else self.tr("Test call done: see the findings")
        )
        self.state_label.setText(verdict)
        set_text_color(self.state_label, OK_COLOR if result.ok else ERROR_COLOR)

    def _test_failed(self, exc: Exception) -> None:
        self._test = None
        self.call_button.setText(self.tr("Test call"))
        self.call_button.setEnabled(True)
        self.state_label.setText(self.tr("The test call failed: {error}").format(error=exc))
        set_text_color(self.state_label, ERROR_COLOR)

    def close_panel(self) -> None:
        """Stop listening (the window is closing); a running test call is hung up."""
        if self._test is not None:
            self._test.cancel()
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
            self.bridge.close()
