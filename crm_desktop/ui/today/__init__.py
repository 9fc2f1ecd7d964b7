"""The Today page: the start page with what is overdue, due, coming, birthdays and customers going cold."""
