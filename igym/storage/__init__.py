"""Where files live: the data folder (embedded default) or Supabase Storage, behind one interface."""
