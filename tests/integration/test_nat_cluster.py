"""Behind the NAT lab's router with a DMQ cluster: which proxies can still call us.

The router filters by address: a server reaches the client only through a flow the client
opened towards it. pjsua keeps the registrar's open; softdiag's supervisor sends the same
CRLF keep-alive from the SIP socket to every other server, so any proxy of the cluster
that shares our binding can deliver a call, not just the one we registered through.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import IncomingCall, RegistrationChanged
from softdiag.lab import LAB_PASSWORD
from softdiag.lab.caller import LabCaller
from softdiag.lab.netns import NatLab
from softdiag.session import Recorder, Session
from tests.labfixtures import require_namespaces

pytestmark = pytest.mark.lab


@pytest.fixture(scope="module")
def nat_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatLab]:
    require_namespaces()
    # A tag of its own: test_nat's lab (tagged with the PID) may be up at the same time.
    lab = NatLab(tmp_path_factory.mktemp("natcluster"), tag=f"kc{os.getpid()}", stun=False,
                 cluster=True)  # fmt: skip
    try:
        lab.up()
        yield lab
    finally:
        lab.down()


def test_every_proxy_of_the_cluster_reaches_us_through_the_nat(
    nat_cluster: NatLab, tmp_path: Path
) -> None:
    session, recorder = Session(), Recorder()
    session.subscribe(recorder)
    with nat_cluster.in_client():  # softdiag's threads start behind the NAT
        phone = Softphone(session, answer_mode="auto")
        phone.start()
        spec = AccountSpec(domain="voip.test", user="nat-callee", password=LAB_PASSWORD,
                           dns=nat_cluster.lab.topology.dns, expires=60)  # fmt: skip
        phone.register(spec)
    try:
        deadline = time.monotonic() + 15
        while not [e for e in recorder.of_type(RegistrationChanged) if e.state == "registered"]:
            assert time.monotonic() < deadline, "no registration"
            time.sleep(0.05)
        registered = next(e for e in recorder.of_type(RegistrationChanged)
                          if e.state == "registered").server  # fmt: skip
        assert registered.split(":")[0] in nat_cluster.addresses.registrars
        time.sleep(0.5)  # the keep-alives to the other servers went out on registering
        caller = LabCaller(tmp_path, ip=nat_cluster.addresses.echo)
        with nat_cluster.in_server():  # the caller calls from the servers' side
            delivered = {ip: caller.call("nat-callee", f"{ip}:5060").delivered
                         for ip in nat_cluster.addresses.registrars}  # fmt: skip
        assert all(delivered.values()), delivered
        sources = {e.source for e in recorder.of_type(IncomingCall)}
        assert len({s.split(":")[0] for s in sources}) == 3  # each proxy delivered itself
        assert all(s.split(":")[0] in nat_cluster.addresses.registrars for s in sources)
    finally:
        phone.shutdown()
