"""Runs the QUT coordination-network-toolkit's own command line (python -m coordination_network_toolkit)
from a source snapshot at QUT_TOOLKIT_DIR, for bench:watch. twarc is only needed for Twitter JSON
input: when it is not installed, a stand-in that refuses to be used lets the CSV path run."""
import os
import runpy
import sys
import types

try:
    import twarc  # noqa: F401
except ImportError:
    def _refuse(*_a, **_k):
        raise RuntimeError("twarc is not installed")
    t = types.ModuleType("twarc")
    t.ensure_flattened = _refuse
    c = types.ModuleType("twarc.client2")
    c.Twarc2 = _refuse
    sys.modules["twarc"] = t
    sys.modules["twarc.client2"] = c

sys.path.insert(0, os.environ["QUT_TOOLKIT_DIR"])
sys.argv = ["compute_networks"] + sys.argv[1:]
runpy.run_module("coordination_network_toolkit", run_name="__main__")
