"""The Tools menu opens the guided device check beside the main window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from softdiag.audio.devices import DeviceInfo

from .fixtures import WindowFactory

pytestmark = pytest.mark.gui


def test_tools_menu_opens_the_device_wizard(qtbot: QtBot, make_window: WindowFactory) -> None:
    from ui.device_wizard import DeviceWizard

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
