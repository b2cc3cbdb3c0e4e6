"""The in-app inbox of notices."""
