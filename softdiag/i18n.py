"""The one catalogue of words and its one renderer: ``render(text_id, params, lang)``.

Every text the engine shows a person (finding titles and advice, failover reasons, NAT
causes, the guided check's summaries, the report's words, event summaries) is written once,
in English, next to the module that raises it, and registered here under a stable id with
:func:`texts`. Events carry the id and the parameters; the English prose fields they also
carry (``Finding.title``, ``FailoverDecision.reason``, ...) are this renderer's English
output. The CLI (``softdiag.describe``), the GUI (``ui.texts``) and the bundle report all
render through :func:`render`.

Translations are gettext catalogues, ``resources/locale/<lang>/LC_MESSAGES/softdiag.po``:
the message context (``msgctxt``) is the text id, the ``msgid`` the English template, so a
changed English text shows up as a new message to translate. The ``.po`` is compiled in
memory the first time a language is used (:func:`translation`): no generated file is kept in
the tree or has to be built before the app runs, and stdlib ``gettext`` does the lookups.
Widget chrome (menus, buttons, labels) stays with Qt's ``tr`` in ``ui/``.

A parameter value may itself be a catalogue phrase: a value equal to the English text of a
text registered with ``phrases=True`` is put in the reader's language too, and a parameter
named in ``refs`` holds the id (without prefix) of another text, rendered in its place.
"""

from __future__ import annotations

import ast
import gettext
import importlib
import io
import locale as _locale
import os
import struct
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

__all__ = [
    "CATALOGUE_MODULES",
    "DOMAIN",
    "LANGUAGES",
    "catalogue",
    "default_language",
    "get_language",
    "locale_dirs",
    "read_po",
    "render",
    "resolve_language",
    "set_language",
    "texts",
    "translation",
]

DOMAIN = "softdiag"
SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "zh_CN")

# The modules that register texts: imported before the whole catalogue is listed.
CATALOGUE_MODULES: tuple[str, ...] = (
    "softdiag.findings",
    "softdiag.sdp.texts",
    "softdiag.failover.reasons",
    "softdiag.nat.tracker",
    "softdiag.check.steps",
    "softdiag.bundle.texts",
    "softdiag.describe",
)

_TEMPLATES: dict[str, str] = {}  # text id -> English template
_PHRASES: dict[str, str] = {}  # English text -> id, for values that are catalogue phrases
_REFS: dict[str, dict[str, str]] = {}  # text id -> {param: id prefix of the text it names}
_chosen: dict[str, str] = {}  # "language": what set_language chose

Params = Mapping[str, object] | Iterable[tuple[str, object]]


