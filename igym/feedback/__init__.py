"""Session feedback: the offline rubric, the LLM path with grounded quotes, and the service pages call."""
