"""Which question a live recording answers: the user, the interview session and the turn, as one value.

A recording made for one question must never be saved as the answer to another (a reload, a sign-out, a
second tab, or the next question arriving while a late fragment run still holds the old recording). The
page therefore tags every `LiveRecording` with the `TurnKey` of the question on screen and submits only a
recording whose key equals it. The key is a frozen value object: compared by fields, hashable, and safe to
read from any thread (the WebRTC frame thread only ever holds a reference to it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TurnKey:
    """One question of one interview session of one user.

    Attributes:
        user_id: The signed-in candidate the recording belongs to.
        session_id: The interview session the question is part of.
        turn_index: How many turns the conversation held when the question was asked; every answer adds
            to it, so each question on screen has its own key.
    """

    user_id: uuid.UUID
    session_id: uuid.UUID
    turn_index: int

    @property
    def slug(self) -> str:
        """The key as text for Streamlit widget keys: ``<user>/<session>/<turn>``, unique per question."""
        return f"{self.user_id}/{self.session_id}/{self.turn_index}"
