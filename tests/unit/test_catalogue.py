"""The one catalogue of words: every text id is translated once, nothing is orphaned, the
placeholders agree, and the CLI speaks the reader's language with the GUI's words."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po as babel_read_po

from softdiag import i18n
from softdiag.describe import format_line
from softdiag.events import FailoverDecision
from softdiag.findings import CATALOG, make_finding

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "resources" / "locale"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != "en"]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _po(lang: str) -> str:
    return (LOCALE / lang / "LC_MESSAGES" / "softdiag.po").read_text(encoding="utf-8")


def _fields(template: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(template)
                  if name is not None)  # fmt: skip


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_id_is_translated_and_none_is_orphaned(lang: str) -> None:
    catalogue = i18n.catalogue()
    messages = {ctxt: (msgid, msgstr) for (ctxt, msgid), msgstr in i18n.read_po(_po(lang)).items()
                if msgid}  # fmt: skip
    missing = sorted(set(catalogue) - set(messages))
    orphaned = sorted(set(messages) - set(catalogue))
    assert not missing, f"run packaging/update_translations.sh and translate: {missing}"
    assert not orphaned, f"run packaging/update_translations.sh: {orphaned}"
    stale = sorted(k for k, (msgid, _) in messages.items() if msgid != catalogue[k])
    assert not stale, f"the English text changed since it was translated: {stale}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_are_identical_in_both_languages(lang: str) -> None:
    for (ctxt, msgid), msgstr in i18n.read_po(_po(lang)).items():
        if msgid:
            assert _fields(msgstr) == _fields(msgid), ctxt


def test_every_english_text_renders_with_its_own_placeholders() -> None:
    for text_id, template in i18n.catalogue().items():
        values = {name.split(":")[0]: "x" for name in _fields(template)}
        assert "{" not in i18n.render(text_id, values, "en").replace("{x}", ""), text_id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_runtime_reader_agrees_with_babel(lang: str) -> None:
    text = _po(lang)
    babel = {(m.context, m.id): m.string for m in babel_read_po(io.StringIO(text))
             if m.id and m.string and not m.fuzzy}  # fmt: skip
    ours = {key: value for key, value in i18n.read_po(text).items() if key[1]}
    assert ours == babel


def test_every_finding_has_a_title_and_advice_in_the_catalogue() -> None:
    catalogue = i18n.catalogue()
    for finding_id, spec in CATALOG.items():
        assert catalogue[f"finding.{finding_id}.title"] == spec.title
        assert catalogue[f"finding.{finding_id}.advice"] == spec.advice


def test_the_cli_prints_a_finding_in_chinese() -> None:
    finding = make_finding("registration.credentials_rejected", code=403, reason="Forbidden",
                           aor="sip:alice@voip.test")  # fmt: skip
    zh = format_line(finding, "zh_CN")
    assert "服务器拒绝了认证信息：403 Forbidden" in zh and "[错误]" in zh
    assert "sip:alice@voip.test" in zh  # the values are filled into the translation
    assert finding.title in format_line(finding, "en")  # English: the event's own prose


def test_the_cli_prints_a_failover_reason_in_chinese_with_its_cause() -> None:
    decision = FailoverDecision(
        policy="sticky", from_target="127.0.0.3:5060/udp", to_target=None,
        reason="no answer to OPTIONS (silent: frozen or black-holed); every server is down",
        reason_id="all_down", params=(("cause", "probe_timeout"),),
    )  # fmt: skip
    zh = format_line(decision, "zh_CN")
    assert "OPTIONS 无应答（静默：进程冻结或报文被丢弃）；所有服务器均不可用" in zh
    assert "无处可去" in zh
    assert decision.reason in format_line(decision, "en")


def test_a_phrase_given_as_a_value_is_translated_too() -> None:
    from softdiag.sdp.texts import REASONS

    finding = make_finding("sdp.address_unusable", side="offer", address="10.0.0.1",
                           why=REASONS["addr_private"])  # fmt: skip
    zh = format_line(finding, "zh_CN")
    assert REASONS["addr_private"] not in zh and "私网地址" in zh


@pytest.mark.parametrize(
    ("name", "lang"),
    [("zh_CN.UTF-8", "zh_CN"), ("zh-cn", "zh_CN"), ("zh", "zh_CN"), ("de_DE.UTF-8", "en"),
     ("C", "en"), ("", "en"), (None, "en")],
)  # fmt: skip
def test_a_locale_name_picks_a_language(name: str | None, lang: str) -> None:
    assert i18n.resolve_language(name) == lang


def test_the_default_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SOFTDIAG_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.default_language() == "zh_CN"
    monkeypatch.setenv("LC_MESSAGES", "fr_FR.UTF-8")
    assert i18n.default_language() == "en"


def test_lang_is_accepted_after_the_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    from softdiag.cli import main

    try:
        assert main(["sdp", "analyze", "--lang", "zh_CN", "/nonexistent.sdp"]) == 2
        assert i18n.get_language() == "zh_CN"
        assert "--lang" not in capsys.readouterr().err
    finally:
        i18n.set_language("en")


def test_every_module_that_registers_texts_is_listed() -> None:
    """i18n.catalogue() imports CATALOGUE_MODULES: a module missing there would have its
    texts dropped from the .po by update_translations.sh."""
    package = ROOT / "softdiag"
    registering = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in package.rglob("*.py")
        if "i18n.texts(" in path.read_text(encoding="utf-8")
    }
    assert registering == set(i18n.CATALOGUE_MODULES)


@pytest.mark.parametrize(
    ("argv", "lang"),
    [(["bundle", "export", "--lang", "zh_CN"], "zh_CN"), (["--lang", "zh_CN", "bundle", "export"], "zh_CN"),
     (["bundle", "export"], "en")],
)  # fmt: skip
def test_bundle_export_keeps_its_own_lang(
    argv: list[str], lang: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The global --lang is also the report's language; without it the report stays English."""
    from softdiag.bundle import export
    from softdiag.cli import main

    seen: list[str] = []

    def fake_export(runs: object, out: Path, *, lang: str) -> object:
        seen.append(lang)
        raise export.BundleError("stop here")

    monkeypatch.setattr(export, "select_runs", lambda run, last: [])
    monkeypatch.setattr(export, "export_bundle", fake_export)
    try:
        assert main([*argv, "--out", str(tmp_path / "b.zip")]) == 2
    finally:
        i18n.set_language("en")
    assert seen == [lang]
