"""The catalogue of findings: stable ids, plain-language titles and advice.

A finding's id never changes once released: its texts are ``finding.<id>.title`` and
``finding.<id>.advice`` in the one catalogue (:mod:`softdiag.i18n`), which renders them in
any language; bundles and support scripts match on the id. Templates use ``str.format``
fields; the values are kept in ``Finding.params`` so every language is filled with the same
values. ``Finding.title`` and ``advice`` are the English rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from .events import Finding, Severity
from .sdp.texts import SDP_FINDINGS

__all__ = ["CATALOG", "FindingSpec", "advice_id", "make_finding", "title_id"]


@dataclass(frozen=True, slots=True)
class FindingSpec:
    severity: Severity
    title: str
    advice: str


CATALOG: dict[str, FindingSpec] = {
    "dns.nxdomain": FindingSpec(
        "error",
        "The SIP domain {domain} does not exist in DNS",
        "Check the spelling of the domain, or the DNS server: {nameserver}.",
    ),
    "dns.timeout": FindingSpec(
        "error",
        "The DNS server {nameserver} does not answer",
        "Check the DNS server address, the network, or a firewall blocking DNS.",
    ),
    "dns.servfail": FindingSpec(
        "error",
        "The DNS server {nameserver} failed to resolve {domain}",
        "The DNS server has a problem with this zone; try another DNS server.",
    ),
    "dns.refused": FindingSpec(
        "error",
        "The DNS server {nameserver} refused to resolve {domain}",
        "This DNS server does not serve this domain; use the resolver your provider gave you.",
    ),
    "dns.no_records": FindingSpec(
        "error",
        "{domain} has no SIP servers in DNS (no NAPTR, SRV, A or AAAA records)",
        "Ask the provider for the right SIP domain or server address.",
    ),
    "dns.impossible_target": FindingSpec(
        "warning",
        "DNS for {domain} lists servers no request can reach: {targets}",
        "The zone has records with port 0, 0.0.0.0, broadcast or multicast addresses; "
        "softdiag leaves them out. Ask the provider to fix the zone.",
    ),
    "registration.unexpected_expiry": FindingSpec(
        "warning",
        "The server accepted the registration with an expiry of {expires}",
        "A 2xx answer with Expires 0 removes the binding, and a value beyond 32 bits is "
        "invalid (RFC 3261 §20.19): the server will not reach this phone. Report it to the "
        "provider.",
    ),
    "probe.internal_error": FindingSpec(
        "warning",
        "A health check of {target} failed inside softdiag: {error}",
        "Probing and failover go on with the other checks. Please send a diagnostic "
        "bundle to the softdiag developers.",
    ),
    "registration.credentials_rejected": FindingSpec(
        "error",
        "The server rejected the credentials: {code} {reason}",
        "Check the user name and password for {aor}. The server itself is working.",
    ),
    "registration.not_found": FindingSpec(
        "error",
        "The server does not know the account {aor}: {code} {reason}",
        "Check the user name and the domain. The server itself is working.",
    ),
    "registration.timeout": FindingSpec(
        "error",
        "The server {server} did not answer the registration ({code} {reason})",
        "The server may be down or a firewall drops SIP; softdiag can fail over to another "
        "server where DNS lists one.",
    ),
    "registration.server_error": FindingSpec(
        "error",
        "The server {server} answered the registration with an error: {code} {reason}",
        "The server has a problem; another server of the domain may work.",
    ),
    "registration.failed": FindingSpec(
        "error",
        "Registration failed: {code} {reason}",
        "See the SIP messages in the log for details.",
    ),
    "failover.all_down": FindingSpec(
        "error",
        "No server of {domain} answers",
        "softdiag keeps trying with back-off and registers as soon as one server answers. "
        "Check the network, a VPN or a firewall if this lasts.",
    ),
    "failover.stale_binding": FindingSpec(
        "warning",
        "The old registration on {server} could not be removed",
        "That server did not answer, so it may keep the old contact for up to {expires} s: "
        "calls that reach it meanwhile may fail or ring nowhere.",
    ),
    "engine.failed": FindingSpec(
        "error",
        "The SIP engine could not start: {error}",
        "Another program may hold the SIP port; restart softdiag.",
    ),
    "settings.damaged": FindingSpec(
        "warning",
        "The settings file was damaged: {problem}",
        "The defaults are in use; your old file was kept beside it.",
    ),
    # -- NAT behaviour (softdiag.nat.stun) and keep-alive advice (softdiag.nat.keepalive)
    "nat.none": FindingSpec(
        "info",
        "No NAT between softdiag and the STUN server: it sees our own address {local}",
        "Servers can reach this address directly; a firewall may still filter what comes in.",
    ),
    "nat.mapping_stable": FindingSpec(
        "info",
        "This NAT keeps one public address for every destination: {mapped}",
        "Endpoint-independent mapping: every server sees the same public address and port, "
        "so moving between servers does not change it. Filtering: {filtering}.",
    ),
    "nat.mapping_per_destination": FindingSpec(
        "warning",
        "This NAT gives every destination its own public port ({mapping} mapping)",
        "Each server sees another public port: a registration that moves to another server "
        "gets a new mapping, and direct media between phones needs a relay (TURN or the "
        "server's media proxy). Keep the registration on one server (the sticky policy).",
    ),
    "nat.behaviour_unknown": FindingSpec(
        "info",
        "The NAT behaviour could not be determined with the STUN server {server}",
        "Use an RFC 5780 STUN server with two addresses (for example coturn); the evidence "
        "says which test failed.",
    ),
    "nat.alg": FindingSpec(
        "warning",
        "A router rewrites addresses inside packets (an ALG): MAPPED-ADDRESS {plain}, "
        "XOR-MAPPED-ADDRESS {mapped}",
        "Routers that rewrite STUN usually rewrite SIP too (a SIP ALG), which breaks "
        "registrations and calls in odd ways: switch the router's SIP ALG off.",
    ),
    "nat.keepalive_too_slow": FindingSpec(
        "error",
        "This NAT forgets an idle UDP mapping after ~{lifetime} s; your keep-alive is every "
        "{interval} s ({mechanism})",
        "Incoming calls will be lost between keep-alives: set the keep-alive to {suggested} s "
        "(udpKaIntervalSec), or register over TCP or TLS.",
    ),
    "nat.keepalive_marginal": FindingSpec(
        "warning",
        "Your keep-alive every {interval} s ({mechanism}) is close to this NAT's idle UDP "
        "timeout of ~{lifetime} s",
        "One lost keep-alive loses the mapping, and incoming calls with it until the next "
        "packet: set the keep-alive to {suggested} s (udpKaIntervalSec).",
    ),
    "nat.keepalive_ok": FindingSpec(
        "info",
        "Your keep-alive every {interval} s ({mechanism}) keeps this NAT's UDP mapping open",
        "Idle UDP mappings survived {lifetime} s here: nothing to change.",
    ),
    "nat.keepalive_untested": FindingSpec(
        "info",
        "This NAT kept idle UDP mappings for at least {lifetime} s, the longest tested; your "
        "keep-alive is every {interval} s ({mechanism})",
        "Measure longer (softdiag nat --lifetime --max-idle S), or set the keep-alive to "
        "{suggested} s to be safe.",
    ),
    "nat.lifetime_unknown": FindingSpec(
        "info",
        "The NAT's idle UDP mapping lifetime is not known; your keep-alive is every "
        "{interval} s ({mechanism})",
        "Measure it with softdiag nat --lifetime. Most NATs keep idle UDP mappings for 30 s "
        "or more.",
    ),
    "nat.keepalive_connection": FindingSpec(
        "info",
        "Over {transport} the connection carries incoming calls: the NAT's UDP timeout does "
        "not apply",
        "Keep the connection's keep-alive ({tcp_keepalive} s) shorter than the NAT's idle TCP "
        "timeout; most NATs keep TCP connections for many minutes.",
    ),
    "keyring.unavailable": FindingSpec(
        "info",
        "No system keychain: the password is kept for this run only",
        "Install and unlock a keychain (e.g. GNOME Keyring) to save passwords.",
    ),
    # -- the guided check (softdiag.check): what only a whole run can see ------------------
    "check.no_route": FindingSpec(
        "error",
        "This computer has no route to the DNS server {destination}",
        "The network is down or not configured: check the cable or Wi-Fi, a VPN, and the "
        "network settings, then run the check again.",
    ),
    "check.dns_order_rotates": FindingSpec(
        "info",
        "The DNS server lists the {count} servers of {domain} in a different order each time",
        "Phones that always take the first address (MicroSIP, pjsip on UDP) hop between "
        "servers at every refresh and get a new NAT mapping each time; softdiag's sticky "
        "policy stays on one.",
    ),
    "check.servers_partly_down": FindingSpec(
        "warning",
        "{down} of the {total} servers of {domain} do not answer: {servers}",
        "Registrations and calls still work through the others, but there is less "
        "redundancy left: tell the provider which servers are down.",
    ),
    "check.not_registered": FindingSpec(
        "error",
        "The account {aor} did not register within {seconds} s",
        "No server accepted the registration in time: see the servers step and the SIP "
        "messages for what the servers answered.",
    ),
    "check.registration_moved": FindingSpec(
        "warning",
        "The registration moved from {old} to {new} during the check: {reason}",
        "softdiag followed its failover policy; a phone without one would have lost "
        "incoming calls. Ask the provider why {old} stopped answering.",
    ),
    "check.refreshes_short": FindingSpec(
        "warning",
        "The registration held {held} of the {wanted} refreshes asked for",
        "It was lost or did not refresh in time: see the registration events and SIP "
        "messages for why.",
    ),
    "check.nat_mapping_changed": FindingSpec(
        "warning",
        "The public address servers see for us changed {count} times during the check",
        "A NAT that forgets or rebinds mappings loses incoming calls until the next "
        "refresh: {cause}",
    ),
    "check.keepalive_slower_than_needed": FindingSpec(
        "warning",
        "The keep-alive every {interval} s ({mechanism}) is slower than the {needed} s "
        "this network needs",
        "Set the phone's keep-alive to {needed} s or less (udpKaIntervalSec), or register "
        "over TCP or TLS.",
    ),
    "check.call_not_connected": FindingSpec(
        "error",
        "The test call to {uri} did not connect: {problem}",
        "See the SIP messages of the call: the answer names the problem.",
    ),
    # -- audio devices (softdiag.audio.check): the device check's verdicts --------------
    "device.ok": FindingSpec(
        "info",
        "{output} and {input} work",
        "The test signal played, and the microphone delivered live sound. You can use these "
        "devices for calls.",
    ),
    "device.coupled": FindingSpec(
        "info",
        "{input} hears {output}: the test signal came back after {delay_ms} ms",
        "The output reaches this microphone (a handset's own earpiece, a loopback cable or a "
        "loudspeaker in the same room). With a loudspeaker the other party may hear an echo: "
        "prefer a headset or the handset.",
    ),
    "device.mic_flat_line": FindingSpec(
        "error",
        "The microphone {input} sends a flat line: the other party will hear nothing",
        "No sound at all comes from this input: every sample has the same value. Calls still "
        "send RTP, but it carries only silence. Check the microphone's plug, cable and mute "
        "switch, replug a USB device, or choose another input.",
    ),
    "device.mic_muted": FindingSpec(
        "error",
        "The microphone {input} is muted in the system's sound settings",
        "Unmute it in the sound settings (or with the device's mute key): until then the "
        "other party hears silence.",
    ),
    "device.output_muted": FindingSpec(
        "error",
        "The output {output} is muted or its volume is zero",
        "Unmute it or raise its volume in the system's sound settings, then test again.",
    ),
    "device.mic_clipping": FindingSpec(
        "warning",
        "The microphone {input} is too loud: {percent} % of the samples clip",
        "The other party hears distortion. Lower the input volume in the sound settings, or "
        "hold the microphone a little further from the mouth.",
    ),
    "device.mic_too_quiet": FindingSpec(
        "warning",
        "The microphone {input} is too quiet: speech reached only {level} dBFS",
        "The other party will hardly hear you. Raise the input volume in the sound settings, "
        "point the microphone at the mouth, or choose another input.",
    ),
    "device.mic_noise_only": FindingSpec(
        "warning",
        "The microphone {input} sends only noise (a steady hiss at {level} dBFS)",
        "This is how a disconnected or broken microphone sounds behind a high input gain. "
        "Check the plug and the cable, or choose another input.",
    ),
    "device.output_not_default": FindingSpec(
        "warning",
        "{output} is not the system's default output: that is {default}",
        "softdiag tested {output}, but programs that follow the system default play on "
        "{default}. If calls should sound on {output}, choose it in the softphone or make it "
        "the default.",
    ),
    "device.form_factor_mismatch": FindingSpec(
        "warning",
        "{output} is not the kind of device you said you listen on",
        "The system names the socket, not what is plugged into it: a handset plugged into a "
        "headset jack still reports a headset. Check which socket the cable is in, or choose "
        "the output that matches your device.",
    ),
    "device.tone_not_heard": FindingSpec(
        "error",
        "You did not hear the test tone on {output}",
        "The sound left the computer for this device, so the fault is after it: check the "
        "volume, the plug, and which socket the cable is in (a handset in the headset jack "
        "stays silent), or choose another output.",
    ),
    "device.heard_elsewhere": FindingSpec(
        "error",
        "The test tone did not come out where you expected: {output} is another device",
        "Calls will sound where the tone did, not on your device. Choose the output you "
        "listen on, or make it the system default.",
    ),
    "device.busy": FindingSpec(
        "error",
        "{device} could not be opened: {error}",
        "Another program may be using it exclusively, or it was just unplugged. Close other "
        "call or recording programs, replug it, and run the check again.",
    ),
    "device.gone": FindingSpec(
        "error",
        "{device} disappeared during the check",
        "It was unplugged, switched off, or its driver restarted. Plug it in again and run "
        "the check again.",
    ),
    "device.input_stalled": FindingSpec(
        "error",
        "{input} opened but delivered no audio in {seconds} s",
        "Its driver or a Bluetooth link may be stuck. Replug it, or choose another input.",
    ),
    "device.no_output": FindingSpec(
        "error",
        "No audio output device was found",
        "Plug in a headset, handset or speakers, and check that the sound service "
        "(PulseAudio or PipeWire, Windows Audio, Core Audio) is running.",
    ),
    "device.no_input": FindingSpec(
        "error",
        "No microphone was found",
        "Plug in a headset, handset or microphone, and check that the sound service is "
        "running and that softdiag may use the microphone (privacy settings).",
    ),
    # -- calls and media (softdiag.media.diagnosis): one-way audio and call quality ---------
    "call.failed": FindingSpec(
        "error",
        "The call to {uri} failed: {code} {reason}",
        "See the SIP messages in the log: the answer names the problem (404: no such user, "
        "486: busy, 488: no common codec, 408/480: nobody answered).",
    ),
    "call.inbound_stale_binding": FindingSpec(
        "warning",
        "Split registration: a call came through {source}, which still holds our old binding",
        "softdiag registers through {registered_on} now, but {source} kept the binding from "
        "before the failover. This call reached us only because nothing between {source} and "
        "us filters by address; behind a NAT that does, calls routed there are lost until the "
        "old binding expires. The servers should share registrations (a cluster) or route "
        "calls to the server the phone registered through (Path, RFC 3327).",
    ),
    "call.inbound_other_proxy": FindingSpec(
        "info",
        "A call came through {source}, not through {registered_on} where softdiag is registered",
        "The servers share their registrations or route calls among themselves. That works "
        "on an open network; behind a NAT that filters by address only {registered_on} can "
        "reach us, unless the servers route through it (Path, RFC 3327; SIP outbound).",
    ),
    "call.retried_elsewhere": FindingSpec(
        "warning",
        "The call to {uri} did not get through {old} ({why}): placed again through {new}",
        "The server the account used stopped answering or refused the call for its own "
        "trouble. softdiag placed the same call through another server of the domain instead "
        "of waiting up to 32 s for SIP's timer or failing it; a phone without failover would "
        "have hung or failed.",
    ),
    "call.signalling_lost": FindingSpec(
        "warning",
        "The call's server {server} stopped answering; the audio goes on",
        "Media flows directly and is not affected. Hanging up sends a BYE through "
        "{server}, which may never arrive: the far end then notices the end only by its "
        "own timeout or silence.",
    ),
    "media.no_rtp": FindingSpec(
        "error",
        "No audio packets arrive from {remote}: we send, but hear nothing",
        "The far end does not send, or a NAT or firewall between us drops its RTP. Check "
        "that UDP to our media port {local} is allowed, that the far end's audio is not on "
        "hold, and whether the server relays media (rtpengine, an SBC).",
    ),
    "media.no_rtp_our_address": FindingSpec(
        "error",
        "No audio packets arrive: our SDP announces the private address {local}, but the "
        "server sees us as {public}",
        "Our side is behind a NAT and tells the far end an address it cannot reach. Enable "
        "STUN or ICE in the softphone, use the server's media relay, or fix the router's "
        "SIP ALG.",
    ),
    "media.sdp_private_address": FindingSpec(
        "error",
        "The far end announced the private media address {remote}, which cannot be "
        "reached from here",
        "Its SDP names an address inside its own network (behind a NAT): our audio goes "
        "nowhere and none comes back. The far end must announce its public address "
        "(STUN/ICE), or its server must relay media (rtpengine, an SBC).",
    ),
    "media.rx_digital_silence": FindingSpec(
        "error",
        "Audio packets arrive from {remote}, but they carry only digital silence",
        "The network works: the far end sends silence. Its microphone is muted, unplugged "
        "or delivers a flat line (a handset plugged into a headset jack), or its media "
        "server plays nothing.",
    ),
    "media.tx_flat_line": FindingSpec(
        "error",
        "Our microphone {input} sends a flat line: the other party hears nothing",
        "RTP leaves normally, but every sample is the same value. Check the microphone's "
        "plug and mute switch (a handset in the headset jack delivers nothing), or choose "
        "another input; the device check tells which one works.",
    ),
    "media.rtp_source_mismatch": FindingSpec(
        "warning",
        "Audio arrives from {source}, not from {remote} that the far end's SDP announced",
        "The far end sits behind a NAT or an SBC rewrites its ports. Audio works here only "
        "because softdiag answers to where RTP really comes from (symmetric RTP, RFC 4961); "
        "phones without that hear nothing. The far end should announce its public address "
        "(STUN/ICE), or the server should relay media.",
    ),
    "media.network_loss": FindingSpec(
        "warning",
        "{loss_pct} % of the audio packets from {remote} are lost",
        "The network drops packets between us (Wi-Fi, a congested uplink, a VPN): speech "
        "breaks up. Try a wired connection, or ask for QoS (DSCP EF) on the path.",
    ),
    "media.network_jitter": FindingSpec(
        "warning",
        "Audio packets from {remote} arrive unevenly: {jitter_ms} ms of jitter",
        "The network delays packets by varying amounts (Wi-Fi, congestion, a VPN): the "
        "jitter buffer has to grow, and speech gets delayed or choppy.",
    ),
    "media.device_lost": FindingSpec(
        "error",
        "The audio device {device} disappeared during the call; the call goes on",
        "It was unplugged, switched off, or its driver restarted. Plug it in again or choose "
        "another device: the call stays up meanwhile.",
    ),
    "media.no_audio_device": FindingSpec(
        "info",
        "No usable audio device: the call uses a generated test signal",
        "The meters still show what is sent and received. Plug in a headset or choose a "
        "device to talk yourself: {problem}",
    ),
    # -- TLS and connections (softdiag.sip.tls, softdiag.sip.connloss)
    "tls.unknown_ca": FindingSpec(
        "error",
        "The certificate of {server} is signed by an authority softdiag does not trust",
        "Issuer: {issuer}. If your provider uses a private authority, give softdiag its "
        "certificate (--ca FILE, or the CA file in the account settings). softdiag will not "
        "register to a server it cannot verify.",
    ),
    "tls.name_mismatch": FindingSpec(
        "error",
        "The certificate of {server} is not made out to {name}",
        "It names {cert_names}. Either the provider installed the wrong certificate or "
        "something intercepts the connection: tell the provider. softdiag will not register "
        "there and uses another server of the domain where there is one.",
    ),
    "tls.expired": FindingSpec(
        "error",
        "The certificate of {server} is outside its validity ({not_before} to {not_after})",
        "Check this computer's date and time first; if they are right, the provider must "
        "renew its certificate.",
    ),
    "tls.old_protocol": FindingSpec(
        "error",
        "{server} offers only an old TLS version ({detail})",
        "TLS 1.0 and 1.1 are insecure and retired (RFC 8996); softdiag needs TLS 1.2. Ask "
        "the provider to upgrade the server.",
    ),
    "tls.handshake_failed": FindingSpec(
        "error",
        "The TLS handshake with {server} failed: {detail}",
        "The port may not speak TLS (plain SIP on a TLS port, or the wrong port), or the "
        "server asks for something softdiag does not offer. Check the port and transport.",
    ),
    "tls.verification_off": FindingSpec(
        "warning",
        "TLS certificate verification is off (chosen with --tls-no-verify)",
        "The connection is encrypted but nobody checks who answers: anyone on the path can "
        "pose as the server and read the password exchange. Use it only to diagnose.",
    ),
    "transport.closed_by_server": FindingSpec(
        "warning",
        "{server} closed the {transport} connection {after_s} s after we sent {message}",
        "Servers drop a TCP or TLS connection when they cannot parse or refuse a message read "
        "from it, and every message on that connection is lost with it. softdiag reconnected "
        "and registered again. It happened {count} time(s): if it repeats, send the SIP log "
        "(the message sent last) to the provider.",
    ),
}

# The SDP analyser's findings (softdiag.sdp.rules), kept in their own module.
CATALOG.update({key: FindingSpec(*spec) for key, spec in SDP_FINDINGS.items()})

for _id, _spec in CATALOG.items():
    i18n.texts(f"finding.{_id}", {"title": _spec.title, "advice": _spec.advice})


def title_id(finding_id: str) -> str:
    return f"finding.{finding_id}.title"


def advice_id(finding_id: str) -> str:
    return f"finding.{finding_id}.advice"


def make_finding(finding_id: str, *, evidence: tuple[str, ...] = (), **params: object) -> Finding:
    """Build the Finding for a catalogue id, filling its templates with ``params``."""
    spec = CATALOG[finding_id]
    values = {k: str(v) for k, v in params.items()}
    return Finding(
        id=finding_id,
        severity=spec.severity,
        title=i18n.render(title_id(finding_id), values, "en"),
        advice=i18n.render(advice_id(finding_id), values, "en"),
        evidence=evidence,
        params=tuple(sorted(values.items())),
    )
