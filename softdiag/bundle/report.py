"""report.html: the page a support engineer reads first, with its pictures drawn as inline SVG.

Pure: events and environment facts in, one self-contained HTML string out (no scripts, no
external files, so it opens anywhere, offline, and prints). The SVG is generated here
rather than with matplotlib: four chart shapes (lanes with segments and markers, and line
plots) are a few dozen lines, and matplotlib would add 40 MB and a second of start-up to
every export.
"""

from __future__ import annotations

import html
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from softdiag.describe import finding_advice, finding_title
from softdiag.events import (
    CallStateChanged,
    DeviceCheckResult,
    DeviceInventory,
    Event,
    FailoverDecision,
    Finding,
    Levels,
    MediaStats,
    NatMappingChanged,
    ProbeResult,
    RegistrationChanged,
    SipMessage,
)
from softdiag.failover.reasons import reason_text
from softdiag.nat.tracker import cause_text

from .texts import text

__all__ = ["render_report"]

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_COLOURS = {"ok": "#2e7d32", "fail": "#c62828", "probe_bad": "#9e9e9e", "failover": "#1565c0",
            "nat": "#ef6c00", "tx": "#1565c0", "rx": "#2e7d32", "loss": "#c62828",
            "jitter": "#ef6c00", "mos": "#6a1b9a"}  # fmt: skip
_W, _LANE_H, _LEFT, _RIGHT, _TOP = 900, 28, 150, 40, 24


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _clock(wall: float, span: float = 60.0) -> str:
    base = time.strftime("%H:%M:%S", time.localtime(wall))
    return f"{base}.{int(wall % 1 * 10)}" if span < 30 else base


def _stamp(wall: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(wall)) + f".{int(wall % 1 * 1000):03d}"


@dataclass(frozen=True, slots=True)
class _Axis:
    t0: float
    t1: float

    def x(self, wall: float) -> float:
        span = max(self.t1 - self.t0, 1e-6)
        return _LEFT + (wall - self.t0) / span * (_W - _LEFT - _RIGHT)

    def ticks(self, height: float) -> str:
        out = []
        for i in range(6):
            wall = self.t0 + (self.t1 - self.t0) * i / 5
            x = self.x(wall)
            out.append(f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{height - 18}" '
                       f'stroke="#e0e0e0"/><text x="{x:.1f}" y="{height - 4}" font-size="11" '
                       f'text-anchor="middle" fill="#555">{_clock(wall, self.t1 - self.t0)}</text>')  # fmt: skip
        return "".join(out)


