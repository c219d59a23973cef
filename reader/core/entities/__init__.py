"""Entities across the library: the ledger of who is mentioned, who said what, and merges."""
