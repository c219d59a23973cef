"""reader: a terminal news reader you can write in."""

__version__ = "0.1.0"