def timeline_svg(events: Sequence[Event]) -> str:
    """Lanes per server: registration state, probes, failover decisions, NAT changes."""
    regs = [e for e in events if isinstance(e, RegistrationChanged)]
    probes = [e for e in events if isinstance(e, ProbeResult)]
    moves = [e for e in events if isinstance(e, FailoverDecision)]
    nats = [e for e in events if isinstance(e, NatMappingChanged)]
    timed = [*regs, *probes, *moves, *nats]
    if not timed:
        return ""
    servers: list[str] = []
    for e in sorted(timed, key=lambda e: e.wall):
        name = e.server if isinstance(e, (RegistrationChanged, NatMappingChanged)) else (
            e.target if isinstance(e, ProbeResult) else None)  # fmt: skip
        if name and name != "stun" and name not in servers:
            servers.append(name)
    servers = servers[:12] or ["-"]
    lane = {s: i for i, s in enumerate(servers)}
    axis = _Axis(min(e.wall for e in timed), max(e.wall for e in timed) + 1.0)
    height = _TOP + len(servers) * _LANE_H + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
             f'viewBox="0 0 {_W} {height}" font-family="sans-serif">', axis.ticks(height)]  # fmt: skip
    for s, i in lane.items():
        y = _TOP + i * _LANE_H
        parts.append(f'<text x="{_LEFT - 8}" y="{y + 17}" font-size="12" text-anchor="end">{_e(s)}</text>'
                     f'<line x1="{_LEFT}" y1="{y + 13}" x2="{_W - _RIGHT}" y2="{y + 13}" stroke="#f0f0f0"/>')  # fmt: skip
    # Registration: a green bar from each 2xx until the next change of that server's state.
    ordered = sorted(regs, key=lambda e: e.wall)
    for n, reg in enumerate(ordered):
        if reg.server not in lane:
            continue
        y = _TOP + lane[reg.server] * _LANE_H
        if reg.state == "registered":
            nxt = next((r.wall for r in ordered[n + 1:] if r.server == reg.server or (r.state == "registered"
                        and r.server != reg.server)), axis.t1)  # fmt: skip
            x0, x1 = axis.x(reg.wall), axis.x(nxt)
            parts.append(f'<rect x="{x0:.1f}" y="{y + 6}" width="{max(x1 - x0, 2):.1f}" height="14" '
                         f'fill="{_COLOURS["ok"]}" opacity="0.75"><title>{_e(_stamp(reg.wall))} '
                         f'{reg.code} {_e(reg.reason)}</title></rect>')  # fmt: skip
        elif reg.state == "failed":
            x = axis.x(reg.wall)
            parts.append(f'<rect x="{x - 3:.1f}" y="{y + 4}" width="6" height="18" fill="{_COLOURS["fail"]}">'
                         f'<title>{_e(_stamp(reg.wall))} {reg.code} {_e(reg.reason)}</title></rect>')  # fmt: skip
    for p in probes:
        if p.target not in lane:
            continue
        y = _TOP + lane[p.target] * _LANE_H
        colour = (
            _COLOURS["ok"]
            if p.status == "ok"
            else (_COLOURS["fail"] if p.status == "error" else _COLOURS["probe_bad"])
        )
        parts.append(f'<circle cx="{axis.x(p.wall):.1f}" cy="{y + 13}" r="3" fill="{colour}" '
                     f'stroke="white" stroke-width="0.5"><title>OPTIONS {p.status} {p.code or ""}'
                     f'</title></circle>')  # fmt: skip
    for m in moves:
        x = axis.x(m.wall)
        parts.append(f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{height - 20}" '
                     f'stroke="{_COLOURS["failover"]}" stroke-width="2" stroke-dasharray="4 2">'
                     f'<title>{_e(m.from_target)} → {_e(m.to_target)}: {_e(m.reason)}</title></line>')  # fmt: skip
    for n_ in nats:
        x = axis.x(n_.wall)
        y = _TOP + lane.get(n_.server, 0) * _LANE_H + 13
        parts.append(f'<path d="M{x:.1f} {y - 7} L{x + 7:.1f} {y} L{x:.1f} {y + 7} L{x - 7:.1f} {y} Z" '
                     f'fill="{_COLOURS["nat"]}"><title>{_e(n_.old)} → {_e(n_.new)}</title></path>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def line_plot_svg(series: dict[str, tuple[str, list[tuple[float, float]]]], *, y_min: float,
                  y_max: float, height: int = 180) -> str:  # fmt: skip
    """A plot of named series ``{label: (colour, [(wall, value)])}`` on a shared time axis."""
    points = [p for _, pts in series.values() for p in pts]
    if not points:
        return ""
    axis = _Axis(min(p[0] for p in points), max(p[0] for p in points) + 1e-3)
    plot_h = height - _TOP - 24

    def y(v: float) -> float:
        v = min(max(v, y_min), y_max)
        return _TOP + (1 - (v - y_min) / (y_max - y_min)) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
             f'viewBox="0 0 {_W} {height}" font-family="sans-serif">', axis.ticks(height)]  # fmt: skip
    for i in range(5):
        v = y_min + (y_max - y_min) * i / 4
        parts.append(f'<text x="{_LEFT - 8}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#555">{v:g}</text><line x1="{_LEFT}" y1="{y(v):.1f}" x2="{_W - _RIGHT}" '
                     f'y2="{y(v):.1f}" stroke="#eee"/>')  # fmt: skip
    for k, (label, (colour, pts)) in enumerate(series.items()):
        if pts:
            step = max(1, len(pts) // 600)  # at most ~600 vertices per line
            path = " ".join(f"{axis.x(t):.1f},{y(v):.1f}" for t, v in pts[::step])
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
            )
        parts.append(f'<rect x="{_LEFT + 10 + k * 130}" y="4" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{_LEFT + 24 + k * 130}" y="13" font-size="12">{_e(label)}</text>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def _verdict(findings: Sequence[Finding]) -> str:
    worst = max((_SEVERITY_RANK[f.severity] for f in findings), default=0)
    return {0: "ok", 1: "warning", 2: "error"}[worst]


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    thead = f"<thead><tr>{th}</tr></thead>" if any(head) else ""
    return f"<table>{thead}<tbody>{body}</tbody></table>"


def _n(value: object) -> str:
    """A figure, or a dash when it is unknown."""
    return "-" if value is None else _e(value)


_CSS = """
body{font-family:"Noto Sans","Noto Sans CJK SC",sans-serif;margin:24px;color:#212121;max-width:960px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:3px;margin-top:28px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #e0e0e0;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#fafafa}.verdict{font-size:18px;padding:8px 12px;
border-radius:4px;display:inline-block;color:white}.ok{background:#2e7d32}.warning{background:#ef6c00}
.error{background:#c62828}.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#ef6c00;font-weight:bold}
ul{margin:2px 0;padding-left:18px}.muted{color:#757575;font-size:12px}code{font-size:12px}
"""


def _reason(move: FailoverDecision, lang: str) -> str:
    if not move.reason_id:
        return move.reason
    return reason_text(move.reason_id, move.params, lang, fallback=move.reason)


def _cause(change: NatMappingChanged, lang: str) -> str:
    """Why a mapping changed, as the GUI's NAT panel says it."""
    return cause_text(change.likely_cause, change.server, change.local, change.old, change.new,
                      change.evidence, lang, fallback=change.explanation or change.likely_cause)  # fmt: skip


def render_report(events: Sequence[Event], environment: dict[str, Any], *, lang: str = "en",
                  runs: Sequence[str] = ()) -> str:  # fmt: skip

    def t(key: str) -> str:
        return text(key, lang)

    findings = [e for e in events if isinstance(e, Finding)]
    unique: dict[tuple[str, str], Finding] = {}
    for f in findings:  # one row per finding id and title: the latest evidence wins
        unique[(f.id, f.title)] = f
    findings = sorted(unique.values(), key=lambda f: -_SEVERITY_RANK[f.severity])
    sips = [e for e in events if isinstance(e, SipMessage)]
    regs = [e for e in events if isinstance(e, RegistrationChanged)]
    verdict = _verdict(findings)
    out = [f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh_CN" else "en"}"><head><meta charset="utf-8">'
           f"<title>{_e(t('title'))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_e(t('title'))}</h1>"]  # fmt: skip
    period = f"{_stamp(events[0].wall)} – {_stamp(events[-1].wall)}" if events else "-"
    last_reg = next((r for r in reversed(regs) if r.state == "registered"), None)
    summary_rows = [
        [_e(t("runs")), _e(", ".join(runs) or "-")],
        [_e(t("period")), _e(period)],
        [_e(t("events")), str(len(events))],
        [_e(t("sip_messages")), str(len(sips))],
        [_e(t("registered_on")), _e(f"{last_reg.server} ({last_reg.registrar or '-'})" if last_reg else t("not_registered"))],
        [_e(t("calls")), str(len({e.call for e in events if isinstance(e, CallStateChanged)}))],
    ]  # fmt: skip
    out.append(f"<h2>{_e(t('summary'))}</h2><p><span class='verdict {verdict}'>"
               f"{_e(t('verdict.' + verdict))}</span></p>" + _table(["", ""], summary_rows))  # fmt: skip
    # Findings with their evidence.
    out.append(f"<h2>{_e(t('findings'))}</h2>")
    if findings:
        rows = [[f"<span class='sev-{f.severity}'>{_e(t('severity.' + f.severity))}</span>",
                 f"<b>{_e(finding_title(f, lang))}</b><br><code>{_e(f.id)}</code>",
                 "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in f.evidence) + "</ul>",
                 _e(finding_advice(f, lang))] for f in findings]  # fmt: skip
        out.append(_table([t("severity"), t("finding"), t("evidence"), t("advice")], rows))
    else:
        out.append(f"<p>{_e(t('no_findings'))}</p>")
    # Timelines.
    svg = timeline_svg(events)
    if svg:
        out.append(
            f"<h2>{_e(t('timeline'))}</h2>{svg}<p class='muted'>{_e(t('timeline.legend'))}</p>"
        )
    moves = [e for e in events if isinstance(e, FailoverDecision)]
    if moves:
        out.append(f"<h3>{_e(t('failover'))}</h3>" + _table(
            [t("time"), t("from"), t("to"), t("why")],
            [[_e(_stamp(m.wall)), _e(m.from_target or "-"), _e(m.to_target or "-"), _e(_reason(m, lang))] for m in moves[-50:]]))  # fmt: skip
    nats = [e for e in events if isinstance(e, NatMappingChanged)]
    if nats:
        out.append(f"<h3>{_e(t('nat'))}</h3>" + _table(
            [t("time"), t("from"), t("to"), t("why")],
            [[_e(_stamp(n.wall)), _e(n.old or "-"), _e(n.new), _e(_cause(n, lang))] for n in nats[-50:]]))  # fmt: skip
    # Calls: levels and stream statistics as plots.
    levels = [e for e in events if isinstance(e, Levels)]
    stats = [e for e in events if isinstance(e, MediaStats)]
    out.append(f"<h2>{_e(t('calls'))}</h2>")
    calls = [e for e in events if isinstance(e, CallStateChanged)]
    if calls:
        out.append(_table([t("time"), "URI", t("call_state"), "SIP", "Call-ID"], [
            [_e(_stamp(c.wall)), _e(c.uri), _e(c.state), _e(f"{c.code} {c.reason}" if c.code else ""),
             f"<code>{_e(c.call_id)}</code>"] for c in calls[-40:]]))  # fmt: skip
    if levels or stats:
        if levels:
            out.append(f"<h3>{_e(t('call_levels'))}</h3>" + line_plot_svg(
                {"TX": (_COLOURS["tx"], [(e.wall, e.tx.rms_dbfs) for e in levels]),
                 "RX": (_COLOURS["rx"], [(e.wall, e.rx.rms_dbfs) for e in levels])},
                y_min=-90.0, y_max=0.0))  # fmt: skip
        if stats:
            out.append(f"<h3>{_e(t('call_stats'))}</h3>" + line_plot_svg(
                {t("loss"): (_COLOURS["loss"], [(e.wall, e.rx.loss_pct or 0.0) for e in stats]),
                 t("jitter"): (_COLOURS["jitter"], [(e.wall, e.rx.jitter_ms or 0.0) for e in stats]),
                 t("mos"): (_COLOURS["mos"], [(e.wall, (e.mos or 0.0) * 10) for e in stats])},
                y_min=0.0, y_max=50.0))  # fmt: skip
            last = stats[-1]
            out.append(_table(["", "RX", "TX"], [
                ["codec", _e(f"{last.codec}/{last.clock_rate}"), ""],
                ["packets", str(last.rx.packets), str(last.tx.packets)],
                ["loss %", _n(last.rx.loss_pct), _n(last.tx.loss_pct)],
                ["jitter ms", _n(last.rx.jitter_ms), _n(last.tx.jitter_ms)],
                ["MOS", _n(last.mos), _n(last.mos_tx)],
                ["RTP", _e(f"{last.remote_rtp} (from {last.rtp_source})"), _n(last.local_rtp)],
            ]))  # fmt: skip
            out.append(f"<p class='muted'>{_e(t('mos'))} ×10</p>")
    else:
        out.append(f"<p>{_e(t('no_call'))}</p>")
    # Device check.
    out.append(f"<h2>{_e(t('device_check'))}</h2>")
    checks = [e for e in events if isinstance(e, DeviceCheckResult)]
    if checks:
        c = checks[-1]
        rows = [[_e(v.severity), _e(v.title), "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in v.evidence) + "</ul>"]
                for v in c.verdicts]  # fmt: skip
        out.append(_e(f"{c.output.name if c.output else '-'} / {c.input.name if c.input else '-'}")
                   + _table([t("severity"), t("finding"), t("evidence")], rows))  # fmt: skip
    else:
        out.append(f"<p>{_e(t('no_device_check'))}</p>")
    # Environment.
    out.append(f"<h2>{_e(t('environment'))}</h2>")
    env_rows = [["OS", _e(environment.get("os", "-"))]]
    env_rows += [[_e(k), _e(v)] for k, v in environment.get("versions", {}).items()]
    for k, v in environment.get("network", {}).items():
        env_rows.append([_e(k), "<br>".join(_e(x) for x in v) if isinstance(v, list) else _e(v)])
    out.append(_table(["", ""], env_rows))
    inventories = [e for e in events if isinstance(e, DeviceInventory)]
    devices = ([{"name": d.name, "direction": d.direction, "form_factor": d.form_factor, "default": d.is_default}
                for d in inventories[-1].devices] if inventories else environment.get("audio", []))  # fmt: skip
    out.append(f"<h3>{_e(t('audio_devices'))}</h3>")
    out.append(_table([t("name"), t("direction"), t("form_factor"), t("default")],
                      [[_e(d["name"]), _e(d["direction"]), _e(d["form_factor"]), "✓" if d.get("default") else ""]
                       for d in devices]) if devices else "<p>-</p>")  # fmt: skip
    kinds = Counter(m.first_line.split(" ")[0] if not m.first_line.startswith("SIP/") else
                    " ".join(m.first_line.split(" ")[1:2]) for m in sips)  # fmt: skip
    if kinds:
        out.append(f"<h3>{_e(t('messages_by_kind'))}</h3>" + _table(
            ["", t("count")], [[_e(k), str(v)] for k, v in kinds.most_common(20)]))  # fmt: skip
    out.append(
        f"<h2>{_e(t('contents'))}</h2><p class='muted'>{_e(t('contents.text'))}</p></body></html>"
    )
    return "".join(out)
