"""timeline: news articles in, a browsable timeline site out."""
