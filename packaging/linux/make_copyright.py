"""Write the Debian ``copyright`` file (DEP-5) of the frozen app: every bundled licence.

What is bundled is computed, not listed by hand: the run-time dependency closure of
``softdiag[gui]`` in the build environment (the same set PyInstaller freezes), each with
the licence its metadata declares and the licence texts its wheel ships. Where a wheel
declares nothing or offers a choice, the licence softdiag uses is fixed below, with why.

    python packaging/linux/make_copyright.py OUT_FILE
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import sysconfig
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PREFIX = "usr/lib/softdiag"
# Licence softdiag uses each of these under, where the metadata is silent or offers a choice.
CHOSEN = {
    # The pjsua2 wheel declares no licence; pjproject is GPL-2.0-or-later, and the wheel
    # bundles OpenSSL 1.0.2k and MIT Kerberos (auditwheel's SBOM in the dist-info lists them).
    "pjsua2-python": "GPL-2.0-or-later and OpenSSL and MIT",
    # Qt for Python is offered under LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only: the
    # app uses it under the LGPL v3 (shared libraries a user can replace).
    "pyside6-essentials": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only",
}
COPYRIGHT = {
    "pjsua2-python": "2008-2026 Teluu Inc. and the pjproject contributors",
    "pyside6-essentials": "The Qt Company Ltd. and other contributors",
    "shiboken6": "The Qt Company Ltd. and other contributors",
}
# Licences Debian keeps under /usr/share/common-licenses: referenced, not copied.
COMMON = {
    "GPL-2.0-or-later": "GPL-2",
    "LGPL-3.0-only": "LGPL-3",
    "Apache-2.0": "Apache-2.0",
}


def closure(root: str, extras: set[str]) -> list[md.Distribution]:
    """The installed distributions ``root[extras]`` needs at run time, root first."""
    env = default_environment()
    seen: dict[str, md.Distribution] = {}
    todo: list[tuple[str, set[str]]] = [(root, extras)]
    while todo and len(seen) < 500:  # bounded: a dependency graph is far smaller
        name, wanted = todo.pop()
        key = canonicalize_name(name)
        if key in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # an optional platform dependency not installed here (pycaw, ...)
        seen[key] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            ok = req.marker is None or any(
                req.marker.evaluate({**env, "extra": extra}) for extra in (wanted or {""})
            )
            if ok:
                todo.append((req.name, set(req.extras)))
    return list(seen.values())


def declared_licence(dist: md.Distribution) -> str:
    key = canonicalize_name(dist.metadata["Name"])
    if key in CHOSEN:
        return CHOSEN[key]
    expression = dist.metadata.get("License-Expression")
    if expression:
        return expression.replace(" AND ", " and ").replace(" OR ", " or ")
    classifiers = dist.metadata.get_all("Classifier") or []
    for c in classifiers:
        if c.startswith("License :: OSI Approved :: "):
            return c.rsplit(" :: ", 1)[1].replace(" License", "").replace(" ", "-")
    short = (dist.metadata.get("License") or "").strip()
    return short if short and "\n" not in short and len(short) < 40 else "see-below"


def licence_texts(dist: md.Distribution) -> list[str]:
    texts = []
    for f in dist.files or []:
        upper = f.name.upper()
        if upper.startswith(("LICENSE", "LICENCE", "COPYING")) and ".dist-info" in str(f):
            path = Path(str(f.locate()))
            if path.is_file():
                texts.append(_shorten(path.read_text(encoding="utf-8", errors="replace")))
    return texts


def _shorten(text: str) -> str:
    """Debian keeps the GPL, LGPL and Apache texts once: refer to them, don't copy them."""
    if "TERMS AND CONDITIONS" not in text.upper():
        return text
    if "GNU LESSER GENERAL PUBLIC LICENSE" in text:
        name = "LGPL-3" if "Version 3" in text else "LGPL-2.1"
    elif "GNU GENERAL PUBLIC LICENSE" in text:
        name = "GPL-3" if "Version 3" in text else "GPL-2"
    elif "Apache License" in text and "Version 2.0" in text:
        name = "Apache-2.0"
    else:
        return text
    return f"On Debian systems the full text is in /usr/share/common-licenses/{name}."


def _block(text: str) -> str:
    """DEP-5 continuation lines: one leading space, '.' for an empty line."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(" " + (line if line else ".") for line in lines)


def render() -> str:
    parts = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: softdiag\n"
        "Comment: softdiag is frozen with PyInstaller: the Python interpreter and every\n"
        " library below are bundled under /" + PREFIX + ". Libraries the system provides\n"
        " (X11, fontconfig, GL, ALSA/PulseAudio, PortAudio, GLib, D-Bus, libc) are\n"
        " dependencies of the package, not part of it.\n",
        "Files: *\nCopyright: the softdiag authors\nLicense: GPL-2.0-or-later\n",
    ]
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    parts.append(
        f"Files: {PREFIX}/_internal/libpython* {PREFIX}/_internal/base_library.zip\n"
        "Copyright: 2001-2026 Python Software Foundation\n"
        "License: PSF-2.0\n"
        + (_block(python_licence.read_text(encoding="utf-8", errors="replace")) + "\n"
           if python_licence.is_file() else " See https://docs.python.org/3/license.html\n")
    )  # fmt: skip
    for dist in closure("softdiag", {"gui"}):
        name = dist.metadata["Name"]
        key = canonicalize_name(name)
        if key == "softdiag":
            continue
        licence = declared_licence(dist)
        holder = COPYRIGHT.get(key) or dist.metadata.get("Author") or f"the {name} authors"
        holder = " ".join(holder.split()) or f"the {name} authors"
        top = (dist.read_text("top_level.txt") or name).split()
        files = " ".join(f"{PREFIX}/_internal/{t}/*" for t in top)
        if key == "pyside6-essentials":
            files += f" {PREFIX}/_internal/libQt6* {PREFIX}/_internal/libicu*"
        if key == "pjsua2-python":
            files += f" {PREFIX}/_internal/pjsua2_python.libs/*"
        texts = licence_texts(dist)
        body = _block("\n\n".join(texts)) if texts else ""
        if not body and licence in COMMON:
            body = _block(
                f"On Debian systems the full text is in /usr/share/common-licenses/"
                f"{COMMON[licence]}."
            )
        if not body:
            body = " See the project's home page: " + (dist.metadata.get("Home-page") or name)
        parts.append(
            f"Files: {files}\nComment: {name} {dist.version}\n"
            f"Copyright: {holder}\nLicense: {licence}\n{body}\n"
        )
    parts.append(
        "License: GPL-2.0-or-later\n"
        + _block(
            "This program is free software; you can redistribute it and/or modify it under "
            "the terms of the GNU General Public License as published by the Free Software "
            "Foundation; either version 2 of the License, or (at your option) any later "
            "version.\n\nOn Debian systems the full text of the GNU General Public License "
            "version 2 is in /usr/share/common-licenses/GPL-2."
        )
        + "\n"
    )
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make_copyright.py OUT_FILE", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
