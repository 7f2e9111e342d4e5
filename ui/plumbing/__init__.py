"""The GUI thread and the engine: thread hand-off, background operations, the event bridge."""
