"""Translations: every Qt string has a Chinese text, and the engine's texts (findings,
failover reasons) reach the GUI from the one catalogue in the same words as the CLI."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTranslator

from softdiag.describe import describe
from softdiag.findings import make_finding
from ui.app import TRANSLATIONS
from ui.texts.events import registration_state_text
from ui.texts.finding_texts import finding_advice, finding_title

pytestmark = pytest.mark.gui

TS_FILE = TRANSLATIONS / "softdiag_zh_CN.ts"


ENGINE_CONTEXTS = {"Findings", "Reasons", "NatCauses", "NatClasses", "CheckSummaries"}


def test_the_qt_file_holds_no_engine_text() -> None:
    """Engine texts live in the gettext catalogue (resources/locale), not in the .ts."""
    root = ET.parse(TS_FILE).getroot()
    contexts = {context.findtext("name") for context in root.iter("context")}
    assert not contexts & ENGINE_CONTEXTS


def test_every_message_is_translated() -> None:
    root = ET.parse(TS_FILE).getroot()
    untranslated = []
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        if kind in ("vanished", "obsolete"):
            continue
        if kind == "unfinished" or not (translation.text or "").strip():
            untranslated.append(message.findtext("source"))
    assert not untranslated, f"not translated in {TS_FILE.name}: {untranslated}"


def test_placeholders_survive_translation() -> None:
    import re

    root = ET.parse(TS_FILE).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        fields = sorted(re.findall(r"\{[^}]*\}", source))
        assert sorted(re.findall(r"\{[^}]*\}", translation)) == fields, source


def test_finding_in_english_is_the_engines_text() -> None:
    finding = make_finding("dns.timeout", nameserver="127.0.0.1:5353", domain="voip.test")
    assert finding_title(finding) == finding.title
    assert finding_advice(finding) == finding.advice


def test_finding_in_chinese(chinese: list[QTranslator]) -> None:
    finding = make_finding("dns.timeout", nameserver="127.0.0.1:5353", domain="voip.test")
    title = finding_title(finding)
    assert title != finding.title
    assert "127.0.0.1:5353" in title  # the values are filled into the translation
    assert title in describe(finding, "zh_CN")  # the CLI's words: one catalogue
    assert finding_advice(finding) in describe(finding, "zh_CN")
    assert registration_state_text("registered") == "已注册"


def test_unknown_finding_falls_back_to_its_text() -> None:
    from softdiag.events import Finding

    finding = Finding(id="future.thing", severity="info", title="Something new", advice="Do x")
    assert finding_title(finding) == "Something new"
    assert finding_advice(finding) == "Do x"


def test_every_failover_reason_speaks_the_clis_words(chinese: list[QTranslator]) -> None:
    from softdiag.failover.reasons import REASONS
    from softdiag.failover.reasons import reason_text as engine_text
    from ui.texts.failover_texts import reason_text

    for reason_id in REASONS:
        params = {"cause": "probe_timeout", "code": "408", "ip": "127.0.0.2", "seconds": "30"}
        assert reason_text(reason_id, params) == engine_text(reason_id, params, "zh_CN")


def test_failover_reason_in_english_is_the_engines_text() -> None:
    from softdiag.failover.reasons import reason_text as engine_text
    from ui.texts.failover_texts import reason_text

    params = {"cause": "probe_timeout", "code": "408"}
    assert reason_text("all_down", params) == engine_text("all_down", params)
    assert reason_text("future_reason", {}, fallback="Something new") == "Something new"


def test_failover_reason_in_chinese(chinese: list[QTranslator]) -> None:
    from softdiag.events import FailoverDecision
    from ui.texts.failover_texts import decision_reason, policy_text

    decision = FailoverDecision(
        policy="sticky", from_target="127.0.0.3:5060/udp", to_target=None,
        reason="no answer to OPTIONS (silent: frozen or black-holed); every server is down",
        reason_id="all_down", params=(("cause", "probe_timeout"),),
    )  # fmt: skip
    assert (
        decision_reason(decision)
        == "OPTIONS 无应答（静默：进程冻结或报文被丢弃）；所有服务器均不可用"
    )
    assert policy_text("first-ip") == "首个 IP（MicroSIP）"
