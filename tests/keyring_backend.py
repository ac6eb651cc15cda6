"""A keyring backend for tests: secrets in a JSON file in the test run's folder, never in a
real keychain (PYTHON_KEYRING_BACKEND=keyring_backend.TestKeyring, set by tests/conftest.py)."""

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class TestKeyring(KeyringBackend):
    priority = 1

    @staticmethod
    def _file() -> Path:
        return Path(os.environ.get("ARBOCHECK_HOME", ".")) / "test-keyring.json"

    def _load(self) -> dict:
        try:
            return json.loads(self._file().read_text())
        except (OSError, ValueError):
            return {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._file().parent.mkdir(parents=True, exist_ok=True)
        self._file().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such secret")
        self._file().write_text(json.dumps(data))
