"""Call media: levels, stream statistics, the E-model, one-way-audio rules, the device bridge.

Pure modules (no I/O, no pjsua2): :mod:`.emodel`, :mod:`.levels`, :mod:`.ring`,
:mod:`.addresses`, :mod:`.diagnosis`, :mod:`.tap`. Drivers: :mod:`.meter` (a thread that
publishes ``Levels``), :mod:`.bridge` (sounddevice streams). The pjsua2 side lives in
:mod:`softdiag.sip.calls`, on the engine thread.
"""
