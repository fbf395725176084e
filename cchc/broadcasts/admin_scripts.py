"""Scripts, the reading dictionary: admin screens."""
