"""Structure-aware fuzzing of what softdiag reads off the wire: SIP, DNS answers, STUN.

Random bytes barely reach a parser (a datagram must pass STUN's length check, a text must
hold a ``Via`` to test ``top_via``). These generators build *valid* messages first — from
the pjproject seed corpus when it is there, else from templates — then mutate one or more
fields the way hostile servers do: Unicode digits, thousands of digits, values beyond 32
bits, control characters, truncation, duplication, byte flips. Each input goes through the
real parsing code and its invariants are checked; anything but a clean result or the
documented exception is a crash.

The same generators drive the hypothesis tests (``tests/unit/test_fuzz.py``, through
``st.randoms()``) and ``softdiag bench fuzz`` (a seeded ``random.Random``, 10^5 inputs per
parser and more). Hand-written rather than a fuzzing library because what matters is the
structure of three protocols, which no generic mutator knows; atheris would add coverage
guidance but ships no wheel for every platform softdiag supports.
"""

from __future__ import annotations

import random
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["FuzzResult", "check_dns", "check_sip", "check_stun", "dns_input", "run_fuzz",
           "sip_input", "stun_input"]  # fmt: skip

# -- shared mutations ------------------------------------------------------------------------

NUMBERS = ("0", "1", "²", "٣", "²00", "9" * 25, "9" * 5000, "-1", "+5", "4294967295",
           "4294967296", "65535", "65536", "0x10", "1e3", " ", "", "1 2", "00005060", "१२")  # fmt: skip
NASTY = ("\x1b]0;title\x07", "\x1b[2J", "\r\n", "\x00", "\u202e", "\x7f", "\ufffd", "\xff",
         "张伟", "josé", '"', "\\", ";", ",", "=", "<", ">", "%", "%zz", "a" * 300)  # fmt: skip


def _mutate_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        if not text:
            return rng.choice(NASTY)
        i = rng.randrange(len(text))
        if kind == 0:
            text = text[:i]  # truncation
        elif kind == 1:
            text = text[:i] + rng.choice(NASTY) + text[i:]
        elif kind == 2:
            text = text[:i] + rng.choice(NUMBERS) + text[i + rng.randint(0, 3) :]
        elif kind == 3:
            j = rng.randrange(len(text))
            text = text[:i] + text[j : j + rng.randint(1, 40)] + text[i:]  # duplication
        elif kind == 4:
            text = (
                text[:i]
                + chr(rng.randrange(0x10FFFF) if rng.random() < 0.2 else rng.randrange(256))
                + text[i + 1 :]
            )
        else:
            text = text.replace("\r\n", "\n", rng.randint(0, 3))
    return text


# -- SIP --------------------------------------------------------------------------------------

_SIP_TEMPLATE = (
    "SIP/2.0 {code} {reason}\r\n"
    "Via: SIP/2.0/{tr} {host};branch=z9hG4bK{branch};rport={rport};received={received}\r\n"
    "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2\r\n"
    "From: <sip:{user}@example.com>;tag=1\r\n"
    "To: <sip:{user}@example.com>;tag=2\r\n"
    "Call-ID: abc@host\r\n"
    "CSeq: 1 REGISTER\r\n"
    "Contact: <sip:{user}@{host}>;expires={expires}\r\n"
    "Expires: {expires}\r\n"
    "Retry-After: {retry}\r\n"
    "Server: {server}\r\n"
    '{echo}: Digest username="{user}", response="{response}", cnonce="{cnonce}"\r\n'
    "Content-Length: 0\r\n\r\n"
)


