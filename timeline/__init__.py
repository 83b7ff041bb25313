"""timeline: news articles in, a browsable timeline site out.

``timeline.tag(text, dct)`` is the temporal tagger's Python API: every temporal expression in
``text`` with its offsets, TIMEX3 type and value, calendar span, and how it was resolved.
"""

from timeline.temporal import tag

__all__ = ["tag"]
