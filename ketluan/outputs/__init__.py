"""After the build: fold diacritics into the search index, print pages to PDF."""
