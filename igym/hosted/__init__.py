"""The hosted backends on Supabase: the shared client factory (`client`), Supabase Auth and Supabase Storage."""
