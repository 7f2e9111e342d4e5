"""RFC 3263 resolution of SIP domains (NAPTR -> SRV -> A/AAAA) with dnspython."""

from .resolver import DnsProblem, Resolution, SipResolver, parse_nameserver

__all__ = ["DnsProblem", "Resolution", "SipResolver", "parse_nameserver"]