def sip_input(rng: random.Random, seeds: list[str] | None = None) -> tuple[str, str]:
    """A SIP message and the digest response value planted in it (to check redaction)."""
    response = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    if seeds and rng.random() < 0.3:
        text = rng.choice(seeds)
        text += f'X-Echo: Digest response="{response}"\r\n'
    else:

        def pick(valid: tuple[str, ...], nasty: tuple[str, ...] = NASTY) -> str:
            # Mostly valid, so that the parsers get past the first field; often hostile.
            return rng.choice(valid if rng.random() < 0.6 else nasty)

        text = _SIP_TEMPLATE.format(
            code=pick((str(rng.randrange(100, 700)),), NUMBERS), reason=pick(("OK", "Busy")),
            tr=pick(("UDP", "TCP", "TLS", "udp")), host=pick(("10.0.0.1:5060", "[::1]:5060", "h")),
            branch=rng.randrange(10**6), rport=pick((str(rng.randrange(1, 65536)),), NUMBERS),
            received=pick(("1.2.3.4", "::1")), user=pick(("alice", "bob")),
            expires=pick(("0", "300", "3600"), NUMBERS),
            retry=pick(("30", "30 (x);duration=1"), NUMBERS), server=pick(("kam",)),
            echo=pick(("X-Echo", "Authorization", "Warning"), ("x", "Proxy-Authorization")),
            response=response, cnonce=rng.randrange(10**9),
        )  # fmt: skip
    if rng.random() < 0.7:
        prefix, _, tail = text.partition(response)  # never mutate the planted secret itself
        text = _mutate_text(rng, prefix) + response + tail if _ else _mutate_text(rng, text)
    return text, response


def check_sip(text: str, response: str) -> None:
    """The parsers' invariants on one message (AssertionError when one breaks)."""
    from softdiag.sip.message import parse_expires, parse_head, parse_retry_after, top_via
    from softdiag.sip.redact import Redactor
    from softdiag.textsafe import escape_controls

    head = parse_head(text)
    status = head.status
    assert status is None or 100 <= status <= 699
    via = top_via(head)
    if via is not None:
        assert via.rport is None or 1 <= via.rport <= 65535
    for value in (parse_retry_after(head.get("retry-after")), parse_expires(head.get("expires"))):
        assert value is None or 0 <= value <= 2**32 - 1
    # As in the engine: our own REGISTER (well-formed, from pjsip) was redacted first.
    redactor = Redactor(("s3cret-pass",))
    redactor.redact(f'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest response="{response}"\r\n')
    assert response not in redactor.redact(text), "a digest response survived redaction"
    shown = escape_controls(head.start_line + " ".join(v for _, v in head.headers))
    assert "\x1b" not in shown and "\x07" not in shown


# -- DNS answers --------------------------------------------------------------------------------


_DNS_POOL: list[tuple[str, str, bytes]] = []


def dns_input(rng: random.Random) -> tuple[str, str, bytes]:
    """(qname, rdtype, response wire) for one of the resolver's queries, built then mutated.

    Building with dnspython costs milliseconds: a pool of 300 built answers (from a fixed
    seed) is made once, and each input mutates one of them.
    """
    if not _DNS_POOL:
        builder = random.Random(1)
        _DNS_POOL.extend(_dns_built(builder) for _ in range(300))
    qname, rdtype, built = rng.choice(_DNS_POOL)
    wire = bytearray(built)
    if rng.random() < 0.5 and len(wire) > 12:
        for _ in range(rng.randint(1, 4)):  # flip bytes after the header: rdata, lengths, names
            i = rng.randrange(12, len(wire))
            wire[i] = rng.randrange(256)
    if rng.random() < 0.1:
        wire = wire[: rng.randrange(len(wire) + 1)]
    return qname, rdtype, bytes(wire)


