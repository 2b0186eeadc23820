"""A file-backed keyring backend for tests, so no test touches the real user's keyring.

Selected in a test's environment with
`PYTHON_KEYRING_BACKEND=tests.helpers.file_keyring.FileKeyring` (PYTHONPATH holds the repo) and
`XEROCLI_TEST_KEYRING=/path/to/keyring.json`. Writes are atomic and locked, because the
concurrency tests run ten processes against one keyring.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV_FILE = "XEROCLI_TEST_KEYRING"
BACKEND = "tests.helpers.file_keyring.FileKeyring"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV_FILE])

    def _lock(self) -> FileLock:
        return FileLock(str(self.path) + ".lock", timeout=30)

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write(self, values: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=str(self.path.parent))
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(values, handle, indent=1)
        os.replace(tmp, self.path)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}/{username}"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock():
            return self._read().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock():
            values = self._read()
            values[self._key(service, username)] = password
            self._write(values)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock():
            values = self._read()
            if self._key(service, username) not in values:
                raise PasswordDeleteError("not found")
            del values[self._key(service, username)]
            self._write(values)


def read_all(path: Path) -> dict[str, str]:
    """What the test keyring holds (for tests that look for secrets in outputs)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


class HangingKeyring(FileKeyring):
    """A keyring waiting forever for an unlock prompt nobody sees (a locked Secret Service)."""

    def get_password(self, service: str, username: str) -> str | None:
        import time

        time.sleep(3600)
        return None

    set_password = get_password  # type: ignore[assignment]
