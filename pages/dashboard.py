import streamlit as st

from igym.ui.page_guard import require_account, stop_on_error
from igym.ui.progress_view import user_zone
from igym.ui.text import escape_markdown
from igym.ui.widgets import PAGES, empty_state, friendly_time, sessions_table

app, account = require_account()

with stop_on_error():
    app.engine.expire_inactive(user_id=account.id)  # sessions left mid-way end as "abandoned"
    profile = app.users.get_profile(user_id=account.id, browser_tz=user_zone(account.timezone))

stats = profile.stats
st.title(f"Hi {escape_markdown(account.display_name)}")
if account.target_role:
    st.caption(f"Preparing for: {escape_markdown(account.target_role)}")

# Streaks follow the local calendar day: the profile's zone, else the browser's (the profile stats use UTC
# when the profile has none, so they are recounted here with the browser's zone).
counts = app.progress.streaks(user_id=account.id, tz=user_zone(account.timezone))
total, streak, best = st.columns(3)
total.metric("Sessions", stats.total_sessions, help=f"{stats.completed_sessions} completed")
streak.metric(
    "Current streak",
    f"{counts.current} day" + ("" if counts.current == 1 else "s"),
    help=f"Days with a completed session, counted in {counts.timezone}",
)
best.metric("Longest streak", f"{counts.longest} day" + ("" if counts.longest == 1 else "s"))

if stats.last_session is None:
    empty_state(
        "Your first interview is two clicks away",
        "Pick an interview type and a difficulty, then answer out loud. A warm-up takes about ten minutes, "
        "and at the end you'll see your filler words, pauses and pace — the numbers you'll improve from here.",
        cta_label="Start your first session",
        cta_page="new_session",
    )
    st.stop()

last = stats.last_session
with st.container(border=True):
    st.subheader("Last session")
    st.write(f"{last.type_label} · {last.difficulty_label} · {last.status_label} · {friendly_time(last.created_at)}")
    if last.overall_score is not None:
        st.write(f"Overall score: **{last.overall_score:.1f} / 10**")
    if last.status == "active":
        st.page_link(PAGES["interview"], label="Resume this session", query_params={"session": str(last.id)})

st.subheader("Recent sessions")
sessions_table(stats.recent_sessions)
st.page_link(PAGES["new_session"], label="Start a new session", icon=":material/add_circle:")
