"""The Pipeline section: the board, the deal list, the forecast and the deal form (issue 4)."""
