"""The Prompt Lab: saved prompt versions, evaluation of versions over saved transcripts, the admin-only rule.

- `store`: PromptCatalog, packaged and saved versions; drafts saved as the next version, never overwritten.
- `access`: who may use the lab (admins) and how a role is assigned (command line only).
- `transcripts`: saved transcripts to evaluate on, recent completed sessions or a fixtures JSON file.
- `evaluate`: run prompt versions over transcripts and compare them (a typed report, no Streamlit).
- `service`: PromptLabService, all of the above behind one admin check, for the page.
"""
