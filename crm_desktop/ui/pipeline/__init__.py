"""The Pipeline section: the kanban board of deals (and, beside it, the list and the forecast)."""
