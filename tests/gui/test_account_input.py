"""The account form with what users really type: one red line for a password in the user
name (never echoing it), and international user names accepted (issue 12)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS, StubSoftphone

pytestmark = pytest.mark.gui


def test_password_in_the_user_name_is_one_red_line_without_the_password(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    window.resize(1200, 900)
    window.domain_edit.setText("voip.test")
    window.user_edit.setText("alice:Sup3rSecret")
    window.register_button.click()
    error = window.account_form.error_text()
    assert error and "password never goes in the user name" in error
    assert "Sup3rSecret" not in error and "\n" not in error
    assert "register" not in phone.names()
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / "account-password-in-user.png"))


@pytest.mark.parametrize("user", ["张伟", "josé", 'a"b'])
def test_international_user_names_go_to_the_engine(make_window: WindowFactory, user: str) -> None:
    phone = StubSoftphone()
    window = make_window(softphone=phone)
    window.domain_edit.setText("voip.test")
    window.user_edit.setText(user)
    window.register_button.click()
    assert not window.account_form.error_text()
    assert "register" in phone.names()
