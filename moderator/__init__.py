"""Moderation Console core: store, connectors, detectors, actions, audit and CLI.

Nothing in this package imports Qt, so the same code runs in the console, the CLI,
background processes and tests.
"""

__version__ = "0.1.0"
