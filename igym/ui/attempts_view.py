"""Per-answer extras on the feedback page: the job terms it covered, Try again, and the attempts side by side.

Try again starts a one-question session on the answer's question (`SessionService.try_again`) and opens the
interview page on it. Attempts are read for the signed-in candidate only (a coach's read-only view shows the
covered terms but neither the button nor other attempts). All candidate text goes through `escape_markdown`.
"""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from igym.errors import IgymError
from igym.feedback.attempts import attempts_of, measure_rows, what_changed
from igym.feedback.service import TranscriptItem
from igym.interview.job_terms import covered_terms
from igym.interview.sessions import SessionSummary
from igym.services import AppServices
from igym.ui.text import escape_markdown
from igym.ui.widgets import PAGES, friendly_time, show_error


def render_answer_extras(
    app: AppServices, item: TranscriptItem, *, session: SessionSummary, owner: uuid.UUID | None, key: str
) -> None:
    """Covered job terms, then (for the owner) the attempts at this question and the Try again button."""
    if session.job_terms:
        covered = covered_terms(item.answer, session.job_terms)
        shown = ", ".join(escape_markdown(t) for t in covered) if covered else "none yet"
        st.caption(f"Job terms covered ({len(covered)} of {len(session.job_terms)}): {shown}")
    if owner is None or item.answer_id is None:
        return
    _attempts(app, owner, item.answer_id, job_terms=session.job_terms, key=key)
    if st.button("Try this question again", key=f"try_again_{key}", icon=":material/replay:"):
        try:
            retry = app.sessions.try_again(user_id=owner, message_id=item.answer_id)
        except IgymError as exc:
            show_error(exc)
        else:
            st.switch_page(PAGES["interview"], query_params={"session": str(retry.id)})


def _attempts(
    app: AppServices, owner: uuid.UUID, answer_id: uuid.UUID, *, job_terms: tuple[str, ...], key: str
) -> None:
    attempts = attempts_of(app.db, user_id=owner, answer_id=answer_id)
    if len(attempts) < 2:
        return
    with st.expander(f"Your {len(attempts)} attempts at this question, side by side", expanded=True):
        columns = st.columns(len(attempts))
        for column, attempt in zip(columns, attempts, strict=True):
            with column:
                st.markdown(f"**Attempt {attempt.number}** · {friendly_time(attempt.created_at)}")
                st.markdown(escape_markdown(attempt.transcript))
        rows = measure_rows(attempts, job_terms=job_terms)
        table = pd.DataFrame(
            [[r.label, *r.values, r.change or ""] for r in rows],
            columns=["Measure", *[f"Attempt {a.number}" for a in attempts], "Latest vs first"],
        )
        st.dataframe(table, hide_index=True, key=f"attempts_table_{key}")
        changed = what_changed(rows)
        st.markdown("**What changed:** " + ("; ".join(escape_markdown(c) for c in changed) if changed
                                              else "no measure moved between the first and the latest attempt."))
