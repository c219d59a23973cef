"""What the app holds for every screen: background builds (search index, entity ledger), feed refresh, themes, the caret."""
