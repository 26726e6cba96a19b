"""The mailbox API: what integrators do with a mailbox, on top of the EMail agent.

So far the parts that need no agent: attachment names made safe and attachments saved under
them (:func:`safe_filename`, :func:`save_attachment`).
"""

from __future__ import annotations

from ._files import safe_filename, save_attachment

__all__ = ["safe_filename", "save_attachment"]
