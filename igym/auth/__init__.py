"""Who the user is: the `AuthBackend` interface and local accounts; Supabase Auth is in `igym.hosted`."""
