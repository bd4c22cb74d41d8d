"""`ketluan review`: the clerk reviews a draft in the browser and never edits YAML.

After `ketluan import`, a draft carries review marks (`needs_review`): what the importer
inferred. In the order a request goes through:

- `serve` listens on 127.0.0.1 only (uvicorn) and `app` (Starlette) answers: the page,
  the clerk's changes, undo; writes need the session's token and this server's origin;
- `session` reads the data file at every request, refuses a change made from a page
  older than the file (two tabs), writes each change whole and only when the checker
  accepts the changed file, and keeps what undo puts back;
- `cards` turns each mark into a question with the importer's proposal and reason;
  `changes` turns each answer into an edit of the file's tree, which `yamltree` writes
  back with its comments and layout;
- `page` renders the paragraphs, what the draft reads of each, and the cards beside
  them (templates, static script and style in this package).
"""
