"""Where files live: the `FileStore` interface and the data folder; Supabase Storage is in `igym.hosted`."""
