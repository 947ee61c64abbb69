"""A Zope instance served by `make start`, for the tests that need a real one."""

from pathlib import Path

import os
import requests
import signal
import subprocess
import time


ROOT = Path(__file__).resolve().parents[1]
ADMIN = ("admin", "admin-du-test")


class Instance:
    """`make start` in the background, on its own port and instance folder."""

    def __init__(self, folder, port, log, env=None):
        self.folder, self.port, self.log = folder, port, log
        self.env = env or {}
        self.url = f"http://localhost:{port}/Plone"

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "start", f"INSTANCE={self.folder}", f"PORT={self.port}"],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "ADMIN_PASSWORD": ADMIN[1], **self.env},
            )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(self.log).read_text()[-3000:]
            try:
                if requests.get(self.url, timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(2)
        raise AssertionError("make start did not serve the site within 10 minutes")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
