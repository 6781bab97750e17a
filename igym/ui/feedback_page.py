"""The feedback page of one session: scores, grounded strengths and fixes, delivery numbers, the transcript.

Opened with `?session=<id>` by the candidate, or `?session=<id>&candidate=<id>` by a coach the candidate
granted access to (read-only: no rating, no regenerate; the grant is checked on every run, so a revoke ends
access at the next click). Regenerate is offered only when it can change the text (an AI writer is configured,
or the stored feedback is missing or from another version); a rating survives a rewrite that leaves the text
as it was. While an AI rewrite runs in the background the page polls its status in a fragment
and reloads once it lands; everything else on the page is already there. All candidate and model text goes
through `escape_markdown`, so it is shown as typed, never as markup or HTML.
"""

from __future__ import annotations

import uuid

import plotly.graph_objects as go
import streamlit as st

from igym.errors import AccessDenied, IgymError, NotFound
from igym.feedback.service import NO_AI_WRITER, Delivery, FeedbackView, StoredFeedback
from igym.feedback.types import DIMENSIONS, Claim
from igym.services import AppServices
from igym.ui.answer_replay import RECORDING_GONE, RECORDING_UNREACHABLE, recording_problem, render_answer_replay
from igym.ui.attempts_view import render_answer_extras
from igym.ui.delivery import render_answer_delivery, render_session_voice
from igym.ui.page_guard import require_account, way_forward
from igym.ui.sign_in import current_account
from igym.ui.text import escape_markdown, highlighted_transcript
from igym.ui.widgets import PAGES, friendly_duration, friendly_time, show_error

NOT_YOUR_FEEDBACK = "This feedback link doesn't point to one of your sessions."
RATING_LABELS = {1: "1 · not helpful", 2: "2", 3: "3 · somewhat", 4: "4", 5: "5 · very helpful"}


def render_feedback_page() -> None:
    """The whole page for ``?session=`` (and ``&candidate=`` for a coach); refuses anyone else's session."""
    app, account = require_account()
    session_id, candidate_id = _ids()
    try:
        if session_id is None:
            raise NotFound("no session id")
        if candidate_id is not None:
            view = app.feedback.view_as_coach(coach_id=account.id, candidate_id=candidate_id, session_id=session_id)
        else:
            view = app.feedback.view(user_id=account.id, session_id=session_id)
    except AccessDenied as exc:
        st.error(str(exc), icon=":material/lock:")
        st.stop()
    except (NotFound, IgymError):
        way_forward(NOT_YOUR_FEEDBACK, page=PAGES["history"], label="Open your history", icon=":material/history:")
        st.stop()

    s = view.session
    st.title("Feedback")
    st.caption(
        f"{s.type_label} · {s.difficulty_label} · {friendly_time(s.created_at)} · "
        f"{friendly_duration(s.duration_s)} · {s.status_label}"
    )
    if view.read_only:
        st.info("Read-only: you are viewing a candidate's session as their coach.", icon=":material/visibility:")

    job = app.feedback.jobs.status(s.id)
    if job.state == "running":
        _wait_for_ai(app, s.id)
    elif job.state == "failed" and job.error:
        st.warning(job.error, icon=":material/cloud_off:")

    if view.feedback is None:
        _no_feedback(app, view)
    else:
        _feedback(app, view, view.feedback, ai_running=job.state == "running")
    _delivery(app, view)
    render_session_voice(view.transcript)
    _transcript(app, view)


def _ids() -> tuple[uuid.UUID | None, uuid.UUID | None]:
    def parse(name: str) -> uuid.UUID | None:
        raw = st.query_params.get(name)
        try:
            return uuid.UUID(raw) if raw else None
        except ValueError:
            return None

    return parse("session"), parse("candidate")


@st.fragment(run_every=1.0)
def _wait_for_ai(app: AppServices, session_id: uuid.UUID) -> None:
    status = app.feedback.jobs.status(session_id)
    if status.state == "running":
        st.info("Writing your AI feedback… this usually takes a few seconds.", icon=":material/hourglass_top:")
        st.progress(0.5, text="The measured scores below are already saved; the AI's notes replace them shortly.")
    else:
        st.rerun(scope="app")


