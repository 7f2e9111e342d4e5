"""The hostile-input table: every case is a real `softdiag` command line against the hostile
lab (or bad input alone), with the exit codes the CLI contract allows for it.

Exit codes (DESIGN.md): 0 ok, 1 a diagnosed failure, 2 bad input (one line on stderr).
"""

from __future__ import annotations

import itertools
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.message
import dns.rcode

from softdiag.lab.hostile import Answer, DnsScript, SipRequest, SipScript, StunScript
from softdiag.lab.hostile.scripts import (
    dns_records,
    dns_wire,
    naptr_raw,
    registrar,
    sip_answer,
    sip_reply,
)

NET = os.environ.get("SOFTDIAG_TEST_NET", "127.0.1")
SIP_IP, DNS = f"{NET}.101", f"{NET}.100:5353"
STUN_IP = f"{NET}.102"
DEAD_IP = f"{NET}.103"  # nothing listens there: ICMP port unreachable
PASSWORD = "Hx7-p4ss-w0rd"  # unique: found in output = a leak
ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[32mregistration OK\x1b[0m"


@dataclass
class Case:
    name: str
    argv: list[str]  # {domain} {dns} {stun} are filled in
    exits: frozenset[int]
    dns: Callable[[str], DnsScript] | None = None  # built from the case's domain
    sip: SipScript | None = None
    stun: StunScript | None = None
    timeout: float = 30.0
    password: str = PASSWORD
    expect: Callable[[str, str], str | None] | None = None  # (stdout, stderr) -> problem
    key: str = ""  # cNNN, set by the table
    stun_port: int = 0
    tags: tuple[str, ...] = field(default=())


def _in(text: str) -> Callable[[str, str], str | None]:
    def check(out: str, err: str) -> str | None:
        return None if text in out + err else f"{text!r} not in the output"

    return check


def _not_in(text: str) -> Callable[[str, str], str | None]:
    def check(out: str, err: str) -> str | None:
        return f"{text!r} in the output" if text in out + err else None

    return check


OK, DIAG, BAD = frozenset({0}), frozenset({1}), frozenset({2})
OK_OR_DIAG = frozenset({0, 1})


def a_to(ip: str = SIP_IP) -> Callable[[str], dict[tuple[str, str], list[str]]]:
    return lambda d: {(d, "A"): [ip]}


def _records(fn: Callable[[str], dict[tuple[str, str], list[str]]]) -> Callable[[str], DnsScript]:
    return lambda d: dns_records(fn(d))


# -- DNS answers: resolve and probe ----------------------------------------------------------


def srv(
    targets: list[tuple[int, int, int, str]], a: dict[str, list[str]]
) -> Callable[[str], DnsScript]:
    """SRV for _sip._udp.<domain> -> targets (prio, weight, port, label) and their A records."""

    def build(d: str) -> DnsScript:
        recs: dict[tuple[str, str], list[str]] = {
            (f"_sip._udp.{d}", "SRV"): [
                f"{p} {w} {port} {label}.{d}." for p, w, port, label in targets
            ]
        }
        for label, ips in a.items():
            recs[(f"{label}.{d}", "A")] = ips
        return dns_records(recs)

    return build


def _mutate(fn: Callable[[dns.message.Message, bytes], bytes | None]) -> Callable[[str], DnsScript]:
    return lambda d: dns_wire(fn, dns_records({(d, "A"): [SIP_IP]}))


def _rcode(code: dns.rcode.Rcode) -> Callable[[str], DnsScript]:
    return lambda d: dns_records({}, rcode=code)


def _flood_dns(d: str) -> DnsScript:
    base = dns_records({(d, "A"): [SIP_IP]})
    return lambda q: [Answer(b"\x00" * 12)] * 50 + base(q)


DNS_SHAPES: list[tuple[str, Callable[[str], DnsScript], frozenset[int], frozenset[int]]] = [
    # name, script builder, resolve exits, probe exits (the SIP server answers 200 OK)
    ("a-record", _records(a_to()), OK, OK),
    ("srv-two-a-per-target", srv([(10, 10, 5060, "t1"), (20, 10, 5060, "t2")],
                                 {"t1": [SIP_IP, DEAD_IP], "t2": [STUN_IP]}), OK, OK),
    ("srv-0.0.0.0", srv([(10, 10, 5060, "t1")], {"t1": ["0.0.0.0"]}), BAD, BAD),
    ("srv-broadcast", srv([(10, 10, 5060, "t1")], {"t1": ["255.255.255.255"]}), BAD, BAD),
    ("srv-multicast", srv([(10, 10, 5060, "t1")], {"t1": ["224.0.0.1"]}), BAD, BAD),
    ("srv-port-0", srv([(10, 10, 0, "t1")], {"t1": [SIP_IP]}), BAD, BAD),
    ("srv-mixed-impossible", srv([(10, 10, 5060, "t1"), (20, 10, 5060, "t2")],
                                 {"t1": ["0.0.0.0", "224.0.0.9"], "t2": [SIP_IP]}), OK, OK),
    ("srv-max-prio-weight", srv([(65535, 65535, 65535, "t1")], {"t1": [SIP_IP]}), OK, DIAG),
    ("srv-target-missing", srv([(10, 10, 5060, "t1")], {}), BAD, BAD),
    ("srv-escape-target", srv([(10, 10, 5060, "x\\027y")], {"x\\027y": [SIP_IP]}), OK_OR_DIAG | BAD, OK_OR_DIAG | BAD),
    ("naptr-flags-not-utf8", lambda d: naptr_raw({(d, "A"): [SIP_IP]}, flags=b"\xff\xfe",
                                                  service=b"SIP+D2U", replacement=f"_sip._udp.{d}."), OK, OK),
    ("naptr-service-not-utf8", lambda d: naptr_raw({(d, "A"): [SIP_IP]}, flags=b"s",
                                                    service=b"\x80\x81", replacement=f"_sip._udp.{d}."), OK, OK),
    ("naptr-escape-service", lambda d: naptr_raw({(d, "A"): [SIP_IP]}, flags=b"s",
                                                  service=ESC.encode(), replacement=f"_sip._udp.{d}."), OK, OK),
    ("naptr-to-nowhere", lambda d: naptr_raw({}, flags=b"s", service=b"SIP+D2U",
                                              replacement=f"_sip._udp.nowhere.{d}."), BAD, BAD),
    ("many-a-records", _records(lambda d: {(d, "A"): [f"{NET}.{i}" for i in range(110, 250)]}), OK, OK_OR_DIAG),
    ("aaaa-unspecified", _records(lambda d: {(d, "AAAA"): ["::"]}), BAD, BAD),
    ("aaaa-multicast", _records(lambda d: {(d, "AAAA"): ["ff02::1"]}), BAD, BAD),
    ("servfail", _rcode(dns.rcode.SERVFAIL), BAD, BAD),
    ("refused", _rcode(dns.rcode.REFUSED), BAD, BAD),
    ("nxdomain", _rcode(dns.rcode.NXDOMAIN), BAD, BAD),
    ("notimp", _rcode(dns.rcode.NOTIMP), BAD, BAD),
    ("silent", lambda d: (lambda q: []), BAD, BAD),
    ("garbage", _mutate(lambda q, w: b"\xde\xad\xbe\xef" * 10), BAD, BAD),
    ("truncated-wire", _mutate(lambda q, w: w[: len(w) - 3]), BAD, BAD),
    ("wrong-id", _mutate(lambda q, w: struct.pack("!H", (q.id + 1) % 65536) + w[2:]), BAD, BAD),
    ("header-only", _mutate(lambda q, w: w[:12]), BAD, BAD),
    ("tc-bit-then-tcp", _mutate(lambda q, w: w[:2] + bytes([w[2] | 0x02]) + w[3:]), OK, OK),
    ("empty-datagram", _mutate(lambda q, w: b""), BAD, BAD),
    ("flood-then-answer", _flood_dns, OK, OK),
    ("ttl-max", lambda d: dns_records({(d, "A"): [SIP_IP]}, ttl=2**31 - 1), OK, OK),
    ("ttl-zero", lambda d: dns_records({(d, "A"): [SIP_IP]}, ttl=0), OK, OK),
    ("cname-loop", _records(lambda d: {(d, "CNAME"): [f"{d}."]}), BAD, BAD),
    ("a-to-dead-port", _records(a_to(DEAD_IP)), OK, DIAG),
]  # fmt: skip


RESOLVE_EXPECT = {
    # Every address of every target, in the order the server listed them (it was
    # {host: ip}: the last address of each target only).
    "srv-two-a-per-target": _in(f"DNS answer order: {SIP_IP}, {DEAD_IP}, {STUN_IP}"),
    "srv-mixed-impossible": _in("left out (impossible server)"),
}


# -- SIP answers to OPTIONS (probe) ---------------------------------------------------------


def _raw(data: bytes) -> SipScript:
    return lambda r: [Answer(data)]


def _reply(status: str = "200 OK", headers: tuple[str, ...] = (), **kw: str) -> SipScript:
    return sip_answer(status, list(headers), **kw)


def _start(line: str) -> SipScript:
    return lambda r: [Answer(sip_reply(r, start=line))]


def _flood(count: int, status: str) -> SipScript:
    return lambda r: [Answer(sip_reply(r, status))] * count


def _slow(delay: float) -> SipScript:
    return lambda r: [Answer(sip_reply(r), delay=delay)]


def _provisional_forever(r: SipRequest) -> list[Answer]:
    return [Answer(sip_reply(r, "100 Trying"), delay=0.1 * i) for i in range(15)]


SIP_SHAPES: list[tuple[str, SipScript, frozenset[int]]] = [
    ("ok", _reply(), OK),
    ("status-superscript", _start("SIP/2.0 ²00 OK"), DIAG),
    ("status-4-digits", _start("SIP/2.0 2000 OK"), DIAG),
    ("status-thousands-digits", _start("SIP/2.0 " + "2" * 5000 + " OK"), DIAG),
    ("status-arabic-digits", _start("SIP/2.0 ٢٠٠ OK"), DIAG),
    ("status-no-reason", _start("SIP/2.0 200"), OK),
    ("status-only-version", _start("SIP/2.0 "), DIAG),
    ("rport-superscript", _reply(via_extra=";rport=²"), OK),
    ("rport-thousands-digits", _reply(via_extra=";rport=" + "9" * 5000), OK),
    ("rport-negative", _reply(via_extra=";rport=-1"), OK),
    ("received-escape", _reply(via_extra=";received=" + ESC.replace(" ", "")), OK),
    ("retry-after-superscript", _reply("503 Busy", ("Retry-After: ²",)), DIAG),
    ("retry-after-thousands", _reply("503 Busy", ("Retry-After: " + "9" * 5000,)), DIAG),
    ("retry-after-huge", _reply("503 Busy", ("Retry-After: 4294967296",)), DIAG),
    ("server-escape", _reply(headers=(f"Server: {ESC}",)), OK),
    ("x-registrar-bidi", _reply(headers=("X-Registrar: \u202egnirts\u202c ok",)), OK),
    ("reason-escape", _reply(f"200 {ESC}"), OK),
    ("reason-escape-503", _reply(f"503 {ESC}"), DIAG),
    ("binary-garbage", _raw(bytes(range(256)) * 4), DIAG),
    ("invalid-utf8", _raw(b"SIP/2.0 200 \xff\xfe OK\r\nServer: \xc3\x28\r\n\r\n"), OK),
    ("nul-bytes", _raw(b"SIP/2.0 200 OK\x00\x00\r\nVia: \x00\r\n\r\n"), OK_OR_DIAG),
    ("no-crlf-end", _raw(b"SIP/2.0 200 OK"), OK),
    ("header-no-colon", _reply(headers=("ThisIsNotAHeader",)), OK),
    ("folded-headers", _reply(headers=("Server: a\r\n  b\r\n\tc",)), OK),
    ("huge-datagram", _reply(headers=("X-Pad: " + "a" * 60000,)), OK),
    ("many-headers", _reply(headers=tuple(f"X-H{i}: {i}" for i in range(3000))), OK),
    ("flood-200", _flood(500, "200 OK"), OK),
    ("flood-100-then-silence", _provisional_forever, DIAG),
    ("slow-beyond-timeout", _slow(2.5), DIAG),
    ("slow-within-timeout", _slow(0.3), OK),
    ("silent", lambda r: [], DIAG),
    ("request-not-response", _raw(b"OPTIONS sip:x SIP/2.0\r\n\r\n"), DIAG),
    ("404", _reply("404 Not Here"), DIAG),
    ("699", _reply("699 Odd"), DIAG),
    ("700", _start("SIP/2.0 700 Beyond"), DIAG),
    ("expires-huge", _reply(headers=("Expires: 4294967296",)), OK),
]  # fmt: skip


def _tcp_head_over_64k(r: SipRequest) -> list[Answer]:
    return [Answer(b"SIP/2.0 200 OK\r\nX-Pad: " + b"a" * 70000 + b"\r\n\r\n")]


TCP_SHAPES: list[tuple[str, SipScript, frozenset[int]]] = [
    ("tcp-ok", _reply(), OK),
    ("tcp-header-over-64k", _tcp_head_over_64k, DIAG),
    ("tcp-close-at-once", lambda r: [Answer(close=True)], DIAG),
    ("tcp-silent", lambda r: [], DIAG),
    ("tcp-garbage-then-close", lambda r: [Answer(b"\x00\xff" * 100, close=True)], DIAG),
    ("tcp-status-superscript", _start("SIP/2.0 ²00 OK"), DIAG),
    ("tcp-rport-thousands", _reply(via_extra=";rport=" + "9" * 5000), OK),
    ("tcp-provisional-flood", lambda r: [Answer(sip_reply(r, "100 Trying"))] * 200, DIAG),
    ("tcp-escape-server", _reply(headers=(f"Server: {ESC}",)), OK),
    ("tcp-slow", _slow(2.5), DIAG),
]  # fmt: skip


# -- REGISTER (the engine, pjsua2) -----------------------------------------------------------


def _echo_auth(where: str) -> Callable[[SipRequest], list[str]]:
    def headers(r: SipRequest) -> list[str]:
        auth = r.header("Authorization") or ""
        if where == "header":
            return [f"X-Echo: {auth}"]
        if where == "bare":
            import re

            values = re.findall(r'(?:response|cnonce)="?([^",\s]+)', auth)
            return [f"X-Bare-{i}: {v}" for i, v in enumerate(values)]
        if where == "folded":
            return ["X-Folded: first", f"  {auth}"]
        return [f'Warning: 399 hostile "{auth.replace(chr(34), "")}"']

    return headers


def _register_script(**kw: object) -> SipScript:
    return registrar(**kw)  # type: ignore[arg-type]


REGISTER_SHAPES: list[tuple[str, list[str], SipScript, frozenset[int], Callable[[str, str], str | None] | None]] = [
    ("register-ok", [], _register_script(), OK, _in("registered")),
    ("register-josé", ["--user", "josé"], _register_script(), OK, _in("jos%C3%A9")),
    ("register-张伟", ["--user", "张伟"], _register_script(), OK, _in("%E5%BC%A0%E4%BC%9F")),
    ("register-emoji", ["--user", "😀"], _register_script(), OK, None),
    ("register-quote", ["--user", 'a"b'], _register_script(), OK, None),
    ("register-angle", ["--user", "a<b"], _register_script(), OK, None),
    ("register-echo-auth-verbose", ["-v"], _register_script(ok_headers=_echo_auth("header")), OK, None),
    ("register-echo-auth-json", ["--json"], _register_script(ok_headers=_echo_auth("header")), OK, None),
    ("register-echo-bare-verbose", ["-v"], _register_script(ok_headers=_echo_auth("bare")), OK, None),
    ("register-echo-bare-json", ["--json"], _register_script(ok_headers=_echo_auth("bare")), OK, None),
    ("register-echo-folded-json", ["--json"], _register_script(ok_headers=_echo_auth("folded")), OK, None),
    ("register-echo-warning-verbose", ["-v"], _register_script(ok_headers=_echo_auth("warning")), OK, None),
    ("register-expires-0", [], _register_script(ok_headers=["Expires: 0", "Contact: <sip:x@127.0.0.1>;expires=0"]), DIAG,
     _in("expiry of 0")),
    ("register-expires-2^32", [], _register_script(ok_headers=["Contact: <sip:x@127.0.0.1>;expires=4294967296"]), DIAG,
     _not_in("did not complete in time")),
    ("register-server-escape", [], _register_script(ok_headers=[f"Server: {ESC}", f"X-Registrar: {ESC}"]), OK, None),
    # pjsip drops a 200 OK whose Via it cannot parse: the registration never completes.
    ("register-rport-superscript", ["--json"], _register_script(via_extra=";rport=²"), DIAG, None),
    ("register-rport-thousands", ["--json"], _register_script(via_extra=";rport=" + "9" * 5000), DIAG, None),
    ("register-403-escape", [], lambda r: [Answer(sip_reply(r, f"403 {ESC}"))], DIAG, None),
    ("register-503-retry-superscript", [], lambda r: [Answer(sip_reply(r, "503 Busy", ["Retry-After: ²"]))], DIAG, None),
    ("register-status-superscript", [], lambda r: [Answer(sip_reply(r, start="SIP/2.0 ²00 OK"))], DIAG, None),
    ("register-silent", [], lambda r: [], DIAG, None),
    ("register-401-loop", [], lambda r: [Answer(sip_reply(r, "401 Unauthorized", [
        'WWW-Authenticate: Digest realm="x", nonce="n", algorithm=MD5']))], DIAG, None),
    ("register-short-password", ["-v"], _register_script(ok_headers=_echo_auth("header")), OK, _in("SIP/2.0 200 OK")),
]  # fmt: skip


# -- STUN answers (nat) ----------------------------------------------------------------------


def _stun_error(reason: str) -> StunScript:
    def script(data: bytes) -> list[Answer]:
        if len(data) < 20:
            return []
        reason_b = reason.encode()[:400]
        pad = (4 - len(reason_b) % 4) % 4
        attr = (
            struct.pack("!HH", 0x0009, 4 + len(reason_b))
            + b"\x00\x00\x04\x00"
            + reason_b
            + b"\x00" * pad
        )
        header = struct.pack("!HH", 0x0111, len(attr)) + data[4:20]
        return [Answer(header + attr)]

    return script


STUN_SHAPES: list[tuple[str, StunScript, frozenset[int]]] = [
    ("stun-silent", lambda d: [], BAD),
    ("stun-garbage", lambda d: [Answer(b"\x00\x01" + b"\xff" * 50)], BAD),
    ("stun-echo", lambda d: [Answer(d)], BAD),
    ("stun-error-escape", _stun_error(ESC), BAD),
    ("stun-short", lambda d: [Answer(d[:10])], BAD),
    ("stun-flood", lambda d: [Answer(b"\x01\x01\x00\x00" + d[4:20])] * 100, BAD),
]


# -- bad input alone (no server) -----------------------------------------------------------

REG = ["register", "--domain", "voip.invalid", "--user", "alice", "--password-env", "SD_PASS",
       "--dns", DNS]  # fmt: skip
BAD_ARGS: list[tuple[str, list[str]]] = [
    *((f"register-duration-{v}", [*REG, "--duration", v]) for v in ("nan", "inf", "-1", "1e308", "0", "x")),
    *((f"call-duration-{v}", ["call", "echo", *REG[1:], "--duration", v]) for v in ("nan", "inf", "-5")),
    *((f"probe-timeout-{v}", ["probe", "x.test", "--dns", DNS, "--timeout", v])
      for v in ("nan", "inf", "1e308", "-1", "0")),
    *((f"devices-watch-{v}", ["devices", "--watch", v]) for v in ("-1", "nan", "inf")),
    *((f"register-expires-{v}", [*REG, "--expires", v]) for v in ("4294967296", "0", "-1", "²")),
    *((f"register-user-{n}", ["register", "--domain", "voip.invalid", "--user", u, "--password-env",
                              "SD_PASS", "--dns", DNS]) for n, u in
      (("password", "alice:secret"), ("empty", ""), ("space", "a b"), ("control", "a\x1bb"), ("at", "a@b"))),
    *((f"register-domain-{n}", ["register", "--domain", d, "--user", "alice", "--password-env",
                                "SD_PASS", "--dns", DNS]) for n, d in
      (("v4-bracket-port", "[127.0.0.2]:99999"), ("port-0", "127.0.0.2:0"), ("superscript-port", "x.test:²"),
       ("300-chars", "a" * 300), ("at", "u@x.test"), ("slash", "x.test/y"), ("dots", ".."),
       ("escape", "x\x1b[2J.test"), ("v6-port", "[::1]:70000"), ("unspecified", "0.0.0.0"))),
    *((f"register-dns-{n}", [*REG[:-1], d]) for n, d in
      (("name", "dns.example"), ("port-0", "127.0.0.1:0"), ("huge-port", "127.0.0.1:99999"))),
    *((f"resolve-{n}", ["resolve", d, "--dns", DNS]) for n, d in
      (("superscript-port", "host:²"), ("v4-bracket", "[127.0.0.2]:99999"), ("long-label", "a" * 64 + ".test"),
       ("port-0", "[::1]:0"), ("broadcast", "255.255.255.255"))),
    ("probe-v4-bracket-port", ["probe", "[127.0.0.2]:99999", "--dns", DNS]),
    *((f"call-uri-{n}", ["call", u, *REG[1:], "--duration", "1"]) for n, u in
      (("empty-user", "sip:@x.test"), ("space", "sip:a@b c"), ("bad-port", "sip:a@[::1]:99999"),
       ("angle", "sip:a@x;<y>"), ("tel-letters", "tel:xyz"), ("no-host", "sip:a@"), ("escape", "\x1b[2J"),
       ("long-host", "sip:a@" + "b" * 300))),
    *((f"nat-stun-{n}", ["nat", "--stun", s]) for n, s in
      (("300-chars", "s" * 300), ("port-0", f"{STUN_IP}:0"), ("huge-port", f"{STUN_IP}:99999"),
       ("superscript", f"{STUN_IP}:²"), ("space", "a b"))),
]  # fmt: skip


def build_table() -> list[Case]:
    cases: list[Case] = []
    probe_tail = ["--timeout", "1"]
    for name, dns_fn, resolve_exits, probe_exits in DNS_SHAPES:
        cases.append(Case(f"resolve/{name}", ["resolve", "{domain}", "--dns", "{dns}"], resolve_exits,
                          dns=dns_fn, tags=("dns",), expect=RESOLVE_EXPECT.get(name)))  # fmt: skip
        cases.append(Case(f"probe/{name}", ["probe", "{domain}", "--dns", "{dns}", *probe_tail],
                          probe_exits, dns=dns_fn, sip=_reply(), tags=("dns",)))  # fmt: skip
    for name, script, exits in SIP_SHAPES:
        # JSON too where the answer carries text a printer might mangle or choke on.
        json_too = any(w in name for w in ("escape", "bidi", "utf8", "nul", "superscript"))
        for json_flag in ([], ["--json"]) if json_too else ([],):
            cases.append(Case(f"probe-udp/{name}{'/json' if json_flag else ''}",
                              ["probe", "{domain}", "--dns", "{dns}", *probe_tail, *json_flag],
                              exits, sip=script, tags=("sip",)))  # fmt: skip
            cases[-1].dns = _records(a_to())
    for name, script, exits in TCP_SHAPES:
        cases.append(Case(f"probe-tcp/{name}", ["probe", "{domain}", "--dns", "{dns}", "--transport",
                                                "tcp", *probe_tail], exits, sip=script, tags=("sip",)))  # fmt: skip
        cases[-1].dns = _records(a_to())
    for name, extra, script, exits, expect in REGISTER_SHAPES:
        argv = ["register", "--domain", "{domain}", "--user", "alice", "--password-env", "SD_PASS",
                "--dns", "{dns}", "--duration", "1.5", "--expires", "30", *extra]  # fmt: skip
        if "--user" in extra:  # the case's own user instead of alice
            argv = argv[:3] + argv[5:]
        case = Case(f"register/{name}", argv, exits, sip=script, expect=expect, timeout=40,
                    tags=("register",))  # fmt: skip
        if name == "register-short-password":
            case.password = "SIP"
        case.dns = _records(a_to())
        cases.append(case)
    ports = itertools.count(13478)
    for name, script, exits in STUN_SHAPES:
        port = next(ports)
        cases.append(Case(f"nat/{name}", ["nat", "--stun", f"{STUN_IP}:{port}"], exits, stun=script,
                          stun_port=port, timeout=40, tags=("stun",)))  # fmt: skip
    cases.append(Case("nat/stun-dead-port", ["nat", "--stun", f"{DEAD_IP}:3478"], BAD, timeout=40,
                      expect=_not_in("None"), tags=("stun",)))  # fmt: skip
    for name, argv in BAD_ARGS:
        cases.append(Case(f"args/{name}", argv, BAD, tags=("args",)))
    for i, case in enumerate(cases):
        case.key = f"c{i:03d}"
    return cases
