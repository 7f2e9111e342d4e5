"""The local fault lab of real servers on loopback (dnsmasq, Kamailio, sipp)."""

from .lab import Lab, LabError, ServerStatus, default_state_dir
from .topology import LAB_PASSWORD, LabTopology, Registrar, ZoneRecords

__all__ = [
    "LAB_PASSWORD",
    "Lab",
    "LabError",
    "LabTopology",
    "Registrar",
    "ServerStatus",
    "ZoneRecords",
    "default_state_dir",
]
