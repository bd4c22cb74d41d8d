"""The MkDocs adapter: the only code that imports MkDocs.

`plugin` is the one MkDocs plugin (`KetluanPlugin`, registered under the
`mkdocs.plugins` entry point `ketluan`), `config` its typed options, `site` what a build
needs from them (the checked data's index, the pages, whether PDFs print). Everything
else of ketluan is plain Python that another static-site engine could call: a move away
from MkDocs replaces this subpackage, the project's `macros/` module and mkdocs.yml.
"""
