"""The Trash: deleted cards, restorable until purged."""
