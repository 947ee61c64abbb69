"""Whether this Zope process does the background work: the sendings' jobs and the mail queue.

Every instance does by default. In a cluster (README « Several instances »)
the instances that serve the site have ``CONVOCATION_WORKER=off``: they
record the jobs and write the mails into the shared queue, and one worker
process (scripts/worker.py) runs the jobs and sends the mails.
"""

import os


def does_background_work() -> bool:
    return os.environ.get("CONVOCATION_WORKER", "on").strip().lower() != "off"
