"""The Prompt Lab page: compare two versions of a prompt on saved transcripts, and save drafts as new versions.

Admins only. The frame shows the navigation entry to admins alone, but a URL reaches the page for anyone
signed in, so the page asks the service first and refuses everyone else with a clear message and `st.stop()`;
every service call checks again. Candidate answers never appear here: transcripts are listed by date, type
and difficulty only. Prompt text and changelogs are shown in a text area, tables and `st.text`, never as
markdown or HTML. The last report stays in this browser session's state until the next run or sign-out.
"""

from __future__ import annotations

import uuid

import streamlit as st

from igym.errors import AccessDenied, IgymError
from igym.prompt_lab.evaluate import NOT_EVALUATED, RUBRIC, EvaluationReport, default_pair
from igym.prompt_lab.report import headings, run_summary, version_rows
from igym.prompt_lab.store import VersionInfo
from igym.prompts import PROMPT_SPECS
from igym.services import AppServices
from igym.ui.page_guard import require_account
from igym.ui.prompt_lab_charts import latency_figure, quality_figure, scores_figure
from igym.ui.text import escape_markdown
from igym.ui.widgets import friendly_time, show_error

_REPORT = "igym_page_lab_report"
_SAVED = "igym_page_lab_saved"
SOURCES = {"recent": "Most recent completed sessions (all users)", "fixtures": "Sample transcripts (fixtures file)"}


def render_prompt_lab_page() -> None:
    """The whole page; anyone but an admin gets the service's refusal and the page stops."""
    app, account = require_account()
    try:
        app.prompt_lab.prompts(actor_id=account.id)
    except AccessDenied as exc:
        st.error(str(exc), icon=":material/lock:")
        st.stop()
        return
    st.title("Prompt Lab")
    st.caption(
        "Compare prompt versions on the same saved transcripts, then draft and save a new version. Saving "
        "never changes what the app uses: the active versions are settings (for example "
        "IGYM_FEEDBACK_PROMPT_VERSION=v2), read at start-up."
    )
    try:
        names = list(PROMPT_SPECS)
        name = st.selectbox(
            "Prompt", names, index=names.index("feedback"), format_func=lambda n: PROMPT_SPECS[n].title,
            key="igym_page_lab_prompt",
        )
        versions = app.prompt_lab.versions(actor_id=account.id, name=name)
        _versions_table(versions)
        if name == "feedback":
            _comparison(app, account.id, versions)
        else:
            st.info(NOT_EVALUATED.format(name=name), icon=":material/info:")
        _draft_editor(app, account.id, name, versions)
    except AccessDenied as exc:  # the role was taken away mid-visit
        st.error(str(exc), icon=":material/lock:")
        st.stop()


def _versions_table(versions: list[VersionInfo]) -> None:
    st.dataframe(
        [
            {
                "Version": v.version,
                "Active": "yes" if v.active else "",
                "Source": "shipped file" if v.source == "file" else "saved in the lab",
                "Changelog": v.changelog,
                "Saved by": v.created_by or ("—" if v.source == "file" else "deleted account"),
                "Saved at": friendly_time(v.created_at),
            }
            for v in versions
        ],
        hide_index=True,
        width="stretch",
    )


def _comparison(app: AppServices, actor_id: uuid.UUID, versions: list[VersionInfo]) -> None:
    st.subheader("Compare two versions")
    options = [RUBRIC] + [v.version for v in versions]
    has_model = app.prompt_lab.has_model
    active = next((v.version for v in versions if v.active), None)
    pick_a, pick_b = default_pair([v.version for v in versions], active=active, has_model=has_model)
    needs_key = "" if has_model else " (needs GROQ_API_KEY)"
    labels = {RUBRIC: "rubric (offline, no key needed)"} | {
        v.version: f"{v.version} · {v.changelog}{needs_key}" for v in versions
    }
    left, right = st.columns(2)
    first = left.selectbox(
        "Version A", options, index=options.index(pick_a), format_func=labels.__getitem__, key="igym_page_lab_a"
    )
    second = right.selectbox(
        "Version B", options, index=options.index(pick_b), format_func=labels.__getitem__, key="igym_page_lab_b"
    )
    source = st.radio("Transcripts", list(SOURCES), format_func=SOURCES.__getitem__, key="igym_page_lab_source")
    count = st.number_input(
        "How many transcripts", min_value=1, max_value=app.prompt_lab.max_transcripts, value=6, step=1,
        key="igym_page_lab_count",
    )
    if not has_model:
        st.info("No AI model is configured (GROQ_API_KEY), so only the rubric can run here.", icon=":material/info:")
    if st.button("Run comparison", type="primary", icon=":material/play_arrow:", key="igym_page_lab_run"):
        _run(app, actor_id, [first, second], source, int(count))
    report = st.session_state.get(_REPORT)
    if isinstance(report, EvaluationReport) and report.prompt == "feedback":
        _report(report)


