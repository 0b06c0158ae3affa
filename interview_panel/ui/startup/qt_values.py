"""Plain ``int`` values of the few ``Qt`` namespace constants that the first screen needs.

Used where Qt's C++ takes an ``int`` (item data roles, text alignment stored as item data), so the first
window never builds the ``Qt`` namespace (see the package docstring). ``tests/ui/test_startup_path.py``
checks each value against its enum.
"""

from __future__ import annotations

TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole

ALIGN_RIGHT = 0x2  # Qt.AlignmentFlag.AlignRight
ALIGN_VCENTER = 0x80  # Qt.AlignmentFlag.AlignVCenter
