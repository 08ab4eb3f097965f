#!/usr/bin/python3
"""A GTK 3 window that offers files as text/uri-list to a real X drag.

Usage: drag_source.py [--geometry X,Y,W,H] [--timeout SECONDS] PATH...

Prints `READY <x> <y> <w> <h> <xid>` once the window is on screen; `ACCEPTED` once a drop
target has agreed to take the drag (release the button only then: on release GTK drops nothing
on a target that has not answered yet); then `DONE ok` after an accepted drop, or
`DONE <reason>` (no-target, user-cancelled, timeout-expired, ...) after a failed one, and exits.
Exits 2 with `DONE timeout` if no drag has ended within the timeout.
No window manager runs under Xvfb, so the window sits exactly where it asks to be.
"""
import argparse
import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("GdkX11", "3.0")
from gi.repository import GdkX11, GLib, Gdk, Gtk  # noqa: E402  (GdkX11 makes get_xid available)

parser = argparse.ArgumentParser()
parser.add_argument("--geometry", default="0,704,96,96", help="X,Y,W,H on the root window")
parser.add_argument("--timeout", type=float, default=30.0)
parser.add_argument("paths", nargs="+")
args = parser.parse_args()
x, y, w, h = (int(v) for v in args.geometry.split(","))
# filename_to_uri percent-encodes spaces, '#', '%', non-ASCII bytes and so on.
uris = [GLib.filename_to_uri(os.path.abspath(p), None) for p in args.paths]
failure = None


def say(line):
    print(line, flush=True)


def on_map(window, _event):
    # Sync so the window is really mapped server-side before the driver moves the pointer.
    Gdk.Display.get_default().sync()
    gdk_window = window.get_window()
    _, ox, oy = gdk_window.get_origin()
    say(f"READY {ox} {oy} {gdk_window.get_width()} {gdk_window.get_height()} {gdk_window.get_xid()}")
    return False


def on_begin(_window, context):
    def poll():
        if context.get_selected_action():
            say("ACCEPTED")
            return False
        return True

    GLib.timeout_add(10, poll)


def on_failed(_window, _context, result):
    global failure
    failure = result.value_nick
    return True  # skip GTK's slow "snap back" animation


def on_end(_window, _context):
    say(f"DONE {failure or 'ok'}")
    Gtk.main_quit()


def on_timeout():
    say("DONE timeout")
    sys.exit(2)


window = Gtk.Window(title="certdeck-drag-source")
window.set_decorated(False)
window.set_default_size(w, h)
window.move(x, y)
window.add(Gtk.Label(label=f"{len(uris)} file(s)"))
# The whole window is the drag handle.
window.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
window.drag_source_add_uri_targets()
window.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris(uris))
window.connect("drag-begin", on_begin)
window.connect("drag-failed", on_failed)
window.connect("drag-end", on_end)
window.connect("map-event", on_map)
window.connect("destroy", Gtk.main_quit)
GLib.timeout_add(int(args.timeout * 1000), on_timeout)
window.show_all()
Gtk.main()
