"""Follow-up reminders: the alarm engine, the reminder window and the system tray icon."""
