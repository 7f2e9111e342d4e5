"""The words of the bundle's report, in English and Simplified Chinese, in one place.

Keyed by stable ids; :func:`text` falls back to English for a missing translation. Kept as a
plain dict (not Qt's catalogue): the engine never imports Qt, and the report is rendered
headless by ``softdiag bundle export``.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "text"]

LANGUAGES = ("en", "zh_CN")

_TEXTS: dict[str, dict[str, str]] = {
    "title": {"en": "softdiag diagnostic report", "zh_CN": "softdiag 诊断报告"},
    "summary": {"en": "Summary", "zh_CN": "摘要"},
    "verdict.ok": {"en": "No problem found", "zh_CN": "未发现问题"},
    "verdict.warning": {"en": "Warnings found", "zh_CN": "发现警告"},
    "verdict.error": {"en": "Problems found", "zh_CN": "发现问题"},
    "runs": {"en": "Runs", "zh_CN": "运行记录"},
    "period": {"en": "Period", "zh_CN": "时间段"},
    "events": {"en": "Events", "zh_CN": "事件"},
    "sip_messages": {"en": "SIP messages", "zh_CN": "SIP 消息"},
    "registration": {"en": "Registration", "zh_CN": "注册"},
    "registered_on": {"en": "Last registered on", "zh_CN": "最后注册到"},
    "not_registered": {"en": "never registered", "zh_CN": "从未注册成功"},
    "calls": {"en": "Calls", "zh_CN": "通话"},
    "call_state": {"en": "State", "zh_CN": "状态"},
    "findings": {"en": "Findings", "zh_CN": "诊断结论"},
    "no_findings": {"en": "No findings.", "zh_CN": "没有诊断结论。"},
    "severity": {"en": "Severity", "zh_CN": "严重程度"},
    "severity.info": {"en": "info", "zh_CN": "信息"},
    "severity.warning": {"en": "warning", "zh_CN": "警告"},
    "severity.error": {"en": "error", "zh_CN": "错误"},
    "finding": {"en": "Finding", "zh_CN": "结论"},
    "evidence": {"en": "Evidence", "zh_CN": "证据"},
    "advice": {"en": "Advice", "zh_CN": "建议"},
    "timeline": {
        "en": "Registration, failover and NAT timeline",
        "zh_CN": "注册、故障切换与 NAT 时间线",
    },
    "timeline.legend": {
        "en": "Green: registered; red: failed REGISTER; dots: OPTIONS probes (grey = no answer); "
        "blue lines: failover decisions; orange diamonds: NAT mapping changes.",
        "zh_CN": "绿色：已注册；红色：REGISTER 失败；圆点：OPTIONS 探测（灰色 = 无应答）；"
        "蓝线：故障切换决定；橙色菱形：NAT 映射变化。",
    },
    "failover": {"en": "Failover decisions", "zh_CN": "故障切换决定"},
    "nat": {"en": "NAT mapping changes", "zh_CN": "NAT 映射变化"},
    "time": {"en": "Time", "zh_CN": "时间"},
    "from": {"en": "From", "zh_CN": "从"},
    "to": {"en": "To", "zh_CN": "到"},
    "why": {"en": "Why", "zh_CN": "原因"},
    "call_levels": {"en": "Call levels (dBFS)", "zh_CN": "通话电平 (dBFS)"},
    "call_stats": {"en": "Call stream statistics", "zh_CN": "通话媒体流统计"},
    "loss": {"en": "RX loss %", "zh_CN": "接收丢包 %"},
    "jitter": {"en": "RX jitter ms", "zh_CN": "接收抖动 ms"},
    "mos": {"en": "MOS", "zh_CN": "MOS"},
    "no_call": {"en": "No call in this bundle.", "zh_CN": "本诊断包中没有通话。"},
    "device_check": {"en": "Audio device check", "zh_CN": "音频设备检查"},
    "no_device_check": {"en": "No device check was run.", "zh_CN": "未运行设备检查。"},
    "environment": {"en": "Environment", "zh_CN": "运行环境"},
    "audio_devices": {"en": "Audio devices", "zh_CN": "音频设备"},
    "form_factor": {"en": "Form factor", "zh_CN": "设备形态"},
    "direction": {"en": "Direction", "zh_CN": "方向"},
    "name": {"en": "Name", "zh_CN": "名称"},
    "default": {"en": "default", "zh_CN": "默认"},
    "contents": {"en": "Contents of this bundle", "zh_CN": "诊断包内容"},
    "contents.text": {
        "en": "events.jsonl: every event as JSON lines; sip.pcap: the SIP messages for "
        "Wireshark/sngrep; settings.json: settings without secrets; logs.txt: the app's logs. "
        "Passwords, digest responses, Authorization values and SRTP keys were removed.",
        "zh_CN": "events.jsonl：每个事件一行 JSON；sip.pcap：供 Wireshark/sngrep 打开的 SIP 消息；"
        "settings.json：去除密钥后的设置；logs.txt：程序日志。密码、摘要认证响应、Authorization 值"
        "和 SRTP 密钥均已删除。",
    },
    "messages_by_kind": {"en": "SIP messages by kind", "zh_CN": "按类型统计的 SIP 消息"},
    "count": {"en": "Count", "zh_CN": "数量"},
}


def text(key: str, lang: str = "en") -> str:
    entry = _TEXTS[key]
    return entry.get(lang) or entry["en"]


def keys() -> list[str]:
    return list(_TEXTS)
