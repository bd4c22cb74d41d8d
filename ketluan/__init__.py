"""ketluan: a provincial Party conclusion (Kết luận) as a versioned MkDocs site.

The stages, in the order the data flows; each imports only from the stages before it
(`import-linter` enforces it, see `[tool.importlinter]` in pyproject.toml):

- `problems`   what is wrong with the data, where (file, line, column, field)
- `model/`     the validated records and codes, the quarter calendar, the outline walk
               and the lead-inheritance rule
- `text/`      Vietnamese text: folding, collation, hidden characters, deadline phrases,
               numbers, document symbols, agency mentions
- `check/`     the semantic checks on a converted dataset
- `load/`      file → bytes → YAML with positions → review marks taken out, derived
               codes filled in → model → checks: `load()`; the JSON Schema for editors
- `index/`     one version's indexes (by agency, date, document), statuses, changes
- `render/`    the page plan, the pages (`SitePages`), Jinja templates, links, timeline
- `outputs/` after MkDocs: diacritic folding of the search index, PDFs
- `build`, `hook` (MkDocs; the only modules that import it), `publish` (mike),
  `cli` (the `ketluan` command)
- `fictional/` plainly fictional data ("Tỉnh Mẫu") for tests and benchmarks only

- `ingest/`    a received conclusion (.docx, .pdf, .txt) into a draft data file with
               review marks, and its review page (`ketluan import`)

Following up reports after publication will get `follow/`, beside `index/`.

`define_env` (mkdocs-macros) fills the pages of docs/, each one macro call; the hook
adds and fills the generated pages.

Adding a page kind:
- a page of docs/: the file `docs/<path>.md` holding `{{ <macro>() }}`, its nav entry in
  mkdocs.yml, a `FixedPage` row in `render/plan.py`, a `SitePages` method of that name
  and its template in `render/templates/` (and a `render/urls.py` constant if other
  pages link to it);
- a generated page (one per entity): a `Kind` and a line of `plan()` in
  `render/plan.py`, a `urls` function, a `SitePages` method of the kind's name and its
  template.
"""
