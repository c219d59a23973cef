"""Everything that is not a screen. Nothing under here imports textual."""