def _dns_built(rng: random.Random) -> tuple[str, str, bytes]:
    import dns.flags
    import dns.message
    import dns.rdataclass
    import dns.rdatatype
    import dns.rdtypes.IN.NAPTR
    import dns.rrset

    domain = "fuzz.test"
    rdtype = rng.choice(("NAPTR", "SRV", "A", "AAAA"))
    qname = {"NAPTR": domain, "SRV": f"_sip._udp.{domain}", "A": f"t{rng.randrange(3)}.{domain}",
             "AAAA": f"t{rng.randrange(3)}.{domain}"}[rdtype]  # fmt: skip
    if rdtype == "A" and rng.random() < 0.3:
        qname = domain
    query = dns.message.make_query(qname + ".", rdtype)
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    ttl = rng.choice((0, 1, 30, 2**31 - 1))
    count = rng.choice((1, 1, 2, 3, 8, 200 if rng.random() < 0.05 else 4))
    if rdtype == "A":
        ips = ("127.0.0.2", "0.0.0.0", "255.255.255.255", "224.0.0.1", "10.1.2.3")
        texts = [rng.choice(ips) for _ in range(count)]
    elif rdtype == "AAAA":
        texts = [rng.choice(("::1", "::", "ff02::1", "2001:db8::1")) for _ in range(count)]
    elif rdtype == "SRV":
        texts = [f"{rng.choice((0, 10, 65535))} {rng.choice((0, 5, 65535))} "
                 f"{rng.choice((0, 5060, 65535))} t{rng.randrange(3)}.{domain}." for _ in range(count)]  # fmt: skip
    else:
        texts = []
    if texts:
        response.answer.append(dns.rrset.from_text_list(qname + ".", ttl, "IN", rdtype, texts))
    else:
        flags = rng.choice((b"s", b"S", b"a", b"", b"\xff\xfe", "ß".encode(), b"u"))
        service = rng.choice((b"SIP+D2U", b"SIPS+D2T", b"sip+d2t", b"\x80", b"E2U+sip", b"SIP+D2X"))
        rd = dns.rdtypes.IN.NAPTR.NAPTR(  # type: ignore[no-untyped-call]
            dns.rdataclass.IN, dns.rdatatype.NAPTR, rng.choice((0, 10, 65535)), 10, flags,
            service, b"", dns.name.from_text(f"_sip._udp.{domain}."),
        )  # fmt: skip
        response.answer.append(dns.rrset.from_rdata(qname + ".", ttl, rd))
    return qname, rdtype, response.to_wire()


_RESOLVER: list[Any] = []  # one SipResolver, reused (building one per input is slow)


def check_dns(answers: dict[tuple[str, str], bytes]) -> None:
    """Resolve fuzz.test with ``answers`` as the only DNS (sans network): a Resolution whose
    targets are all usable, or a DnsProblem — never another exception."""
    import dns.exception
    import dns.message
    import dns.name
    import dns.rdataclass
    import dns.rdatatype
    import dns.resolver

    from softdiag.dns.resolver import DnsProblem, SipResolver
    from softdiag.hostport import unusable_address

    resolver = _RESOLVER[0] if _RESOLVER else SipResolver("127.0.0.1:53", rng=random.Random(0))
    if not _RESOLVER:
        _RESOLVER.append(resolver)

    def fake(name: str, rdtype: str, raise_on_no_answer: bool = True) -> dns.resolver.Answer:
        wire = answers.get((name.rstrip(".").lower(), rdtype))
        if wire is None:
            raise dns.resolver.NXDOMAIN
        try:
            message = dns.message.from_wire(wire)
        except dns.exception.DNSException as exc:
            raise dns.resolver.NoNameservers from exc
        return dns.resolver.Answer(dns.name.from_text(name), dns.rdatatype.from_text(rdtype),
                                   dns.rdataclass.IN, message)  # type: ignore[arg-type]  # fmt: skip

    resolver._resolver.resolve = fake  # type: ignore[method-assign]
    try:
        res = resolver.resolve("fuzz.test")
    except DnsProblem:
        return
    assert res.targets
    for t in res.targets:
        assert unusable_address(t.ip, t.port) is None, t
    assert set(res.answer_order) <= {t.ip for t in res.targets}


# -- STUN -------------------------------------------------------------------------------------


def stun_input(rng: random.Random, seeds: list[bytes] | None = None) -> bytes:
    from aioice import stun

    if seeds and rng.random() < 0.3:  # half of pjproject's seeds are malformed on purpose
        data = bytearray(rng.choice(seeds))
        # pjproject's seeds may carry a 4-byte fuzzer selector first: drop it when the
        # STUN length field says so.
        if len(data) >= 24 and struct.unpack_from("!H", data, 6)[0] == len(data) - 24:
            data = data[4:]
    else:
        cls = rng.choice((stun.Class.RESPONSE, stun.Class.ERROR, stun.Class.REQUEST))
        msg = stun.Message(message_method=stun.Method.BINDING, message_class=cls)
        if rng.random() < 0.8:
            msg.attributes["XOR-MAPPED-ADDRESS"] = (
                rng.choice(("1.2.3.4", "::1")),
                rng.randrange(65536),
            )
        if rng.random() < 0.5:
            msg.attributes["OTHER-ADDRESS"] = ("127.0.0.7", rng.randrange(65536))
        if cls == stun.Class.ERROR:
            msg.attributes["ERROR-CODE"] = (rng.choice((400, 420, 699)), rng.choice(NASTY))
        data = bytearray(bytes(msg))
    # Often none or one mutation, so that most inputs still pass the length and type checks
    # and reach the attribute parsers; past the 20-byte header when they can.
    for _ in range(rng.choice((0, 0, 1, 1, 2, 4))):
        if not data:
            break
        i = (
            rng.randrange(20, len(data))
            if len(data) > 20 and rng.random() < 0.8
            else rng.randrange(len(data))
        )
        choice = rng.randrange(4)
        if choice == 0:
            data[i] = rng.randrange(256)
        elif choice == 1 and len(data) > 20:
            struct.pack_into(
                "!H", data, 2, rng.choice((0, len(data) - 20, 65535, rng.randrange(65536)))
            )
        elif choice == 2:
            data = data[:i]
        else:
            data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
    return bytes(data)


