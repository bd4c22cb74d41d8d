"""Importing a received conclusion (Word, PDF or text) into a draft data file.

The first stage of the data's life, before `ketluan.load`: it reads what the Office
receives and proposes YAML for a person to review. In the order the draft is made:

- `source` picks the reader by the file's kind and refuses text in a legacy font
  encoding (`encoding`): `word` (.docx, Word's automatic numbering resolved by
  `numbering`, footnotes, the header table), `pdf` (a text layer: raised markers,
  footnote blocks, running headers, header and signature tables; a scan is read by
  `ocr`, Tesseract), `plain` (a UTF-8 text export, blocks or a paragraph per line);
  `normalise` then makes every reader's paragraphs plain (invisible characters, typed
  numbers as labels, rule lines dropped);
- `structure` turns paragraphs into heading, preamble, review, sections and tasks with
  the data's outline ids, recipients and signer, and proves its coverage;
- what each paragraph says: `roles` (agencies in their roles, deadlines), `agencies`
  (agencies the registry lacks, proposed), `citations` (matched or proposed
  documents), `quantities` (targets, recurring duties, figures, limitations),
  `deadlines` (a deadline's aim and report flags), `artefacts` (conversion leftovers
  proposed as corrections);
- `draft` assembles the quarter, leaving a review mark (`marks`) on what was inferred
  and a marked stand-in for what the file does not give, and proposes which earlier
  open tasks the new ones carry on (`carry_over`);
  `datafile` puts it into the data file's text; `review_page` writes the HTML page the
  Office reviews it on;
- `intake` is `ketluan import` as one library call (`import_quarter`); it reads the
  file through `isolated`, in a child process ended at a time and memory ceiling.

Every reader gives one intermediate, `document.SourceDocument`, whatever the format.
"""
