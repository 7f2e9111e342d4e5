"""Translations: every string has a Chinese text, and findings translate by id."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QTranslator

from softdiag.findings import CATALOG, make_finding
from ui.app import TRANSLATIONS
from ui.texts.events import registration_state_text
from ui.texts.finding_texts import TRANSLATABLE, finding_advice, finding_title

pytestmark = pytest.mark.gui

TS_FILE = TRANSLATIONS / "softdiag_zh_CN.ts"


def test_every_catalogue_template_is_translatable() -> None:
    templates = {t for spec in CATALOG.values() for t in (spec.title, spec.advice)}
    missing = templates - {str(t) for t in TRANSLATABLE}
    assert not missing, f"run packaging/update_translations.sh and translate: {sorted(missing)}"


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
    assert registration_state_text("registered") == "已注册"


def test_unknown_finding_falls_back_to_its_text() -> None:
    from softdiag.events import Finding

    finding = Finding(id="future.thing", severity="info", title="Something new", advice="Do x")
    assert finding_title(finding) == "Something new"
    assert finding_advice(finding) == "Do x"


def test_every_failover_reason_is_translatable() -> None:
    from softdiag.failover.reasons import REASONS
    from ui.texts.failover_texts import REASON_TEMPLATES

    assert {k: str(v) for k, v in REASON_TEMPLATES.items()} == REASONS, (
        "softdiag.failover.reasons.REASONS changed: copy it into ui/texts/failover_texts.py, "
        "run packaging/update_translations.sh and translate"
    )


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
