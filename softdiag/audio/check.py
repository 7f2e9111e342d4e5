"""The device check's verdicts: pure rules over measurements, OS facts and the user's answers.

Theory of operation. The runner (:mod:`softdiag.audio.runner`) plays a known sweep on the
output while it captures the input, and hands over the samples. :func:`measure` turns them
into :class:`CaptureFigures`; :class:`DeviceCheck` turns figures + what the OS says about
the devices + what the user answered into findings (``softdiag.findings``, ids
``device.*``), each with its numeric evidence. Nothing here does I/O or reads a clock.

Invariants:

1. A device that could not be used (busy, gone, stalled) yields exactly that verdict:
   nothing measured on a half capture is reported.
2. An explanation beats a symptom: a microphone muted at OS level is reported as muted,
   not also as a flat line; an output muted at OS level explains "I heard nothing".
3. Each microphone fault yields one verdict (flat line, clipping, noise only, too quiet),
   the most specific first: flat line > clipping > noise only > too quiet.
4. The OS names sockets, not transducers (a handset in a headset jack reports "headset"):
   the user's answer is evidence that outranks the form factor.
5. ``device.ok`` is given only when nothing is wrong; ``device.coupled`` (the played signal
   reached the input) is information, not a fault.

Thresholds (:class:`DeviceCheck` fields) and why:

- clipping: 0.1 % of samples at full scale. Speech peaks clip now and then on any hot
  input; sustained clipping of one sample in a thousand is audible distortion.
- noise only: a floor above -50 dBFS that is steady (the loud 20 ms windows within 6 dB
  of the quiet ones) and broadband (spectral flatness >= 0.3). A quiet office through a
  working microphone sits at -60 to -75 dBFS; a tone or speech is neither steady nor flat.
- too quiet: speech below -42 dBFS. ITU-T P.56 active speech levels for telephony sit
  around -26 dBov; 16 dB less is hard to hear after a codec.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from softdiag.events import CaptureFigures, DeviceInfo, Finding
from softdiag.findings import make_finding

from . import dsp

__all__ = [
    "CheckFacts",
    "CheckFailure",
    "DeviceCheck",
    "UserAnswers",
    "measure",
]

Heard = Literal["yes", "no", "elsewhere"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class UserAnswers:
    """What the user told the guided check."""

    expected: str | None = None  # the form factor they listen on: "handset", "headset"...
    heard: Heard | None = None  # did they hear the tone on that device?

    def pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in (("expected", self.expected), ("heard", self.heard)) if v)


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckFailure:
    """A device could not take part in the check."""

    kind: Literal["busy", "gone", "stalled"]
    device: DeviceInfo
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckFacts:
    output: DeviceInfo | None
    input: DeviceInfo | None
    outputs: Sequence[DeviceInfo] = ()  # every output of the inventory (defaults, alternatives)
    figures: CaptureFigures | None = None
    answers: UserAnswers = UserAnswers()
    failure: CheckFailure | None = None


def measure(
    capture: npt.ArrayLike,
    reference: npt.ArrayLike,
    rate: int,
    *,
    signal_start: int,
    speech: npt.ArrayLike | None = None,
    first_audio_ms: float | None = None,
    played_dbfs: float | None = None,
) -> CaptureFigures:
    """The figures of one capture. ``signal_start``: the capture sample at which the output
    started playing ``reference`` (everything before it is the input at rest)."""
    cap = np.asarray(capture, dtype=np.float64).reshape(-1)
    before = cap[: max(0, min(signal_start, cap.size))]
    rest = before if before.size >= rate // 5 else cap  # < 200 ms at rest: use everything
    whole = dsp.level_stats(cap, rate)
    coupling = dsp.detect_coupling(reference, cap)
    detected = coupling.detected()
    return CaptureFigures(
        seconds=round(cap.size / rate, 3),
        rms_dbfs=round(whole.rms_dbfs, 2),
        peak_dbfs=round(whole.peak_dbfs, 2),
        noise_floor_dbfs=round(dsp.noise_floor_dbfs(rest, rate), 2),
        loud_dbfs=round(whole.loud_dbfs, 2),
        clipping=round(whole.clipping, 5),
        dc=round(whole.dc, 5),
        silent=whole.silent,
        stuck=whole.stuck,
        flatness=round(dsp.spectral_flatness(rest), 3),
        coupling=round(coupling.coefficient, 3),
        coupling_delay_ms=round((coupling.lag - signal_start) / rate * 1000, 1)
        if detected
        else None,
        coupling_gain_db=round(coupling.gain_db, 1) if detected else None,
        speech_dbfs=(
            round(dsp.level_stats(speech, rate).loud_dbfs, 2) if speech is not None else None
        ),
        first_audio_ms=None if first_audio_ms is None else round(first_audio_ms, 1),
        played_dbfs=played_dbfs,
    )


def _percent(value: float) -> str:
    return f"{value * 100:.1f}"


def _os_line(device: DeviceInfo) -> str:
    muted = {True: "yes", False: "no", None: "unknown"}[device.muted]
    volume = "unknown" if device.volume is None else f"{device.volume * 100:.0f} %"
    return (
        f"{device.direction} {device.name!r} ({device.id}): form factor {device.form_factor}, "
        f"bus {device.bus}, default {'yes' if device.is_default else 'no'}, muted {muted}, "
        f"volume {volume}"
    )


def _figures_lines(f: CaptureFigures) -> tuple[str, ...]:
    lines = [
        f"capture {f.seconds:.2f} s: RMS {f.rms_dbfs:.1f} dBFS, peak {f.peak_dbfs:.1f} dBFS, "
        f"loud {f.loud_dbfs:.1f} dBFS",
        f"at rest: noise floor {f.noise_floor_dbfs:.1f} dBFS, spectral flatness {f.flatness:.2f}",
        f"clipped samples {_percent(f.clipping)} %, DC {f.dc:+.4f}",
        f"test signal found in the capture: correlation {f.coupling:.2f}"
        + (
            f", delay {f.coupling_delay_ms:.0f} ms, gain {f.coupling_gain_db:.1f} dB"
            if f.coupling_delay_ms is not None
            else " (not found)"
        ),
    ]
    if f.speech_dbfs is not None:
        lines.append(f"while the user spoke: {f.speech_dbfs:.1f} dBFS")
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class DeviceCheck:
    """The verdict rules; thresholds as fields so a test or a support script can tune them."""

    clipping_ratio: float = 0.001
    noise_floor_dbfs: float = -50.0
    noise_spread_db: float = 6.0
    noise_flatness: float = 0.3
    quiet_speech_dbfs: float = -42.0
    speech_rise_db: float = 6.0

    def verdicts(self, facts: CheckFacts) -> tuple[Finding, ...]:
        if facts.failure is not None:
            return (self._failure(facts.failure),)
        if facts.output is None:
            return (make_finding("device.no_output"),)
        if facts.input is None:
            return (make_finding("device.no_input"),)
        out, inp, f, answers = facts.output, facts.input, facts.figures, facts.answers
        names = {"output": out.name, "input": inp.name}
        os_facts = (_os_line(out), _os_line(inp))
        measured = _figures_lines(f) if f is not None else ()
        said = tuple(f"user: {k} {v}" for k, v in answers.pairs())
        found: list[Finding] = []

        out_muted = out.muted is True or out.volume == 0
        mic_muted = inp.muted is True or inp.volume == 0
        if out_muted:
            found.append(make_finding("device.output_muted", evidence=os_facts[:1], **names))
        if mic_muted:
            found.append(
                make_finding("device.mic_muted", evidence=(os_facts[1], *measured[:1]), **names)
            )
        elif f is not None:
            mic = self._microphone(f, names, (os_facts[1], *measured))
            if mic is not None:
                found.append(mic)

        if answers.heard == "no" and not out_muted:
            found.append(
                make_finding("device.tone_not_heard", evidence=(os_facts[0], *said), **names)
            )
        elif answers.heard == "elsewhere":
            found.append(
                make_finding("device.heard_elsewhere", evidence=(os_facts[0], *said), **names)
            )
        if (
            answers.expected
            and answers.heard != "yes"  # the user's ear outranks the OS's socket name
            and out.form_factor not in (answers.expected, "unknown")
        ):
            matching = [
                d.name
                for d in facts.outputs
                if d.form_factor == answers.expected and d.key != out.key
            ]
            evidence = [
                os_facts[0],
                f"user listens on: {answers.expected}; the OS calls {out.name!r} a "
                f"{out.form_factor} output",
            ]
            if matching:
                evidence.append(f"{answers.expected} outputs the OS knows: {', '.join(matching)}")
            found.append(
                make_finding("device.form_factor_mismatch", evidence=tuple(evidence), **names)
            )
        default = next((d for d in facts.outputs if d.is_default), None)
        if not out.is_default and default is not None and default.key != out.key:
            found.append(
                make_finding(
                    "device.output_not_default",
                    evidence=(os_facts[0], _os_line(default)),
                    default=default.name,
                    **names,
                )
            )
        if f is not None and f.coupling_delay_ms is not None and not mic_muted:
            found.append(
                make_finding(
                    "device.coupled",
                    evidence=measured[3:4] + os_facts,
                    delay_ms=f"{f.coupling_delay_ms:.0f}",
                    **names,
                )
            )
        if not any(x.severity in ("error", "warning") for x in found):
            found.append(make_finding("device.ok", evidence=os_facts + measured + said, **names))
        found.sort(key=lambda x: _SEVERITY_ORDER[x.severity])
        return tuple(found)

    def _microphone(
        self, f: CaptureFigures, names: dict[str, str], evidence: tuple[str, ...]
    ) -> Finding | None:
        if f.silent or f.stuck:
            what = (
                "every sample is exactly 0 (digital silence)"
                if f.silent
                else f"every sample is stuck at {f.dc:+.5f} (a constant, DC)"
            )
            return make_finding("device.mic_flat_line", evidence=(what, *evidence), **names)
        if f.clipping >= self.clipping_ratio:
            return make_finding(
                "device.mic_clipping", evidence=evidence, percent=_percent(f.clipping), **names
            )
        coupled = f.coupling_delay_ms is not None
        spoke_up = (
            f.speech_dbfs is not None and f.speech_dbfs - f.noise_floor_dbfs >= self.speech_rise_db
        )
        if (
            f.noise_floor_dbfs >= self.noise_floor_dbfs
            and f.loud_dbfs - f.noise_floor_dbfs < self.noise_spread_db
            and f.flatness >= self.noise_flatness
            and not coupled
            and not spoke_up
        ):
            return make_finding(
                "device.mic_noise_only",
                evidence=evidence,
                level=f"{f.noise_floor_dbfs:.0f}",
                **names,
            )
        if f.speech_dbfs is not None and (f.speech_dbfs < self.quiet_speech_dbfs or not spoke_up):
            return make_finding(
                "device.mic_too_quiet", evidence=evidence, level=f"{f.speech_dbfs:.0f}", **names
            )
        return None

    @staticmethod
    def _failure(failure: CheckFailure) -> Finding:
        device = failure.device
        evidence = (_os_line(device), *((f"error: {failure.error}",) if failure.error else ()))
        if failure.kind == "gone":
            return make_finding("device.gone", evidence=evidence, device=device.name)
        if failure.kind == "stalled":
            return make_finding(
                "device.input_stalled",
                evidence=evidence,
                input=device.name,
                seconds=f"{failure.seconds:.1f}",
            )
        return make_finding(
            "device.busy", evidence=evidence, device=device.name, error=failure.error or "?"
        )