def _run(app: AppServices, actor_id: uuid.UUID, versions: list[str], source: str, count: int) -> None:
    try:
        transcripts = app.prompt_lab.transcripts(actor_id=actor_id, source=source, limit=count)
        with st.status(f"Running {len(versions)} versions on {len(transcripts)} transcripts…", expanded=True) as box:
            bar = st.progress(0.0, text="Starting…")

            def progress(done: int, total: int, what: str) -> None:
                bar.progress(done / total, text=escape_markdown(f"{done} of {total}: {what}"))

            report = app.prompt_lab.evaluate(
                actor_id=actor_id, prompt="feedback", versions=versions, transcripts=transcripts,
                source=SOURCES[source], on_progress=progress,
            )
            box.update(label=f"Done: {len(report.rows)} transcripts", state="complete", expanded=False)
    except AccessDenied:
        raise
    except IgymError as exc:
        show_error(exc)
        return
    st.session_state[_REPORT] = report


def _report(report: EvaluationReport) -> None:
    st.subheader("Results")
    st.caption(
        escape_markdown(f"{len(report.rows)} transcripts · {report.source}")
        + (f" · model {escape_markdown(report.model)}" if report.model else "")
    )
    heads = headings(report)
    per_version = [version_rows(v) for v in report.versions]
    table = [
        {"Measure": measure, **{head: rows[i][1] for head, rows in zip(heads, per_version, strict=True)}}
        for i, (measure, _) in enumerate(per_version[0])
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    st.plotly_chart(scores_figure(report), key="igym_page_lab_scores", config={"displayModeBar": False})
    left, right = st.columns(2)
    with left:
        st.plotly_chart(quality_figure(report), key="igym_page_lab_quality", config={"displayModeBar": False})
    with right:
        st.plotly_chart(latency_figure(report), key="igym_page_lab_latency", config={"displayModeBar": False})
    st.markdown("**Per transcript** — overall · clarity/structure/relevance/confidence (status)")
    st.dataframe(
        [
            {"Transcript": row.label, **{h: run_summary(r) for h, r in zip(heads, row.results, strict=True)}}
            for row in report.rows
        ],
        hide_index=True,
        width="stretch",
    )


def _draft_editor(app: AppServices, actor_id: uuid.UUID, name: str, versions: list[VersionInfo]) -> None:
    st.subheader("Draft a new version")
    saved = st.session_state.pop(_SAVED, None)
    if saved:
        st.success(saved, icon=":material/check_circle:")
    spec = PROMPT_SPECS[name]
    base = st.selectbox(
        "Start from", [v.version for v in versions], index=len(versions) - 1, key=f"igym_page_lab_base_{name}"
    )
    prompt = app.prompt_lab.prompt(actor_id=actor_id, name=name, version=base)
    if spec.formatted:
        needed = ", ".join("{" + field + "}" for field in spec.placeholders)
        st.caption(f"Keep the placeholders the app fills: {escape_markdown(needed)}. Write a literal brace as {{{{.")
    text = st.text_area(
        "Prompt text", value=prompt.text, height=360, max_chars=app.prompts.max_chars,
        key=f"igym_page_lab_text_{name}_{base}",
    )
    changelog = st.text_input("Changelog (one line)", max_chars=200, key=f"igym_page_lab_changelog_{name}")
    if st.button("Save as new version", icon=":material/save:", key="igym_page_lab_save"):
        try:
            info = app.prompt_lab.save_draft(actor_id=actor_id, name=name, text=text, changelog=changelog)
        except AccessDenied:
            raise
        except IgymError as exc:
            show_error(exc)
            return
        st.session_state[_SAVED] = (
            f"Saved {info.label} by {info.created_by or 'you'} at {friendly_time(info.created_at)}."
        )
        st.rerun()
