"""The datasets of scripts/bench_site.py, written in its temporary instance (setuphandlers/bench_data.py).

Run as: zconsole run INSTANCE/etc/zope.conf scripts/bench_build.py STAGE ARGS
- ``base OFFICIALS SMTP_PORT``: the sending and receipt séances, and the site's MailHost
  sending through its queue to the bench's SMTP server on 127.0.0.1:SMTP_PORT;
- ``fill COUNT``: the other collectivities' Convocations grown to COUNT in all.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from collective.convocation.setuphandlers import bench_data
from plone import api
from zope.component.hooks import setSite

import sys
import time
import transaction


def main(app, stage, *args):
    newSecurityManager(None, system)
    portal = app.Plone
    setSite(portal)
    started = time.perf_counter()
    if stage == "base":
        officials, smtp_port = int(args[0]), int(args[1])
        # Plone's mailer reads the registry's settings; the queue is the MailHost's.
        api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
        api.portal.set_registry_record("plone.smtp_port", smtp_port)
        api.portal.get_tool("MailHost").smtp_queue = True
        bench_data.base(portal, officials=officials)
        transaction.commit()
        print(f"built the base: {officials} officials in {time.perf_counter() - started:.1f} s")
    elif stage == "fill":
        people = [bench_data.official(n) for n in range(len(_officials(portal)))]

        def commit():
            transaction.commit()
            app._p_jar.cacheGC()

        made = bench_data.fill(portal, people, int(args[0]), commit=commit)
        print(f"filled: {made} séances more in {time.perf_counter() - started:.1f} s")


def _officials(portal):
    return [
        mandate
        for mandate in portal[bench_data.SUFFIX]["conseil"].objectValues()
        if mandate.portal_type == "Mandate"
    ]


# zconsole run provides ``app``; sys.argv is its own: zconsole run CONF SCRIPT ARGS
main(app, *sys.argv[4:])  # noqa: F821
