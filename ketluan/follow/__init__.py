"""Following the tasks after publication: the reports the agencies send back.

`returned` reads a returned report sheet (.csv or .xlsx) into checked rows, every problem
named by its row; `merge` puts the new reports into the data file's text; `intake` is
`ketluan reports import` as one library call (`import_reports`).
"""
