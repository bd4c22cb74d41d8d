"""What a build writes besides the pages, while MkDocs renders them and at its end.

`search` reshapes the search index (a result per task, page weights); `pdf` and
`printing` print agency pages to A4 PDF as they are written; `extras` runs, in a
process of its own, the report sheets (`blank_sheets`) and the exports (`exports`, its
JSON and schema from `tasks_json`).
"""
