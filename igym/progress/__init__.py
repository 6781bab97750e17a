"""Progress over sessions: the progress service and its documented frame columns, streaks, and CSV export."""
