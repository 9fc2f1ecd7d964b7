"""Business documents as PDF: the contact directory, a contact's dossier, the activity and pipeline reports.

They are drawn line by line on a reportlab canvas (text.py, flow.py) rather than through platypus: a
100,000-contact directory must take seconds, not minutes, and must not hold its contacts in memory.
"""
