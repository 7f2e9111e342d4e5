"""The guided check: one run from the network and DNS to the audio devices.

:mod:`.profile` reads what to check, :mod:`.steps` is the pure checklist (statuses,
summaries, the first things to fix), :mod:`.runner` runs the real pieces step by step.
"""

from .profile import DEFAULT_STEPS, STEPS, CheckProfile, ProfileError, load_profile, parse_profile

__all__ = [
    "DEFAULT_STEPS",
    "STEPS",
    "CheckProfile",
    "ProfileError",
    "load_profile",
    "parse_profile",
]
