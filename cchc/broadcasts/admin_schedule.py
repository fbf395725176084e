"""Clusters, programmes, schedules: admin screens."""
