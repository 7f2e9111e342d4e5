"""Top-level windows and dialogs, composed of panels."""