def check_stun(data: bytes) -> None:
    from aioice import stun

    from softdiag.nat.stun import _Endpoint, binding_from_message

    _Endpoint({}).datagram_received(data, ("203.0.113.9", 3478))  # never raises
    try:
        message = stun.parse_message(data)
    except (ValueError, struct.error, IndexError, KeyError):
        return
    binding = binding_from_message(message, test="I", sent_to="1.2.3.4:3478", origin="1.2.3.4:3478")
    assert binding.ok or binding.error is not None or binding.mapped is None


# -- the bench ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FuzzResult:
    parser: str
    inputs: int
    crashes: int
    seconds: float
    first_crash: str = ""


def _seeds(corpus: Path | None, folder: str, mode: str) -> list[str] | list[bytes]:
    if corpus is None or not (corpus / folder).is_dir():
        return []
    files = sorted(p for p in (corpus / folder).iterdir() if p.is_file())
    if mode == "text":
        return [p.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\n", "\r\n")
                for p in files]  # fmt: skip
    return [p.read_bytes() for p in files]


def run_fuzz(count: int, *, seed: int = 0, corpus: Path | None = None,
             budget_s: float | None = None) -> list[FuzzResult]:  # fmt: skip
    """``count`` inputs per parser (fewer when ``budget_s`` runs out first)."""
    rng = random.Random(seed)
    sip_seeds = _seeds(corpus, "sip", "text")
    stun_seeds = _seeds(corpus, "stun", "bytes")

    def sip_one() -> None:
        text, response = sip_input(rng, sip_seeds)  # type: ignore[arg-type]
        check_sip(text, response)

    def dns_one() -> None:
        answers = {}
        for _ in range(rng.randint(1, 6)):
            qname, rdtype, wire = dns_input(rng)
            answers[(qname, rdtype)] = wire
        check_dns(answers)

    def stun_one() -> None:
        check_stun(stun_input(rng, stun_seeds))  # type: ignore[arg-type]

    results = []
    for name, one in (("sip", sip_one), ("dns", dns_one), ("stun", stun_one)):
        results.append(_run(name, one, count, budget_s))
    return results


def _run(name: str, one: Callable[[], None], count: int, budget_s: float | None) -> FuzzResult:
    start = time.monotonic()
    crashes, first, done = 0, "", 0
    for done in range(1, count + 1):  # noqa: B007  (done is the count after the loop)
        try:
            one()
        except Exception as exc:
            crashes += 1
            first = first or f"{type(exc).__name__}: {exc}"[:200]
        if budget_s is not None and time.monotonic() - start > budget_s:
            break
    return FuzzResult(name, done, crashes, round(time.monotonic() - start, 2), first)


def format_fuzz(results: list[FuzzResult]) -> str:
    lines = [f"  {'parser':<6} {'inputs':>9} {'crashes':>8} {'seconds':>8} {'inputs/s':>9}"]
    for r in results:
        rate = r.inputs / r.seconds if r.seconds else 0.0
        lines.append(f"  {r.parser:<6} {r.inputs:>9} {r.crashes:>8} {r.seconds:>8.1f} {rate:>9.0f}")
        if r.first_crash:
            lines.append(f"         first crash: {r.first_crash}")
    return "\n".join(lines)
