"""The pages of the network register (public)."""
