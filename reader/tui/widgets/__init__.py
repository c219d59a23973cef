"""Widgets the screens are built from; they talk to screens through typed Messages."""
