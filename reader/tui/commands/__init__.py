"""Command palette providers and the app-wide commands behind keys: keymap, export, opening links."""
