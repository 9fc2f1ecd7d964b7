"""The Reports menu and the background running of big documents (progress, Cancel)."""
