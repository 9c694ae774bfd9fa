"""Findings → one decision per text, and the operators that change text."""
