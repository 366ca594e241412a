"""Renderers: pure functions of a Comparison (text, json, markdown, html); they never re-diff."""
