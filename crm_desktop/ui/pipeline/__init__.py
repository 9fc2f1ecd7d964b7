"""The deal pipeline: the board, the deal list, the forecast and the deal dialog."""
