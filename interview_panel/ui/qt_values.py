"""Plain ``int`` values of the few ``Qt`` namespace constants that the first screen needs.

PySide builds a class's Python enums the first time the class is touched from Python. For the ``Qt``
namespace that is 93 enums with about 1,200 members, ~21 ms on a 2-core laptop, which a bare window never
pays. Everything shown before the app is usable (the window, its navigation and the campaign list) uses
these ints where Qt's C++ takes an ``int`` (item data roles, text alignment stored as item data) and never
imports ``Qt``, nor receives a ``Qt`` enum from C++ (a Python ``headerData`` would: its orientation).
``tests/ui/test_startup_path.py`` checks each value against its enum, and that start-up leaves ``Qt`` unbuilt.
"""

from __future__ import annotations

TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole

ALIGN_RIGHT = 0x2  # Qt.AlignmentFlag.AlignRight
ALIGN_VCENTER = 0x80  # Qt.AlignmentFlag.AlignVCenter
