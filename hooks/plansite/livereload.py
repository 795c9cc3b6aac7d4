"""Under `mkdocs serve`: the generated pages written into docs/ during a build must not start another build, and
changes are noticed by file events rather than by polling.

MkDocs' live-reload server rebuilds whenever a file under docs/ changes, the generator's own pages included, so each
edit built the site twice and the browser reloaded during the second build. The watch on docs/ is replaced by one
that ignores the generator's files. This uses the server's rebuild flag, which MkDocs 1.6 (pinned) does not expose
otherwise; tests/test_serve.py fails if that changes.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

import watchdog.events
import watchdog.observers


# What changes a file; a file opened and closed unwritten (the process writing the open data reads hooks/) does not.
CHANGES = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileMovedEvent,
           watchdog.events.FileDeletedEvent, watchdog.events.FileClosedEvent]


class ChangeObserver(watchdog.observers.Observer):
    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def watch_by_events(server) -> None:
    """Watch through the system's file events (inotify on Linux, FSEvents on macOS: watchdog's Observer picks the
    platform's) instead of MkDocs' polling. The polling thread walks every watched file twice a second and holds the
    interpreter while it does: at 25x scale it took about a third of the samples while a rebuild ran. The server's
    observer has not started yet; the paths it watches are moved to the new one."""
    watched = dict(server._watched_paths)
    server.observer = ChangeObserver()
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path, count in watched.items():
        server.watch(path)
        server._watched_paths[path] = count


def ignore_own_writes(server, docs_dir: str, is_generated: Callable[[str], bool]) -> None:
    """Watch docs_dir for changes except to the files for which is_generated(docs-relative path) holds."""
    docs_dir = os.path.abspath(docs_dir)
    server.unwatch(docs_dir)

    def on_any_event(event) -> None:
        if event.is_directory:
            return
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        if all(is_generated(os.path.relpath(path, docs_dir).replace(os.sep, "/")) for path in paths):
            return
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = on_any_event
    server.observer.schedule(handler, docs_dir, recursive=True)


class DirtyBuildNotice(logging.Filter):
    """scripts/serve rebuilds only the pages whose Markdown changed (`mkdocs serve --dirty`). MkDocs warns about that
    at every build, which strict mode counts as a failure: the notice is shown as information instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True
