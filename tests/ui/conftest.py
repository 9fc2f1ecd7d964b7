"""Qt tests run offscreen (tests/conftest.py); pytest-qt fails any test that logs a Qt warning
(qt_log_level_fail in pyproject.toml)."""
