"""Indexes of one version, built once per build: tasks by agency, date, document and
quarter, with what became of each task (status) and what changed since last quarter."""
