"""Planning: job-creation estimates, the territorial priority index and investment scenarios.

Domain logic over the project bank and the territorial base; ``python -m planning``
is its command line. Pages in ``pages/`` call these modules and hold no SQL.
"""