def _no_feedback(app: AppServices, view: FeedbackView) -> None:
    status = view.session.status
    if status == "active":
        st.info("This interview is still in progress: feedback is written when it is completed.")
        st.page_link(PAGES["interview"], label="Resume it", query_params={"session": str(view.session.id)})
    elif status == "abandoned":
        st.info("This session ended before the last question, so it has no scores. Everything you said is below.")
    else:
        st.info("No feedback was stored for this session; your answers are all below.")
        if not view.read_only and st.button("Write the feedback now", icon=":material/refresh:", key="regenerate"):
            _regenerate(app, view)


def _feedback(app: AppServices, view: FeedbackView, fb: StoredFeedback, *, ai_running: bool) -> None:
    st.caption(f"Shown: {escape_markdown(fb.source_label)}, written {friendly_time(fb.updated_at)}.")
    if not view.read_only and fb.prompt_version != app.feedback.current_version and not ai_running:
        st.caption(
            f"A different feedback version is now active ({escape_markdown(app.feedback.current_version)}); "
            "regenerate to see it."
        )
    if fb.scores is not None:
        st.plotly_chart(scores_figure(fb.scores.as_dict()), key="scores_chart", config={"displayModeBar": False})
    st.subheader("Summary")
    st.markdown(escape_markdown(fb.summary))
    left, right = st.columns(2)
    with left:
        st.subheader("Strengths")
        _claims(fb.strengths)
    with right:
        st.subheader("To improve")
        _claims(fb.improvements)
    st.subheader("Try this next time")
    for suggestion in fb.suggestions:
        st.markdown(f"- {escape_markdown(suggestion)}")
    if not view.read_only:
        _rate_and_regenerate(app, view, fb, ai_running=ai_running)


def _claims(claims: list[Claim]) -> None:
    for claim in claims:
        with st.container(border=True):
            st.markdown(escape_markdown(claim.point))
            where = f" (answer {claim.answer})" if claim.answer else ""
            st.caption(f"You said{where}: “{escape_markdown(claim.quote)}”")


def _rate_and_regenerate(app: AppServices, view: FeedbackView, fb: StoredFeedback, *, ai_running: bool) -> None:
    st.divider()
    rate, regen = st.columns([3, 2])
    with rate, st.form("rating_form", border=False):
        choice = st.radio(
            "How helpful was this feedback?",
            list(RATING_LABELS),
            index=(fb.rating - 1) if fb.rating else None,
            format_func=lambda n: RATING_LABELS[n],
            horizontal=True,
            key=f"helpfulness_{fb.updated_at.timestamp()}",  # a regenerated text starts unrated
        )
        if st.form_submit_button("Save rating"):
            if choice is None:
                st.warning("Pick a rating from 1 to 5 first.")
            else:
                try:
                    app.feedback.rate(user_id=view_owner(view), session_id=view.session.id, rating=int(choice))
                except IgymError as exc:
                    show_error(exc)
                else:
                    st.success("Thanks — your rating is saved.")
    with regen:
        if not app.feedback.can_regenerate(fb):
            st.caption(NO_AI_WRITER)
            return
        st.caption("Regenerate writes the feedback again with the current version; your rating is kept only if "
                   "the text comes out the same.")
        if st.button("Regenerate feedback", icon=":material/refresh:", disabled=ai_running, key="regenerate"):
            _regenerate(app, view)


def _regenerate(app: AppServices, view: FeedbackView) -> None:
    try:
        app.feedback.regenerate(user_id=view_owner(view), session_id=view.session.id)
    except IgymError as exc:
        show_error(exc)
    else:
        st.rerun()


def view_owner(view: FeedbackView) -> uuid.UUID:
    """The signed-in candidate (only owners get the rating and regenerate controls)."""
    account = current_account()
    assert account is not None and not view.read_only
    return account.id


def scores_figure(scores: dict[str, float]) -> go.Figure:
    names = [d for d in DIMENSIONS if d in scores]
    values = [scores[d] for d in names]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=[n.capitalize() for n in names],
            orientation="h",
            text=[f"{v:.1f}" for v in values],
            textposition="outside",
            marker_color=["#4c78a8" if n != "overall" else "#f58518" for n in names],
            hovertemplate="%{y}: %{x:.1f} / 10<extra></extra>",
        )
    )
    figure.update_layout(
        title="Scores (1–10)",
        xaxis={"range": [0, 10.9], "title": "Score", "dtick": 1},
        yaxis={"autorange": "reversed", "title": None},
        height=300,
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
    )
    return figure


