"""`reader sync`: exchange changes with the user's other libraries through a folder or git."""

from __future__ import annotations

import argparse

from reader.cli.output import FAILED, OK, say, warn
from reader.core.store import Library



def sync(library: Library, args: argparse.Namespace) -> int:
    from reader.core.sync.engine import remember, status
    from reader.core.sync.engine import sync as sync_round
    from reader.core.sync.target import TargetError

    try:
        if args.status:
            return _status(status(library), library)
        if args.auto:
            from reader.core.sync.engine import set_auto

            set_auto(library, args.auto == "on")
            say(f"Background sync in the app: {args.auto}" + ("" if status(library).target or args.auto == "off"
                                                              else " (once a target is set: `reader sync TARGET`)"))
            return OK
        if args.set_target:
            if args.target:
                warn("give --set TARGET or TARGET, not both")
                return 2
            say(f"Sync target: {remember(library, args.set_target)}")
            return OK
        report = sync_round(library, args.target)
    except TargetError as error:
        warn(f"{error}")
        return FAILED
    except BrokenPipeError:  # the output's reader left (`| head`): not the target's fault
        raise
    except OSError as error:
        warn(f"{getattr(error, 'filename', None) or 'the target'}: {error.strerror or error}; "
             "nothing was lost, run it again")
        return FAILED
    for line in report.warnings:
        warn(line)
    say(f"Synced with {report.target}: {report.summary()}")
    return OK


def _status(found: object, library: Library) -> int:
    from reader.core.sync.engine import Status
    from reader.core.sync.paths import SyncPaths

    assert isinstance(found, Status)
    say(f"target:    {found.target or 'none (`reader sync TARGET` sets one)'}")
    say(f"device:    {found.device or 'none yet (made at the first sync)'}")
    say(f"last sync: {found.last_sync or 'never'}" + (f" ({found.last_result})" if found.last_result else ""))
    say(f"to send:   {found.pending} change{'' if found.pending == 1 else 's'}")
    say(f"in the app: {'syncs in the background' if found.auto else 'no background sync (`reader sync --auto on`)'}")
    for line in found.warnings:
        say(f"skipped:   {line}")
    if (kept_aside := SyncPaths(library.home).conflicts).exists():
        say(f"edited on two devices: the note edits a merge did not keep are in {kept_aside}")
    return OK
