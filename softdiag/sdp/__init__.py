"""SDP (RFC 8866) offer/answer analysis: the model and parser, and the rules.

``softdiag.sdp.model`` reads an SDP body into immutable records that remember the line
each value came from; ``softdiag.sdp.rules`` turns an offer, an answer and where each came
from into findings (``sdp.*``, ``dtls.*``, ``ice.*``). Both are pure: no I/O, no clock.
This package's ``__init__`` imports nothing, so ``softdiag.findings`` can read the texts
module without an import cycle.
"""
