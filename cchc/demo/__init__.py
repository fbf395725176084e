"""Demo data for a first look (`make run`): two communes, their officials, a plan and procedures.

It lives apart from every app because it uses them all; no app imports it.
"""
