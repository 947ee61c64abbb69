"""The modules whose classes are stored in existing sites' databases, under the paths they had before 1003.

A journal's pages and the readers' groups plugin are pickled with their class's
module path. The package's layout changed in 1003 (issue 10): the old paths
name the new modules, so that databases written before load unchanged.
"""

import importlib
import sys


MOVED_MODULES = {
    "collective.convocation.journal": "collective.convocation.operations.journal",
    "collective.convocation.receipts": "collective.convocation.operations.reader_groups",
}


def install():
    for old, new in MOVED_MODULES.items():
        sys.modules.setdefault(old, importlib.import_module(new))
