"""Listener feedback: admin screens."""
