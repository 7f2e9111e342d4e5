"""The PySide6 front end: a thin Qt skin over the engine's events.

Views subscribe to :class:`softdiag.session.Session` through :class:`ui.plumbing.bridge.EventBridge`
and never talk to pjsua2, sockets or DNS themselves; anything that may block runs through
:class:`ui.plumbing.ops.EngineOp`. The GUI thread never waits on the engine, and Qt objects live
and die on it only (:mod:`ui.plumbing.threads`).
"""
