"""The background worker of a cluster: the sendings' jobs and the mail queue of every site.

Run as: zconsole run WORKER/etc/zope.conf scripts/worker.py
The instances that serve the site run with CONVOCATION_WORKER=off: they
record the jobs and queue the mails, and this process, alone, does them
(README « Several instances »). SIGTERM or Ctrl-C stops it after the current
batch and the current mail; what is left is done at its next start.
"""

from collective.convocation.operations import worker
from collective.convocation.operations.process_role import does_background_work

import logging
import signal
import sys
import threading


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")
if not does_background_work():
    sys.exit("scripts/worker.py: CONVOCATION_WORKER=off in this instance's environment.")

stopping = threading.Event()
for number in (signal.SIGTERM, signal.SIGINT):
    signal.signal(number, lambda *_: stopping.set())
print("Convocation worker: running the jobs and sending the mails.", flush=True)
worker.serve(app._p_jar.db(), stopping)  # noqa: F821 - zconsole run provides ``app``
print("Convocation worker: stopped.", flush=True)
