from __future__ import annotations

import threading

from softdiag.events import Event, Log
from softdiag.session import Recorder, Session


def _log(i: int) -> Log:
    return Log(level="info", source="test", message=str(i))


def test_fans_out_to_every_subscriber_in_order() -> None:
    session = Session()
    seen: list[tuple[str, Event]] = []
    session.subscribe(lambda e: seen.append(("a", e)))
    session.subscribe(lambda e: seen.append(("b", e)))
    event = _log(1)
    session.publish(event)
    assert seen == [("a", event), ("b", event)]


def test_unsubscribe_stops_delivery() -> None:
    session = Session()
    seen: list[Event] = []
    unsubscribe = session.subscribe(seen.append)
    session.publish(_log(1))
    unsubscribe()
    session.publish(_log(2))
    assert [e.message for e in seen if isinstance(e, Log)] == ["1"]


def test_a_failing_subscriber_is_reported_and_does_not_break_others() -> None:
    session = Session()
    recorder = Recorder()

    def broken(event: Event) -> None:
        raise RuntimeError("boom")

    session.subscribe(broken)
    session.subscribe(recorder)
    session.publish(_log(1))
    messages = [e.message for e in recorder.of_type(Log)]
    assert messages[0] == "1"
    assert any("boom" in m for m in messages[1:])


def test_recorder_is_bounded_and_counts_drops() -> None:
    recorder = Recorder(limit=10)
    for i in range(25):
        recorder(_log(i))
    assert len(recorder) == 10
    assert recorder.dropped == 15
    assert [e.message for e in recorder.of_type(Log)] == [str(i) for i in range(15, 25)]


def test_publish_from_many_threads_loses_nothing() -> None:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)

    def burst(base: int) -> None:
        for i in range(500):
            session.publish(_log(base + i))

    threads = [threading.Thread(target=burst, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(recorder) == 2000
