"""Every device-check verdict, from synthetic captures through the pure rules, and the
runner's sequence on a scripted audio backend with a fake clock (no sound server)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import numpy as np
import pytest

from softdiag.audio import dsp
from softdiag.audio.check import CheckFacts, CheckFailure, DeviceCheck, UserAnswers, measure
from softdiag.audio.runner import (
    AudioStream,
    CheckPlan,
    DeviceOpenError,
    RunOutcome,
    conclude,
    run_check,
)
from softdiag.events import (
    CaptureFigures,
    DeviceCheckResult,
    DeviceInfo,
    event_from_json,
    event_to_json,
)
from softdiag.findings import CATALOG

RATE = 48_000
rng = np.random.default_rng(3)

SPEAKER = DeviceInfo(id="speaker", name="Desk Speakers", direction="output", host_api="PulseAudio",
                     form_factor="speaker", bus="analog", is_default=True, muted=False, volume=1.0)  # fmt: skip
HEADSET = DeviceInfo(id="headset", name="Headset Jack", direction="output", host_api="PulseAudio",
                     form_factor="headset", bus="analog", muted=False, volume=1.0)  # fmt: skip
HANDSET = DeviceInfo(id="handset", name="USB Handset", direction="output", host_api="PulseAudio",
                     form_factor="handset", bus="usb", muted=False, volume=1.0)  # fmt: skip
MIC = DeviceInfo(id="mic", name="Headset Microphone", direction="input", host_api="PulseAudio",
                 form_factor="headset", bus="analog", is_default=True, muted=False, volume=1.0)  # fmt: skip
OUTPUTS = (SPEAKER, HEADSET, HANDSET)


def ids(result: DeviceCheckResult | tuple[object, ...]) -> list[str]:
    verdicts = result.verdicts if isinstance(result, DeviceCheckResult) else result
    return [v.id for v in verdicts]  # type: ignore[attr-defined]


# -- synthetic captures: 0.6 s at rest, then the sweep's 1.5 s and 0.8 s of tail ------

SWEEP = CheckPlan().signal()
START = int(0.6 * RATE)
LENGTH = START + SWEEP.size + int(0.8 * RATE)


def room(level_dbfs: float = -65.0) -> np.ndarray:
    return rng.standard_normal(LENGTH) * dsp.db_to_amplitude(level_dbfs)


def with_echo(capture: np.ndarray, gain_db: float, delay: int = 960) -> np.ndarray:
    out = capture.copy()
    at = START + delay
    out[at : at + SWEEP.size] += SWEEP * dsp.db_to_amplitude(gain_db)
    return out


def verdicts(capture: np.ndarray, *, output: DeviceInfo = SPEAKER, inp: DeviceInfo = MIC,
             answers: UserAnswers | None = None, speech: np.ndarray | None = None) -> list[str]:  # fmt: skip
    figures = measure(capture, SWEEP, RATE, signal_start=START, speech=speech)
    facts = CheckFacts(output=output, input=inp, outputs=OUTPUTS, figures=figures,
                       answers=answers or UserAnswers())  # fmt: skip
    return ids(DeviceCheck().verdicts(facts))


def speech_like(level_dbfs: float, floor_dbfs: float = -65.0) -> np.ndarray:
    x = rng.standard_normal(2 * RATE) * dsp.db_to_amplitude(floor_dbfs)
    for start in range(0, x.size, RATE // 2):  # syllables: 250 ms on, 250 ms off
        burst = dsp.tone(220, 0.25, RATE, level_dbfs=level_dbfs)
        x[start : start + burst.size] += burst[: x[start : start + burst.size].size]
    return x


def test_ok_for_a_quiet_room_mic() -> None:
    assert verdicts(room()) == ["device.ok"]


def test_ok_with_the_user_speaking_at_a_normal_level() -> None:
    assert verdicts(room(), speech=speech_like(-24)) == ["device.ok"]


def test_flat_line_digital_silence() -> None:
    assert verdicts(np.zeros(LENGTH)) == ["device.mic_flat_line"]


def test_flat_line_stuck_constant() -> None:
    found = DeviceCheck().verdicts(
        CheckFacts(output=SPEAKER, input=MIC, outputs=OUTPUTS,
                   figures=measure(np.full(LENGTH, 0.031), SWEEP, RATE, signal_start=START))
    )  # fmt: skip
    assert ids(found) == ["device.mic_flat_line"]
    assert "stuck at +0.03100" in found[0].evidence[0]


def test_clipping() -> None:
    hot = np.clip(4 * np.sin(2 * np.pi * 440 * np.arange(LENGTH) / RATE), -1, 1)
    found = verdicts(hot)
    assert found == ["device.mic_clipping"]


def test_a_few_clipped_peaks_are_not_clipping() -> None:
    x = room()
    x[::5000] = 1.0  # 0.02 %
    assert verdicts(x) == ["device.ok"]


def test_noise_only() -> None:
    assert verdicts(room(-30)) == ["device.mic_noise_only"]


def test_noise_with_the_user_speaking_over_it_is_not_noise_only() -> None:
    assert "device.mic_noise_only" not in verdicts(room(-40), speech=speech_like(-15, -40))


def test_too_quiet_speech() -> None:
    assert verdicts(room(-80), speech=speech_like(-50, -80)) == ["device.mic_too_quiet"]


def test_speech_that_never_rises_above_the_floor_is_too_quiet() -> None:
    assert verdicts(room(), speech=room()[: 2 * RATE]) == ["device.mic_too_quiet"]


def test_coupling_is_detected_with_delay_and_is_not_a_fault() -> None:
    capture = with_echo(room(), -6.0, delay=960)
    figures = measure(capture, SWEEP, RATE, signal_start=START)
    assert figures.coupling_delay_ms == pytest.approx(20.0, abs=0.1)
    assert figures.coupling_gain_db == pytest.approx(-6.0, abs=0.5)
    assert verdicts(capture) == ["device.coupled", "device.ok"]


def test_a_loopback_onto_a_silent_line_is_coupled_not_flat() -> None:
    capture = np.zeros(LENGTH)
    capture[START + 480 : START + 480 + SWEEP.size] = SWEEP
    assert verdicts(capture) == ["device.coupled", "device.ok"]


def test_mic_muted_at_os_level_explains_the_flat_line() -> None:
    muted = dataclasses.replace(MIC, muted=True)
    assert verdicts(np.zeros(LENGTH), inp=muted) == ["device.mic_muted"]
    zero_volume = dataclasses.replace(MIC, volume=0.0)
    assert verdicts(np.zeros(LENGTH), inp=zero_volume) == ["device.mic_muted"]


def test_output_muted_explains_the_tone_not_heard() -> None:
    muted = dataclasses.replace(SPEAKER, muted=True)
    assert verdicts(room(), output=muted, answers=UserAnswers(heard="no")) == [
        "device.output_muted"
    ]


def test_output_not_the_default() -> None:
    assert verdicts(room(), output=HEADSET) == ["device.output_not_default"]
    found = DeviceCheck().verdicts(
        CheckFacts(output=HEADSET, input=MIC, outputs=OUTPUTS,
                   figures=measure(room(), SWEEP, RATE, signal_start=START))
    )  # fmt: skip
    assert found[0].params == (("default", "Desk Speakers"), ("input", "Headset Microphone"),
                               ("output", "Headset Jack"))  # fmt: skip


def test_case_2_handset_in_the_headset_jack() -> None:
    """The user listens on a handset, the OS reports the socket as a headset, and they hear
    nothing: the verdicts say so, and point at the handset output the OS does know."""
    default_headset = dataclasses.replace(HEADSET, is_default=True)
    outputs = (dataclasses.replace(SPEAKER, is_default=False), default_headset, HANDSET)
    facts = CheckFacts(
        output=default_headset, input=MIC, outputs=outputs,
        figures=measure(room(), SWEEP, RATE, signal_start=START),
        answers=UserAnswers(expected="handset", heard="no"),
    )  # fmt: skip
    found = DeviceCheck().verdicts(facts)
    assert ids(found) == ["device.tone_not_heard", "device.form_factor_mismatch"]
    mismatch = found[1]
    assert any("handset outputs the OS knows: USB Handset" in e for e in mismatch.evidence)
    assert any("user: heard no" in e for e in found[0].evidence)


def test_the_users_ear_outranks_the_socket_name() -> None:
    default_headset = dataclasses.replace(HEADSET, is_default=True)
    facts = CheckFacts(
        output=default_headset, input=MIC, outputs=(default_headset,),
        figures=measure(room(), SWEEP, RATE, signal_start=START),
        answers=UserAnswers(expected="handset", heard="yes"),
    )  # fmt: skip
    assert ids(DeviceCheck().verdicts(facts)) == ["device.ok"]


def test_heard_elsewhere() -> None:
    assert verdicts(room(), answers=UserAnswers(heard="elsewhere")) == ["device.heard_elsewhere"]


def test_expected_form_factor_differs_without_an_answer() -> None:
    assert verdicts(room(), answers=UserAnswers(expected="handset")) == [
        "device.form_factor_mismatch"
    ]
    assert verdicts(room(), answers=UserAnswers(expected="speaker")) == ["device.ok"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("busy", "device.busy"), ("gone", "device.gone"), ("stalled", "device.input_stalled")],
)
def test_a_failed_device_gets_exactly_its_verdict(kind: str, expected: str) -> None:
    failure = CheckFailure(kind=kind, device=MIC, error="Device unavailable", seconds=3.0)  # type: ignore[arg-type]
    facts = CheckFacts(output=SPEAKER, input=MIC, outputs=OUTPUTS, failure=failure,
                       figures=measure(np.zeros(LENGTH), SWEEP, RATE, signal_start=START))  # fmt: skip
    found = DeviceCheck().verdicts(facts)
    assert ids(found) == [expected]
    assert "Headset Microphone" in found[0].title


def test_no_devices() -> None:
    assert ids(DeviceCheck().verdicts(CheckFacts(output=None, input=MIC))) == ["device.no_output"]
    assert ids(DeviceCheck().verdicts(CheckFacts(output=SPEAKER, input=None))) == [
        "device.no_input"
    ]


def test_every_device_verdict_is_in_the_catalogue_and_tested_here() -> None:
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    device_ids = [k for k in CATALOG if k.startswith("device.")]
    assert len(device_ids) == 17
    for finding_id in device_ids:
        assert f'"{finding_id}"' in source, f"no test for {finding_id}"


def test_thresholds_are_tunable() -> None:
    x = room(-55)
    assert verdicts(x) == ["device.ok"]
    figures = measure(x, SWEEP, RATE, signal_start=START)
    strict = DeviceCheck(noise_floor_dbfs=-60.0)
    facts = CheckFacts(output=SPEAKER, input=MIC, outputs=OUTPUTS, figures=figures)
    assert ids(strict.verdicts(facts)) == ["device.mic_noise_only"]


def test_figures_are_finite_json() -> None:
    figures = measure(np.zeros(LENGTH), SWEEP, RATE, signal_start=START)
    text = json.dumps(dataclasses.asdict(figures), allow_nan=False)
    assert "Infinity" not in text


# -- the runner on a scripted backend -------------------------------------------------


class SimStream:
    def __init__(self, sim: Sim, kind: str) -> None:
        self.sim, self.kind = sim, kind

    def start(self) -> None:
        if self.sim.fail_start == self.kind:
            raise DeviceOpenError("Device unavailable [PaErrorCode -9985]")
        setattr(self.sim, f"{self.kind}_running", True)

    def close(self) -> None:
        setattr(self.sim, f"{self.kind}_running", False)
        self.sim.closed.append(self.kind)


class Sim:
    """Audio devices on a fake clock: each 10 ms of sleep runs one callback of each
    running stream. ``mic(played, n)`` makes the next input block from what was played."""

    BLOCK = RATE // 100

    def __init__(self, mic: Callable[[np.ndarray, int], np.ndarray], *, first_audio_s: float = 0.0,
                 stall_at_s: float | None = None, fail_open: str | None = None,
                 fail_start: str | None = None) -> None:  # fmt: skip
        self.mic, self.now = mic, 0.0
        self.first_audio_s, self.stall_at_s = first_audio_s, stall_at_s
        self.fail_open, self.fail_start = fail_open, fail_start
        self.input_running = self.output_running = False
        self.on_block: Callable[[np.ndarray], None] | None = None
        self.fill: Callable[[np.ndarray], None] | None = None
        self.played: list[np.ndarray] = []
        self.closed: list[str] = []
        self.opened_at: dict[str, float] = {}

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        end = self.now + seconds
        while self.now < end - 1e-9:
            if self.output_running and self.fill is not None:
                out = np.zeros(self.BLOCK, np.float32)
                self.fill(out)
                self.played.append(out)
            elif self.input_running:
                self.played.append(np.zeros(self.BLOCK, np.float32))
            delivering = self.now >= self.first_audio_s and (
                self.stall_at_s is None or self.now < self.stall_at_s
            )
            if self.input_running and self.on_block is not None and delivering:
                self.on_block(self.mic(np.concatenate(self.played), self.BLOCK).astype(np.float32))
            self.now = round(self.now + 0.01, 6)

    def open_input(
        self, device: DeviceInfo, rate: int, on_block: Callable[[np.ndarray], None]
    ) -> AudioStream:
        if self.fail_open == "input":
            raise DeviceOpenError("Device unavailable")
        self.on_block, self.opened_at["input"] = on_block, self.now
        return SimStream(self, "input")

    def open_output(
        self, device: DeviceInfo, rate: int, fill: Callable[[np.ndarray], None]
    ) -> AudioStream:
        if self.fail_open == "output":
            raise DeviceOpenError("Device unavailable")
        self.fill, self.opened_at["output"] = fill, self.now
        return SimStream(self, "output")


def loopback(delay_blocks: int = 2) -> Callable[[np.ndarray, int], np.ndarray]:
    def mic(played: np.ndarray, n: int) -> np.ndarray:
        end = played.size - delay_blocks * n
        return played[end - n : end] if end >= n else np.zeros(n)

    return mic


def zeros(played: np.ndarray, n: int) -> np.ndarray:
    return np.zeros(n)


def run(sim: Sim, output: DeviceInfo = HANDSET, inp: DeviceInfo = MIC,
        present: Callable[[DeviceInfo], bool] | None = None) -> RunOutcome:  # fmt: skip
    return run_check(sim, output, inp, clock=sim.clock, sleep=sim.sleep, present=present)


def test_runner_captures_before_playing_and_finds_the_loopback() -> None:
    sim = Sim(loopback(2), first_audio_s=1.2)  # a monitor that starts late (FACTS.md)
    outcome = run(sim)
    assert outcome.failure is None
    assert sim.opened_at["output"] >= 1.2 + 0.6 - 1e-6  # after first audio and the rest
    assert outcome.signal_start >= 0.6 * RATE
    result = conclude(outcome, outputs=OUTPUTS)
    assert ids(result) == ["device.output_not_default", "device.coupled"]
    assert result.figures is not None and result.figures.coupling > 0.99
    assert result.figures.coupling_delay_ms == pytest.approx(20.0, abs=10.5)
    assert result.figures.first_audio_ms == pytest.approx(1200, abs=15)
    assert outcome.seconds < CheckPlan().budget_s
    assert sorted(sim.closed) == ["input", "output"]


def test_runner_flat_line_mic() -> None:
    outcome = run(Sim(zeros), output=SPEAKER)
    assert ids(conclude(outcome, outputs=OUTPUTS)) == ["device.mic_flat_line"]


def test_runner_input_that_never_delivers_is_stalled_within_budget() -> None:
    sim = Sim(zeros, first_audio_s=99)
    outcome = run(sim)
    assert outcome.failure is not None and outcome.failure.kind == "stalled"
    assert outcome.seconds <= CheckPlan().first_audio_s + 0.05
    assert ids(conclude(outcome)) == ["device.input_stalled"]
    assert "output" not in sim.opened_at  # nothing was played into the void


def test_runner_input_that_stops_mid_check_is_stalled() -> None:
    outcome = run(Sim(loopback(), stall_at_s=1.0))
    assert outcome.failure is not None and outcome.failure.kind == "stalled"
    assert outcome.failure.device == MIC


def test_runner_device_gone_beats_the_stall() -> None:
    outcome = run(Sim(loopback(), stall_at_s=1.0), present=lambda d: d.direction != "input")
    assert ids(conclude(outcome)) == ["device.gone"]


@pytest.mark.parametrize("which", ["input", "output"])
def test_runner_busy_device(which: str) -> None:
    sim = Sim(zeros, fail_open=which)
    outcome = run(sim)
    assert outcome.failure is not None and outcome.failure.kind == "busy"
    assert outcome.failure.device.direction == which
    result = conclude(outcome)
    assert ids(result) == ["device.busy"]
    assert "Device unavailable" in result.verdicts[0].title


def test_runner_start_failure_is_busy_and_streams_are_closed() -> None:
    sim = Sim(zeros, fail_start="output")
    outcome = run(sim)
    assert outcome.failure is not None and outcome.failure.kind == "busy"
    assert sorted(sim.closed) == ["input", "output"]


def test_result_event_round_trips_losslessly() -> None:
    result = conclude(run(Sim(loopback())), outputs=OUTPUTS,
                      answers=UserAnswers(expected="handset", heard="yes"),
                      speech=speech_like(-24))  # fmt: skip
    again = event_from_json(json.dumps(event_to_json(result)))
    assert again == result
    assert isinstance(again, DeviceCheckResult)
    assert isinstance(again.figures, CaptureFigures)
    assert again.answers == (("expected", "handset"), ("heard", "yes"))
