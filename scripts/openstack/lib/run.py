#!/usr/bin/python3
"""run.py MODULE:FUNCTION PROGNAME [ARGS...]: call an OpenStack console entry point.

Debian ships the library packages (python3-nova, ...) without the service packages that
install /usr/bin/nova-conductor and friends, so we call the entry points directly, with
sys.argv[0] set to the program name oslo.config and the logs expect.
"""
import importlib
import sys

target, prog = sys.argv[1], sys.argv[2]
module, function = target.split(":")
sys.argv = [prog] + sys.argv[3:]
sys.exit(getattr(importlib.import_module(module), function)())
