"""Prints the AT-SPI tree of the running applications: role, name, description, the ARIA
grid attributes (row/column index and count, sort) and the selected/focused/checked states.
Run on the app's display, on the D-Bus session it was started in."""
import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

KEYS = ("rowindex", "colindex", "rowcount", "colcount", "sort")
STATES = (
    (Atspi.StateType.SELECTED, "selected"),
    (Atspi.StateType.FOCUSED, "focused"),
    (Atspi.StateType.CHECKED, "checked"),
)


def line(node, depth):
    attributes = node.get_attributes() or {}
    states = node.get_state_set()
    extra = [f"{k}={attributes[k]}" for k in KEYS if k in attributes]
    extra += [label for state, label in STATES if states.contains(state)]
    description = node.get_description()
    return (
        "  " * depth
        + f"[{node.get_role_name()}] {node.get_name()!r}"
        + (f" desc={description!r}" if description else "")
        + "".join(f" {e}" for e in extra)
    )


def walk(node, depth=0):
    try:
        print(line(node, depth))
        children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except gi.repository.GLib.Error:
        return  # gone while we read it
    for child in children:
        if child is not None:
            walk(child, depth + 1)


walk(Atspi.get_desktop(0))