def _delivery(app: AppServices, view: FeedbackView) -> None:
    if view.delivery is None:
        return
    st.subheader("Delivery")
    now, before = view.delivery, view.previous
    cols = st.columns(4)
    _metric(cols[0], "Fillers per minute", now.fillers_per_minute, before, "fillers_per_minute", "{:.1f}", True)
    _metric(cols[1], "Words per minute", now.words_per_minute, before, "words_per_minute", "{:.0f}", None)
    pause_label = f"Pauses ({app.settings.pause_min_s:g} s or more)"
    _metric(cols[2], pause_label, now.pauses, before, "pauses", "{:.0f}", True)
    _metric(cols[3], "Longest pause (s)", _seconds(now.longest_pause_ms), before, "longest_pause_ms", "{:.1f}", True)
    if before is None:
        st.caption("Your previous average appears here after your next completed session.")
    else:
        st.caption(
            f"Arrows compare with your average over {view.previous_sessions} earlier session"
            f"{'s' if view.previous_sessions != 1 else ''}. Aim for under 2 fillers a minute and 120–150 words "
            "a minute."
        )


def _seconds(ms: float | None) -> float | None:
    return ms / 1000 if ms is not None else None


def _metric(
    col: st.delta_generator.DeltaGenerator,
    label: str,
    value: float | None,
    before: Delivery | None,
    field: str,
    fmt: str,
    lower_is_better: bool | None,
) -> None:
    previous = getattr(before, field) if before is not None else None
    if field == "longest_pause_ms":
        previous = _seconds(previous)
    delta = None
    if value is not None and previous is not None:
        delta = f"{value - previous:+.1f} vs your average ({fmt.format(previous)})"
    col.metric(
        label,
        fmt.format(value) if value is not None else "—",
        delta=delta,
        delta_color="off" if lower_is_better is None else ("inverse" if lower_is_better else "normal"),
    )


def _transcript(app: AppServices, view: FeedbackView) -> None:
    items, session = view.transcript, view.session
    account = current_account()
    owner = account.id if account is not None and not view.read_only else None
    st.subheader("Transcript")
    if not items:
        st.caption("No answers were recorded in this session.")
        return
    pause_min_s = app.settings.pause_min_s
    st.caption(
        f"Filler words are highlighted; pauses of {pause_min_s:g} seconds or more (the ones Delivery counts) are "
        "marked where they happened, when the recording kept its word timings."
    )
    for index, item in enumerate(items):
        label = "Follow-up" if item.kind == "follow_up" else "Question"
        with st.container(border=True):
            st.markdown(f"**{label} {item.number}.** {escape_markdown(item.question)}")
            st.markdown(highlighted_transcript(item.answer, item.metrics, min_pause_s=pause_min_s))
            m = item.metrics
            if m is not None:
                facts = [f"{m.word_count} words", f"{m.filler_count} fillers"]
                if m.words_per_minute is not None:
                    facts.append(f"{m.words_per_minute:.0f} WPM")
                if m.pause_count:
                    facts.append(f"{m.pause_count} pause{'s' if m.pause_count != 1 else ''}, longest "
                                 f"{(m.longest_pause_ms or 0) / 1000:.1f} s")
                if m.unclear_speech:
                    count = len(m.unclear_speech)
                    facts.append(f"{count} stretch{'es' if count != 1 else ''} of unclear speech (no words)")
                st.caption(" · ".join(facts))
            render_answer_delivery(m)
            if item.note is not None:
                st.caption(
                    f"What worked: {escape_markdown(item.note.worked)}  \n"
                    f"What to change: {escape_markdown(item.note.change)}"
                )
            render_answer_replay(app, item, key=str(index))
            render_answer_extras(app, item, session=session, owner=owner, key=str(index))


__all__ = ["RECORDING_GONE", "RECORDING_UNREACHABLE", "recording_problem", "render_feedback_page", "scores_figure"]
