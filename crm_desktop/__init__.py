"""crm-desktop: a desktop contact manager and CRM over one local SQLite file."""

__version__ = "0.1.0"
APP_NAME = "crm-desktop"
