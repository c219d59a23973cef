"""Library sync through a folder or a git remote: no server, no account.

Each library records its changes in its own journal (journal.py), sends them as its own
append-only segments (target.py), and folds in every other device's (crdt.py), applying
the result through the Library (apply.py). `engine.sync` runs one round.
"""
