"""Importing a received conclusion (Word, PDF or text) into a draft data file.

The first stage of the data's life, before `macros.load`: it reads what the Office
receives and proposes YAML for a person to review. So far: `word` reads a .docx into
paragraphs with Word's automatic numbering resolved to the text Word shows, and its
footnotes; the structure, the roles and the review page are still to come (issue #13).
"""
