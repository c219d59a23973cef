"""One screen per file: the library list and the article reader."""
