"""The Textual app: screens and widgets over `reader.core`; nothing here parses or stores."""
