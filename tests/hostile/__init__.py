"""Shared pieces of the hostile-input tests (issue 9): the TIMEX3 value check and the corpus."""
