"""Importing a received conclusion (Word, PDF or text) into a draft data file.

The first stage of the data's life, before `macros.load`: it reads what the Office
receives and proposes YAML for a person to review. So far:

- `word` reads a .docx into paragraphs, Word's automatic numbering resolved to the text
  Word shows (`numbering`), with its footnotes;
- `plain` reads a UTF-8 text export into the same paragraphs (footnotes out of the
  flow, page-break cuts joined);
- `structure` turns paragraphs into heading, preamble, review, sections and tasks with
  the data's outline ids, recipients and signer;
- `roles` reads what a paragraph says: agencies in their roles, deadlines, citations;
  `agreement` measures it against curated data.

Still to come (issue #13): PDF, the header table, targets, figures, new agencies and
documents, review marks, the YAML draft, `ketluan import` and its review page.
"""