def texts(
    prefix: str,
    templates: Mapping[str, str],
    *,
    phrases: bool = False,
    refs: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Register ``templates`` as ``<prefix>.<key>``; returns them unchanged.

    ``phrases``: these texts may be used as parameter values of other texts (translated
    there too). ``refs``: parameter name -> id prefix, for parameters that name a text.
    """
    for key, template in templates.items():
        text_id = f"{prefix}.{key}"
        known = _TEMPLATES.get(text_id)
        if known is not None and known != template:
            raise ValueError(f"text id {text_id} registered twice with different texts")
        _TEMPLATES[text_id] = template
        if phrases:
            _PHRASES[template] = text_id
        if refs:
            _REFS[text_id] = dict(refs)
    return dict(templates)


def catalogue() -> dict[str, str]:
    """Every registered text: id -> English template (imports every catalogue module)."""
    for module in CATALOGUE_MODULES:
        importlib.import_module(module)
    return dict(_TEMPLATES)


def english(text_id: str) -> str | None:
    """The English template of ``text_id``, or None when no module registered it."""
    if text_id not in _TEMPLATES:
        catalogue()
    return _TEMPLATES.get(text_id)


def render(text_id: str, params: Params = (), lang: str | None = None, fallback: str = "") -> str:
    """The text ``text_id`` in ``lang`` (default: :func:`get_language`), filled with ``params``.

    A translation with a broken placeholder falls back to the English template; an unknown
    id to ``fallback`` (or the id itself).
    """
    template = english(text_id)
    if template is None:
        return fallback or text_id
    lang = resolve_language(lang) if lang is not None else get_language()
    values = dict(params)
    refs = _REFS.get(text_id, {})
    filled: dict[str, object] = {}
    for name, value in values.items():
        if name in refs and isinstance(value, str):
            rest = {k: v for k, v in values.items() if k != name}
            filled[name] = render(f"{refs[name]}.{value}", rest, lang, fallback=value)
        elif isinstance(value, str) and value in _PHRASES:
            filled[name] = render(_PHRASES[value], (), lang)
        else:
            filled[name] = value
    candidates = [template]
    if lang != SOURCE_LANGUAGE:
        candidates.insert(0, translation(lang).pgettext(text_id, template))
    for candidate in candidates:
        try:
            return candidate.format(**filled)
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return fallback or template


# -- languages ---------------------------------------------------------------------------


@cache
def resolve_language(name: str | None) -> str:
    """A language softdiag speaks for a locale name (``zh_CN.UTF-8``, ``zh-cn``, ``zh``);
    ``en`` for anything it does not know."""
    if not name:
        return SOURCE_LANGUAGE
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    lang, _, region = base.partition("_")
    wanted = f"{lang.lower()}_{region.upper()}" if region else lang.lower()
    if wanted in LANGUAGES:
        return wanted
    for known in LANGUAGES:  # "zh" or "zh_TW" -> the one Chinese we have
        if known.split("_", 1)[0] == lang.lower():
            return known
    return SOURCE_LANGUAGE


def default_language() -> str:
    """SOFTDIAG_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); ``en`` when unknown."""
    for var in ("SOFTDIAG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return resolve_language(value)
    try:
        return resolve_language(_locale.getlocale()[0])
    except ValueError:
        return SOURCE_LANGUAGE


def set_language(name: str | None) -> str:
    """The language :func:`render` uses when none is given (the CLI's ``--lang``)."""
    _chosen["language"] = resolve_language(name) if name else default_language()
    return _chosen["language"]


def get_language() -> str:
    return _chosen.get("language") or default_language()


# -- the gettext catalogues ----------------------------------------------------------------


def locale_dirs() -> list[Path]:
    """Where the ``.po`` files are: inside the package (wheel, frozen app), else the
    checkout's ``resources/locale``."""
    here = Path(__file__).resolve().parent
    return [here / "locale", here.parent / "resources" / "locale"]


def po_path(lang: str) -> Path | None:
    for directory in locale_dirs():
        path = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The gettext catalogue for ``lang``, compiled in memory from its ``.po``."""
    path = po_path(lang)
    if lang == SOURCE_LANGUAGE or path is None:
        return gettext.NullTranslations()
    messages = read_po(path.read_text(encoding="utf-8"))
    return gettext.GNUTranslations(io.BytesIO(_mo_bytes(messages)))


def read_po(text: str) -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) -> msgstr of a ``.po`` file; fuzzy and untranslated entries left out.

    The header (empty msgid) is kept: it names the charset gettext decodes with.
    """
    messages: dict[tuple[str | None, str], str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    field: str | None = None

    def flush() -> None:
        nonlocal fuzzy
        if "msgid" in entry and entry.get("msgstr") and not fuzzy:
            messages[(entry.get("msgctxt"), entry["msgid"])] = entry["msgstr"]
        entry.clear()
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            field = None
        elif line.startswith("#,"):
            if field is not None:
                flush()
                field = None
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field is not None:
                entry[field] += ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword == "msgctxt" or (keyword == "msgid" and "msgstr" in entry):
                flush()
            if keyword in ("msgctxt", "msgid", "msgstr"):
                field = keyword
                entry[field] = ast.literal_eval(rest.strip())
            else:  # msgid_plural, msgstr[n]: softdiag's texts have no plurals
                field = None
    flush()
    return messages


def _mo_bytes(messages: Mapping[tuple[str | None, str], str]) -> bytes:
    """A GNU ``.mo`` image of ``messages`` (the layout of CPython's Tools/i18n/msgfmt.py)."""
    keys = sorted(
        ((f"{ctxt}\x04{msgid}" if ctxt is not None else msgid).encode(), msgstr.encode())
        for (ctxt, msgid), msgstr in messages.items()
    )
    ids = b"".join(k + b"\0" for k, _ in keys)
    strs = b"".join(v + b"\0" for _, v in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets: list[int] = []
    id_offset = str_offset = 0
    for key, _ in keys:
        offsets += [len(key), key_start + id_offset]
        id_offset += len(key) + 1
    for _, value in keys:
        offsets += [len(value), value_start + str_offset]
        str_offset += len(value) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return header + struct.pack(f"{len(offsets)}i", *offsets) + ids + strs
