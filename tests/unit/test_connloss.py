"""Connections the server closed: the message sent last, flapping, reconnect back-off."""

from __future__ import annotations

from softdiag.sip.connloss import ConnectionLossTracker, summarize

REGISTER = (
    "REGISTER sip:voip.test;transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999\r\n"
    "CSeq: 7 REGISTER\r\nContent-Length: 0\r\n\r\n"
)


def test_summaries_name_the_request_or_the_answer() -> None:
    assert summarize(REGISTER) == "REGISTER (CSeq 7)"
    assert summarize("SIP/2.0 200 OK\r\nCSeq: 2 INVITE\r\n\r\n") == "200 OK to INVITE (CSeq 2)"
    assert summarize("") == "?"


def test_a_close_names_the_last_message_on_that_connection_and_when() -> None:
    tracker = ConnectionLossTracker()
    tracker.sent("TCP", "127.0.0.2:5060", "REGISTER (CSeq 1)", 10.0)
    tracker.sent("TCP", "127.0.0.3:5060", "OPTIONS (CSeq 1)", 11.0)  # another connection
    tracker.sent("TCP", "127.0.0.2:5060", "REGISTER (CSeq 2)", 20.0)
    loss = tracker.closed("TCP", "127.0.0.2:5060", 20.25)
    assert loss.last_sent is not None and loss.last_sent.summary == "REGISTER (CSeq 2)"
    assert loss.after_s == 0.25
    assert (loss.report, loss.count, loss.transport) == (True, 1, "tcp")
    assert loss.reconnect_in == 0.2


def test_flapping_is_reported_once_then_with_a_count_and_backs_off() -> None:
    tracker = ConnectionLossTracker(window=60.0, first_delay=0.2, max_delay=5.0)
    losses = [tracker.closed("tls", "s:5061", float(t)) for t in range(0, 10)]
    assert [loss.report for loss in losses] == [True] + [False] * 9
    assert [loss.reconnect_in for loss in losses][:6] == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0]
    later = tracker.closed("tls", "s:5061", 70.0)  # the window has passed
    assert (later.report, later.count) == (True, 10)  # 9 unreported + this one
    calm = tracker.closed("tls", "s:5061", 200.0)
    assert (calm.report, calm.count, calm.reconnect_in) == (True, 1, 0.2)


def test_a_close_before_anything_was_sent() -> None:
    loss = ConnectionLossTracker().closed("tcp", "x:5060", 1.0)
    assert loss.last_sent is None and loss.after_s is None


def test_links_are_bounded() -> None:
    tracker = ConnectionLossTracker(max_links=3)
    for i in range(10):
        tracker.sent("tcp", f"h{i}:5060", "OPTIONS (CSeq 1)", float(i))
    assert tracker.last_sent("tcp", "h0:5060") is None
    assert tracker.last_sent("tcp", "h9:5060") is not None
