"""What stmtdiff knows about languages and scripts, kept apart from the pipeline stages.

Every module here is plain data and functions that import nothing else from stmtdiff, so any
stage (and the renderers) can use them:

* ``scripts``: character classes of the scripts written without spaces between words (Chinese,
  Japanese), and a document's writing direction;
* ``detect``: which language a document is in, from its text;
* ``numbers``: the value of a number written in any script (Arabic-Indic, full-width, Chinese);
* ``wordlists``: function, negation and modality words per language, from the data files in
  ``stmtdiff/data/languages/`` (each file names its source).
"""
