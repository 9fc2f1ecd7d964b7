"""Mailing labels in the app: the Labels dialog, its sheet preview and printing."""
