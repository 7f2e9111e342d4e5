"""The Tools menu opens the guided device check beside the main window."""

from __future__ import annotations

import random
import time

import pytest
from pytestqt.qtbot import QtBot

from softdiag.audio.devices import DeviceInfo

from .fixtures import WindowFactory

pytestmark = pytest.mark.gui


def test_tools_menu_opens_the_device_wizard(qtbot: QtBot, make_window: WindowFactory) -> None:
    from ui.windows.device_wizard import DeviceWizard

    window = make_window()
    assert window.device_check_action.text().startswith("Check audio devices")
    window.device_check_action.trigger()
    wizards = [w for w in window.findChildren(DeviceWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].close()


def test_chosen_devices_are_kept_for_calls(make_window: WindowFactory) -> None:
    window = make_window()
    fields = DeviceInfo.__dataclass_fields__
    assert "name" in fields
    window._devices_chosen(_device("USB-Handset"), _device("Handset mic"))
    assert window.chosen_devices is not None
    assert "USB-Handset" in window.status_message()


def _device(name: str) -> object:
    class Dev:
        def __init__(self, name: str) -> None:
            self.name = name

    return Dev(name)


def test_tools_menu_opens_the_test_call_window(make_window: WindowFactory) -> None:
    window = make_window()
    window.test_call_action.trigger()
    assert window.call_panel.isVisible()
    assert window.call_panel.isWindow()
    assert window.call_panel.windowTitle().endswith("test call")
    window.call_panel.close()


def test_the_wizard_opens_and_closes_while_its_workers_allocate(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CI hang: the device inventory runs on two threads (the page's op and the
    hot-plug watcher); their allocations used to trigger garbage collection there, which
    destroyed the closed wizards' widgets on the wrong thread ("QBasicTimer::start: Timers
    cannot be started from another thread", then a deadlock or a crash)."""
    from softdiag.audio.devices import Inventory
    from ui.windows.device_wizard import DeviceWizard

    def slow_allocating_provider() -> Inventory:
        for _ in range(10):
            junk = [[] for _ in range(3000)]  # cyclic garbage, far past gen-0's threshold
            for item in junk:
                item.append(item)
            time.sleep(random.random() * 0.01)
        return Inventory("pulse", ())

    monkeypatch.setattr("softdiag.audio.service.take_inventory", slow_allocating_provider)
    window = make_window()
    for _ in range(25):
        window.device_check_action.trigger()
        wizards = [w for w in window.findChildren(DeviceWizard) if w.isVisible()]
        assert len(wizards) == 1
        qtbot.wait(random.randint(0, 120))
        wizards[0].close()
        del wizards
        qtbot.wait(random.randint(0, 30))
    qtbot.waitUntil(lambda: not window.findChildren(DeviceWizard), timeout=5000)
