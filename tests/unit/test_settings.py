from __future__ import annotations

import json
from pathlib import Path

from softdiag.settings import PasswordStore, Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353", transport="tcp")
    save_settings(settings, path)
    assert load_settings(path).settings == settings
    assert "password" not in path.read_text()


def test_missing_file_gives_defaults_without_problem(tmp_path: Path) -> None:
    result = load_settings(tmp_path / "nope.json")
    assert result.settings == Settings()
    assert result.problem is None


def test_corrupt_file_is_kept_aside_and_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"domain": "voip.te')
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.problem is not None
    assert "damaged" in result.problem
    assert "\n" not in result.problem
    kept = list(tmp_path.glob("settings.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text() == '{"domain": "voip.te'  # nothing the user typed is lost


def test_wrong_types_and_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"domain": "voip.test", "expires": "soon", "future": 1}))
    settings = load_settings(path).settings
    assert settings.domain == "voip.test"
    assert settings.expires == Settings().expires


def test_password_store_without_keychain_keeps_it_in_memory_only(
    tmp_path: Path, monkeypatch: object
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    try:
        store = PasswordStore()
        assert store.persistent is False
        store.set("alice", "voip.test", "s3cret")
        assert store.get("alice", "voip.test") == "s3cret"
        assert PasswordStore().get("alice", "voip.test") is None  # not persisted anywhere
    finally:
        keyring.core._keyring_backend = None  # let keyring choose again
