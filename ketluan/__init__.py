"""ketluan: a provincial Party conclusion (Kết luận) as a versioned MkDocs site.

Why two packages: `ketluan` (this one) is the application, installed under its own
name; the project's `macros/` is only the module mkdocs-macros loads from beside
mkdocs.yml (`module_name: macros`), which hands its `define_env` to the ketluan MkDocs
plugin. Nothing named `macros` is installed.

The stages, in the order the data flows; each imports only from the stages before it
(`import-linter` enforces it, see `[tool.importlinter]` in pyproject.toml):

- `problems`   what is wrong with the data, where (file, line, column, field)
- `children`   child processes: ended with ketluan, held to time and memory ceilings
- `caches`     the user's private cache folders (compiled templates, quarters read)
- `model/`     the validated records and codes, identifiers (`QuarterKey`, `TaskRef`),
               the quarter calendar, the outline walk and the lead-inheritance rule
- `text/`      Vietnamese text: folding, collation, hidden characters, deadline phrases,
               numbers, document symbols, agency mentions, suggestions for typos
- `check/`     the semantic checks on a converted dataset; what a quarter's check reads
               from outside it (`Surroundings`), noted (`Reads`)
- `load/`      file → bytes → YAML with positions → review marks taken out, derived
               codes filled in → model → checks: `load()`, quarter by quarter with each
               valid quarter kept for the next read; the JSON Schema for editors
- `index/`     one version's indexes (by agency, date, document), statuses, changes
- `render/`    the page plan, the pages (`SitePages`), Jinja templates, links, timeline;
               the Markdown extension that takes the blocks templates mark whole (stash)
- `outputs/`   what a build writes besides pages: the search index reshaped, PDFs,
               report sheets and exports
- `ingest/`    a received conclusion (.docx, .pdf, .txt), read in a child process held
               to a ceiling, into a draft data file with review marks, and its review
               page (`ketluan import`)
- `follow/`    the reports agencies send back on their sheets (`ketluan reports import`)
- `publish/`   each quarter a frozen version with mike; the local preview
- `review/`    the clerk's review of a draft in the browser, on 127.0.0.1: each mark a
               card, each answer written into the data file keeping its comments
               (`ketluan review`)
- `adapter/`   the MkDocs plugin (`KetluanPlugin`): the only code that imports MkDocs
- `cli/`       the `ketluan` command: parses, calls the operations, prints
- `fictional/` plainly fictional data ("Tỉnh Mẫu") for tests and benchmarks only

Adding a page kind:
- a page of docs/: the file `docs/<path>.md` holding `{{ <macro>() }}`, its nav entry in
  mkdocs.yml, a `FixedPage` row in `render/plan.py`, a `SitePages` method of that name
  and its template in `render/templates/` (and a `render/urls.py` constant if other
  pages link to it);
- a generated page (one per entity): a `Kind` and a line of `plan()` in
  `render/plan.py`, a `urls` function, a `SitePages` method of the kind's name and its
  template.
"""
