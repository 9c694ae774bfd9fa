"""hegui.annotate: annotation QA under Interim Measures Art. 8 and TC260-003 (rules document,
spot checks, inter-annotator agreement, void batches holding illegal content)."""
