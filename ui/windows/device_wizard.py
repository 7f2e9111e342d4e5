"""The guided device check: choose devices, hear a tone, speak, read the verdict.

Four pages, written so that a support engineer on the phone can read each one aloud:

1. Devices: outputs and microphones with their form-factor icons, and what the user holds
   or wears to listen (the OS names sockets, not handsets: CASES.md case 2). Devices that
   are plugged in or out while the page is open are listed again and named.
2. Tone: plays the test sweep while capturing the microphone (``DeviceService.run`` on a
   worker through ``EngineOp``), then asks "Do you hear the tone in your handset?".
3. Speak: a live level bar while the user talks. The audio callback only writes into a
   ring buffer; a ``QTimer`` at 30 Hz reads the newest 50 ms and repaints the bar.
4. Result: the verdicts in plain words, their evidence for support, "use these devices
   for calls", and a copy button.

Nothing here blocks the GUI thread: inventory, check and opening the live input run
through ``EngineOp``; hot-plug news arrives from ``InventoryWatcher`` through
``gui_callback`` (ui/plumbing/threads.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, cast

import numpy as np
from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from softdiag.audio import dsp
from softdiag.audio.check import UserAnswers
from softdiag.audio.devices import Inventory
from softdiag.audio.runner import AudioStream, RunOutcome, conclude
from softdiag.audio.service import DeviceService, LiveRing
from softdiag.events import DeviceCheckResult, DeviceInfo, DeviceInventory, Finding, LevelReading
from softdiag.media.levels import PeakHold
from softdiag.media.levels import reading as level_reading
from softdiag.session import Session
from ui.panels.widgets import mute, severity_icon
from ui.plumbing.ops import EngineOp
from ui.plumbing.threads import gui_callback
from ui.texts.finding_texts import finding_advice, finding_title

__all__ = ["DeviceWizard", "LevelBar", "form_factor_icon", "form_factor_text"]

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
LISTEN_CHOICES = ("handset", "headset", "headphones", "speaker")
METER_INTERVAL_MS = 33  # 30 Hz: smooth to the eye, cheap with QPainter
SPEECH_SECONDS = 4.0


def form_factor_text(form_factor: str) -> str:
    texts = {
        "handset": QCoreApplication.translate("DeviceWizard", "handset"),
        "headset": QCoreApplication.translate("DeviceWizard", "headset"),
        "headphones": QCoreApplication.translate("DeviceWizard", "headphones"),
        "speaker": QCoreApplication.translate("DeviceWizard", "speakers"),
        "hands-free": QCoreApplication.translate("DeviceWizard", "hands-free speakerphone"),
        "microphone": QCoreApplication.translate("DeviceWizard", "microphone"),
        "line": QCoreApplication.translate("DeviceWizard", "line level"),
        "digital": QCoreApplication.translate("DeviceWizard", "digital (HDMI, S/PDIF)"),
    }
    return texts.get(form_factor, QCoreApplication.translate("DeviceWizard", "unknown kind"))


def bus_text(bus: str) -> str:
    texts = {
        "usb": QCoreApplication.translate("DeviceWizard", "USB"),
        "bluetooth": QCoreApplication.translate("DeviceWizard", "Bluetooth"),
        "analog": QCoreApplication.translate("DeviceWizard", "analog jack"),
        "builtin": QCoreApplication.translate("DeviceWizard", "built-in"),
        "hdmi": QCoreApplication.translate("DeviceWizard", "HDMI"),
        "virtual": QCoreApplication.translate("DeviceWizard", "virtual"),
    }
    return texts.get(bus, "")


def form_factor_icon(form_factor: str) -> QIcon:
    name = {"hands-free": "speaker"}.get(form_factor, form_factor)
    path = ICONS / f"ff_{name}.svg"
    return QIcon(str(path if path.exists() else ICONS / "ff_unknown.svg"))


def device_text(device: DeviceInfo) -> str:
    parts = [form_factor_text(device.form_factor)]
    if bus_text(device.bus):
        parts.append(bus_text(device.bus))
    if device.is_default:
        parts.append(QCoreApplication.translate("DeviceWizard", "system default"))
    if device.muted:
        parts.append(QCoreApplication.translate("DeviceWizard", "MUTED"))
    return f"{device.name}\n{' · '.join(parts)}"


class LevelBar(QWidget):
    """A horizontal level meter from -60 to 0 dBFS with a falling peak-hold mark."""

    RANGE_DB = 60.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rms_dbfs: float = dsp.FLOOR_DBFS
        self.peak_dbfs: float = dsp.FLOOR_DBFS
        self.hold_dbfs: float = dsp.FLOOR_DBFS
        self.setMinimumHeight(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 34)

    def set_reading(self, reading: LevelReading) -> None:
        """Draw the engine's reading as it is: the ballistics (the peak-hold mark's hold
        and fall) are softdiag.media.levels', the same as the call meters'."""
        self.rms_dbfs = reading.rms_dbfs
        self.peak_dbfs = reading.peak_dbfs
        self.hold_dbfs = reading.peak_hold_dbfs
        self.update()

    def _x(self, dbfs: float, width: float) -> float:
        return width * min(1.0, max(0.0, (dbfs + self.RANGE_DB) / self.RANGE_DB))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        margin = 12.0  # room for the end labels of the scale
        rect = QRectF(self.rect()).adjusted(margin, 0.5, -margin, -12.5)
        width = rect.width()
        painter.fillRect(rect, QColor("#e8eaed"))
        level = self._x(self.rms_dbfs, width)
        for start, end, color in ((-60, -20, "#34a853"), (-20, -6, "#fbbc04"), (-6, 0, "#ea4335")):
            x0, x1 = self._x(start, width), min(self._x(end, width), level)
            if x1 > x0:
                painter.fillRect(
                    QRectF(rect.left() + x0, rect.top(), x1 - x0, rect.height()), QColor(color)
                )
        hold = self._x(self.hold_dbfs, width)
        if hold > 1:
            painter.setPen(QPen(QColor("#202124"), 2))
            hold_x = int(rect.left() + hold)
            painter.drawLine(hold_x, int(rect.top()), hold_x, int(rect.bottom()))
        painter.setPen(QPen(QColor("#5f6368"), 1))
        painter.drawRect(rect)
        font = QFont(painter.font())
        font.setPixelSize(9)
        painter.setFont(font)
        for mark in (-60, -40, -20, -10, -6, 0):
            x = rect.left() + self._x(mark, width)
            painter.drawLine(int(x), int(rect.bottom()), int(x), int(rect.bottom() + 3))
            painter.drawText(
                QRectF(x - 14, rect.bottom() + 2, 28, 10), Qt.AlignmentFlag.AlignCenter, str(mark)
            )
        painter.end()


class DeviceWizard(QWizard):
    """The guided device check. ``devices_chosen(output, input)`` is emitted on Finish when
    the user ticked "use these devices for calls"."""

    devices_chosen = Signal(object, object)
    result_ready = Signal(object)

    def __init__(
        self,
        service: DeviceService | None = None,
        parent: QWidget | None = None,
        *,
        session: Session | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service or DeviceService()
        self.session = session
        self.inventory: Inventory | None = None
        self.output: DeviceInfo | None = None
        self.input: DeviceInfo | None = None
        self.expected = "headset"
        self.outcome: RunOutcome | None = None
        self.heard: str | None = None
        self.speech: np.ndarray | None = None
        self.check_result: DeviceCheckResult | None = None
        self.setWindowTitle(self.tr("Check your audio devices"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setMinimumSize(620, 520)
        self.devices_page = DevicesPage(self)
        self.tone_page = TonePage(self)
        self.speak_page = SpeakPage(self)
        self.result_page = ResultPage(self)
        for page in (self.devices_page, self.tone_page, self.speak_page, self.result_page):
            self.addPage(page)
        # The watcher's thread holds only a weak way back to this dialog.
        self._watcher = self.service.watcher(gui_callback(self._on_event))
        self._watcher.start()

    # -- shared state ---------------------------------------------------------------

    def answers(self) -> UserAnswers:
        heard = self.heard if self.heard in ("yes", "no", "elsewhere") else None
        return UserAnswers(expected=self.expected, heard=heard)  # type: ignore[arg-type]

    def conclude(self) -> DeviceCheckResult | None:
        if self.outcome is None:
            return None
        outputs = self.inventory.outputs() if self.inventory else ()
        self.check_result = conclude(
            self.outcome, outputs=outputs, answers=self.answers(), speech=self.speech
        )
        if self.session is not None:
            for verdict in self.check_result.verdicts:
                self.session.publish(verdict)
            self.session.publish(self.check_result)
        self.result_ready.emit(self.check_result)
        return self.check_result

    def _on_event(self, event: object) -> None:
        if isinstance(event, DeviceInventory):
            self.devices_page.on_inventory(event)
            if self.session is not None:
                self.session.publish(event)

    def accept(self) -> None:
        if self.result_page.use_devices.isChecked() and self.output and self.input:
            self.devices_chosen.emit(self.output, self.input)
        super().accept()

    def done(self, result: int) -> None:
        self.speak_page.stop_meter()
        self._watcher.stop(timeout=0.0)
        super().done(result)


def _wizard(page: QWizardPage) -> DeviceWizard:
    return cast(DeviceWizard, page.wizard())


class DevicesPage(QWizardPage):
    def __init__(self, wizard: DeviceWizard) -> None:
        super().__init__()
        self._wiz = wizard
        self.setTitle(self.tr("Choose your devices"))
        self.setSubTitle(
            self.tr("softdiag plays a short tone on the output and listens on the microphone. "
                    "The whole check takes about ten seconds.")
        )  # fmt: skip
        self.outputs = QListWidget()
        self.inputs = QListWidget()
        for view in (self.outputs, self.inputs):
            view.setIconSize(QSize(32, 32))
            view.setSpacing(1)
            view.currentItemChanged.connect(self._changed)
        self.listen = QComboBox()
        for form in LISTEN_CHOICES:
            self.listen.addItem(form_factor_icon(form), form_factor_text(form), form)
        self.listen.currentIndexChanged.connect(self._changed)
        self.news = mute(QLabel())
        self.news.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Where the other party's voice comes out (output):")))
        layout.addWidget(self.outputs, 3)
        layout.addWidget(QLabel(self.tr("Where you speak into (microphone):")))
        layout.addWidget(self.inputs, 3)
        listen_row = QFormLayout()
        listen_row.addRow(self.tr("What do you hold or wear to listen?"), self.listen)
        layout.addLayout(listen_row)
        layout.addWidget(self.news)
        self._loaded = False

    def initializePage(self) -> None:
        if not self._loaded:
            self.news.setText(self.tr("Looking for audio devices…"))
            EngineOp(self, self._wiz.service.inventory).success(self.show_inventory).failure(
                self._failed
            ).run()

    def _failed(self, exc: Exception) -> None:
        self.news.setText(self.tr("The audio devices could not be listed: {0}").format(exc))

    def show_inventory(self, inventory: Inventory) -> None:
        self._loaded = True
        self._wiz.inventory = inventory
        keep_out = self._wiz.output.key if self._wiz.output else None
        keep_in = self._wiz.input.key if self._wiz.input else None
        for view, devices, keep in (
            (self.outputs, inventory.outputs(), keep_out),
            (self.inputs, inventory.inputs(), keep_in),
        ):
            view.blockSignals(True)
            view.clear()
            chosen = None
            for device in devices:
                item = QListWidgetItem(form_factor_icon(device.form_factor), device_text(device))
                item.setData(Qt.ItemDataRole.UserRole, device)
                view.addItem(item)
                if device.key == keep or (keep is None and device.is_default and chosen is None):
                    chosen = item
            view.blockSignals(False)
            view.setCurrentItem(chosen or view.item(0))
        if not inventory.outputs() or not inventory.inputs():
            self.news.setText(
                self.tr("No output or no microphone was found: plug one in, it will appear here.")
            )
        elif inventory.problem:
            self.news.setText(
                self.tr("Limited device details on this system: {0}").format(inventory.problem)
            )
        else:
            self.news.setText("")
        self._changed()

    def on_inventory(self, event: DeviceInventory) -> None:
        previous = self._wiz.inventory
        inventory = Inventory(event.provider, event.devices, event.problem)
        if not self._loaded:
            self.show_inventory(inventory)
            return
        if not event.appeared and not event.disappeared and previous is not None:
            self.show_inventory(inventory)
            return
        names = {d.key: d.name for d in (*(previous.devices if previous else ()), *event.devices)}
        lines = [self.tr("Plugged in: {0}").format(names.get(k, k)) for k in event.appeared]
        lines += [self.tr("Unplugged: {0}").format(names.get(k, k)) for k in event.disappeared]
        self.show_inventory(inventory)
        self.news.setText("\n".join(lines))

    def _changed(self, *args: Any) -> None:
        out = self.outputs.currentItem()
        inp = self.inputs.currentItem()
        self._wiz.output = out.data(Qt.ItemDataRole.UserRole) if out else None
        self._wiz.input = inp.data(Qt.ItemDataRole.UserRole) if inp else None
        self._wiz.expected = str(self.listen.currentData() or "headset")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wiz.output is not None and self._wiz.input is not None


class TonePage(QWizardPage):
    def __init__(self, wizard: DeviceWizard) -> None:
        super().__init__()
        self._wiz = wizard
        self.setTitle(self.tr("Listen for the test tone"))
        self.play = QPushButton(form_factor_icon("speaker"), self.tr("Play the test tone"))
        self.play.setIconSize(QSize(24, 24))
        self.play.clicked.connect(self.run_check)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.question = QGroupBox()
        self.answers = QButtonGroup(self)
        box = QVBoxLayout(self.question)
        for key, text in (
            ("yes", self.tr("Yes, I heard a rising tone")),
            ("no", self.tr("No, I heard nothing")),
            ("elsewhere", self.tr("I heard it, but from another device")),
        ):
            button = QRadioButton(text)
            button.setProperty("answer", key)
            self.answers.addButton(button)
            box.addWidget(button)
        self.answers.buttonClicked.connect(self._answered)
        self.question.hide()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.play)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.question)
        layout.addStretch(1)
        self.running = False

    def initializePage(self) -> None:
        wiz = self._wiz
        self.setSubTitle(
            self.tr("Pick up or put on your {device}, then play the tone. It plays on {output} "
                    "while softdiag listens on {input}.").format(
                device=form_factor_text(wiz.expected),
                output=wiz.output.name if wiz.output else "?",
                input=wiz.input.name if wiz.input else "?",
            )
        )  # fmt: skip
        self.question.setTitle(
            self.tr("Do you hear the tone in your {device}?").format(
                device=form_factor_text(wiz.expected)
            )
        )
        if wiz.outcome is not None and (
            wiz.outcome.output != wiz.output or wiz.outcome.input != wiz.input
        ):
            wiz.outcome, wiz.heard = None, None  # other devices: the old run does not count
            self.question.hide()
            self.status.clear()

    def run_check(self) -> None:
        wiz = self._wiz
        if wiz.output is None or wiz.input is None or self.running:
            return
        self.running = True
        self.play.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Playing the tone… listen now."))
        output, input_ = wiz.output, wiz.input
        EngineOp(self, lambda: wiz.service.run(output, input_)).success(self._done).failure(
            self._failed
        ).run()

    def _done(self, outcome: RunOutcome) -> None:
        self.running = False
        self._wiz.outcome = outcome
        self.play.setEnabled(True)
        self.play.setText(self.tr("Play the tone again"))
        self.progress.hide()
        if outcome.failure is not None:
            self.status.setText(
                self.tr("The check could not use {device}. Go on to see why.").format(
                    device=outcome.failure.device.name
                )
            )
            self.question.hide()
        else:
            self.status.setText(
                self.tr("The tone played for {0} s.").format(f"{outcome.seconds:.1f}")
            )
            self.question.show()
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.play.setEnabled(True)
        self.progress.hide()
        self.status.setText(self.tr("The tone could not be played: {0}").format(exc))

    def _answered(self, button: QRadioButton) -> None:
        self._wiz.heard = str(button.property("answer"))
        self.completeChanged.emit()

    def answer(self, key: str) -> None:
        """Choose an answer (tests and keyboard users)."""
        for button in self.answers.buttons():
            if button.property("answer") == key:
                button.click()

    def isComplete(self) -> bool:
        outcome = self._wiz.outcome
        if outcome is None or self.running:
            return False
        return outcome.failure is not None or self._wiz.heard is not None

    def nextId(self) -> int:
        outcome = self._wiz.outcome
        if outcome is not None and outcome.failure is not None:
            return self._wiz.pageIds()[-1]  # nothing to speak into: straight to the verdict
        return super().nextId()


class SpeakPage(QWizardPage):
    def __init__(self, wizard: DeviceWizard) -> None:
        super().__init__()
        self._wiz = wizard
        self.setTitle(self.tr("Speak into your microphone"))
        self.meter = LevelBar()
        self.reading = QLabel()
        self.reading.setFont(QFont(self.reading.font().family(), 14))
        self.hint = mute(QLabel())
        self.hint.setWordWrap(True)
        legend = QLabel(
            self.tr("Green: a good speaking level. Yellow: loud. Red: too loud, the other party "
                    "hears distortion. No movement at all: the microphone sends nothing.")
        )  # fmt: skip
        legend.setWordWrap(True)
        icon = QLabel()
        icon.setPixmap(form_factor_icon("microphone").pixmap(48, 48))
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.meter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.reading)
        layout.addWidget(legend)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.ring: LiveRing | None = None
        self.stream: AudioStream | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(METER_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._hold = PeakHold()
        self._ticks = 0
        self._generation = 0

    def initializePage(self) -> None:
        wiz = self._wiz
        self.setSubTitle(
            self.tr("Say a few words in your normal voice, for example count from one to five. "
                    "The bar should move well into the green while you speak into {input}.").format(
                input=wiz.input.name if wiz.input else "?"
            )
        )  # fmt: skip
        self.start_meter()

    def cleanupPage(self) -> None:
        self.stop_meter()

    def validatePage(self) -> bool:
        ring = self.ring
        if ring is not None and ring.total:
            seconds = min(ring.total, round(SPEECH_SECONDS * ring.rate))
            self._wiz.speech = ring.latest(seconds).astype(np.float64)
        self.stop_meter()
        return True

    def start_meter(self) -> None:
        wiz = self._wiz
        if wiz.input is None or self.stream is not None:
            return
        self._generation += 1
        generation = self._generation
        rate = wiz.service.plan.rate
        self.ring = LiveRing(round(rate * (SPEECH_SECONDS + 1)), rate)
        ring, device = self.ring, wiz.input

        def opened(stream: AudioStream) -> None:
            if generation != self._generation:  # the user left meanwhile
                stream.close()
                return
            self.stream = stream
            self.hint.setText("")

        def failed(exc: Exception) -> None:
            self.hint.setText(self.tr("The microphone could not be opened: {0}").format(exc))

        EngineOp(self, lambda: wiz.service.open_live_input(device, ring)).success(opened).failure(
            failed
        ).run()
        self._timer.start()

    def stop_meter(self) -> None:
        self._generation += 1
        self._timer.stop()
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def _tick(self) -> None:
        ring = self.ring
        if ring is None or not self.isVisible():
            return
        block = ring.latest(ring.rate // 20)  # the newest 50 ms
        level = level_reading(block, self._hold, time.monotonic())
        self.meter.set_reading(level)
        rms = level.rms_dbfs
        self._ticks += 1
        if self._ticks % 8 == 0:  # numbers at ~4 Hz: readable, not flickering
            if rms <= dsp.FLOOR_DBFS:
                self.reading.setText(self.tr("Silence"))
            else:
                self.reading.setText(self.tr("{0} dBFS").format(f"{rms:.0f}"))


class ResultPage(QWizardPage):
    def __init__(self, wizard: DeviceWizard) -> None:
        super().__init__()
        self._wiz = wizard
        self.setTitle(self.tr("Result"))
        self.headline = QLabel()
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.verdicts = QVBoxLayout()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(110)
        self.details.setFont(QFont("monospace", 8))
        self.use_devices = QCheckBox(self.tr("Use these devices for calls"))
        copy = QPushButton(self.tr("Copy the result"))
        copy.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(self.verdicts)
        layout.addStretch(1)
        layout.addWidget(mute(QLabel(self.tr("Details for support:"))))
        layout.addWidget(self.details)
        row = QHBoxLayout()
        row.addWidget(self.use_devices)
        row.addStretch(1)
        row.addWidget(copy)
        layout.addLayout(row)

    def initializePage(self) -> None:
        result = self._wiz.conclude()
        while self.verdicts.count():
            item = self.verdicts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if result is None:
            self.headline.setText(self.tr("The check has not run yet."))
            return
        severities = {v.severity for v in result.verdicts}
        if "error" in severities:
            self.headline.setText(self.tr("Problem found"))
            self.headline.setStyleSheet("color: #c5221f;")
        elif "warning" in severities:
            self.headline.setText(self.tr("Works, with a warning"))
            self.headline.setStyleSheet("color: #b06000;")
        else:
            self.headline.setText(self.tr("All good"))
            self.headline.setStyleSheet("color: #1e7e34;")
        for verdict in result.verdicts:
            self.verdicts.addWidget(self._verdict_widget(verdict))
        self.details.setPlainText(self.text(result, with_advice=False))
        self.use_devices.setChecked("error" not in severities)

    def _verdict_widget(self, verdict: Finding) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 4, 0, 4)
        icon = QLabel()
        icon.setPixmap(severity_icon(verdict.severity).pixmap(24, 24))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            f"<b>{_escape(finding_title(verdict))}</b><br>{_escape(finding_advice(verdict))}"
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(icon)
        row.addWidget(text, 1)
        return box

    def text(self, result: DeviceCheckResult, *, with_advice: bool = True) -> str:
        lines = []
        for label, device in (
            (self.tr("Output"), result.output),
            (self.tr("Microphone"), result.input),
        ):
            if device is not None:
                lines.append(
                    f"{label}: {device.name} ({form_factor_text(device.form_factor)}, {device.id})"
                )
        lines.append(self.tr("Check took {0} s").format(f"{result.duration_s:.1f}"))
        for verdict in result.verdicts:
            lines.append(f"[{verdict.severity}] {finding_title(verdict)}  ({verdict.id})")
            if with_advice:
                lines.append(f"    {finding_advice(verdict)}")
            lines += [f"    - {e}" for e in verdict.evidence]
        return "\n".join(lines)

    def copy(self) -> None:
        if self._wiz.check_result is not None:
            QGuiApplication.clipboard().setText(self.text(self._wiz.check_result))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
