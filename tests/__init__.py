"""Test package. Importing it (pytest does, before any conftest) sets up the tests' keyring.

The local database key lives in the keyring (workstation.cipher): tests use one file per secret in
a throw-away folder (:class:`tests.dbfiles.FileKeyring`), never a desktop keyring. The settings are
environment variables, so the subprocesses the tests start share them (and find this package
through ``PYTHONPATH``); a subprocess that imports the package again keeps what it inherited.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if not os.environ.get("KEYRING_PROPERTY_DIRECTORY"):
    _keyring_dir = tempfile.mkdtemp(prefix="ws-test-keyring-")
    atexit.register(shutil.rmtree, _keyring_dir, True)
    os.environ["KEYRING_PROPERTY_DIRECTORY"] = _keyring_dir
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.dbfiles.FileKeyring"
    _root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_root, os.environ.get("PYTHONPATH", "")) if p)
