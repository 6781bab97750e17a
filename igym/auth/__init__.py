"""Who the user is: local accounts (embedded default) and, later, Supabase Auth, behind one interface."""
