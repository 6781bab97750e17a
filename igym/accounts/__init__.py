"""People and their relations: user profiles and onboarding (`users`), coaches reviewing a candidate (`coaching`)."""
