"""Writes with a rule on the radio, one module per area (as ``wagtail/actions/``): ``scripts``,
``schedule``, ``devices``, ``listeners``. Each goes through ``cchc.communes.actions``: check, perform in a
transaction, one audit record."""
