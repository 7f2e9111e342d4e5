"""Refresh the TEMPLATES literals in ui/texts/check_texts.py from softdiag.check.steps.SUMMARIES.

pyside6-lupdate only extracts string literals inside QT_TRANSLATE_NOOP, so the guided
check's summary templates are copied there. Run by update_translations.sh.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from softdiag.check.steps import SUMMARIES  # noqa: E402


def main() -> int:
    path = ROOT / "ui" / "texts" / "check_texts.py"
    text = path.read_text(encoding="utf-8")
    body = "".join(
        f'    # {key}\n    QT_TRANSLATE_NOOP("CheckSummaries", {value!r}),\n'
        for key, value in SUMMARIES.items()
    )
    new, count = re.subn(
        r"(TEMPLATES: tuple\[object, \.\.\.\] = \(\n).*?(^\)\n)", lambda m: m.group(1) + body + m.group(2),
        text, count=1, flags=re.S | re.M,
    )  # fmt: skip
    if count != 1:
        print("ui/texts/check_texts.py: no TEMPLATES tuple found", file=sys.stderr)
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(SUMMARIES)} summaries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
