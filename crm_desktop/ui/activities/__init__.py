"""The activity log in the GUI: log and schedule dialogs, the contact's timeline, the Activities section."""
