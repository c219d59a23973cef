"""Search over notes and articles: one query language (`query`), one index (`index`)."""
