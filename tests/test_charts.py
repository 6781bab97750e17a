"""Progress figures: readable titles, axis labels, hover text, the shaded pace band, local-time placement."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from igym.progress import columns as col
from igym.progress.service import build_progress
from igym.progress.streaks import zone
from igym.progress.training_log import COLUMNS, sessions_frame
from igym.ui.charts import WPM_BAND, progress_figures

TZ = zone("America/Los_Angeles")


def _row(at: datetime, **values: object) -> tuple[object, ...]:
    base: dict[str, object] = dict.fromkeys(COLUMNS)
    base.update(
        session_id=uuid.uuid4(),
        interview_type="behavioral",
        difficulty="standard",
        status="completed",
        created_at=at - timedelta(minutes=10),
        completed_at=at,
        duration_s=600,
        overall_score=6.0,
        clarity_score=6.5,
        structure_score=5.5,
        relevance_score=7.0,
        confidence_score=6.0,
        fillers_per_minute=4.0,
        avg_words_per_minute=128.0,
        longest_pause_ms=3200,
        hedges_per_100_words=2.5,
        pitch_sd_st=1.2,
    )
    base.update(values)
    return tuple(base[name] for name in COLUMNS)


def _data():  # type: ignore[no-untyped-def]
    start = datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    rows = [_row(start + timedelta(days=i), overall_score=4.0 + i * 0.5) for i in range(6)]
    rows.append(_row(datetime(2026, 4, 8, 6, 30, tzinfo=UTC)))  # 23:30 on 7 April in Los Angeles
    rows.append(_row(start, status="abandoned", overall_score=None, interview_type="hr_screen"))
    return build_progress(sessions_frame(rows, TZ), TZ, date(2026, 4, 10))


def test_every_figure_has_a_title_axis_labels_and_hover_text() -> None:
    figures = progress_figures(_data())
    assert len(figures) == 13
    for name, fig in figures.items():
        assert fig.layout.title.text, name
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text, name
        for trace in fig.data:
            assert trace.hovertemplate and "<extra></extra>" in trace.hovertemplate, name


def test_pace_chart_shades_the_comfortable_band() -> None:
    pace = progress_figures(_data())["pace"]
    bands = [shape for shape in pace.layout.shapes if shape.type == "rect"]
    assert [(b.y0, b.y1) for b in bands] == [WPM_BAND] == [(120.0, 150.0)]
    assert "120–150 WPM" in pace.layout.annotations[0].text


def test_score_chart_plots_local_times_and_the_rolling_average() -> None:
    data = _data()
    overall = progress_figures(data)["overall"]
    dots, average = overall.data
    assert len(dots.x) == 7  # the abandoned session has no score
    assert str(dots.x[-1]).startswith("2026-04-07T23:30")  # local wall-clock time, not 06:30 UTC
    assert average.y[4] == round(sum([4.0, 4.5, 5.0, 5.5, 6.0]) / 5, 2)


def test_calendar_and_breakdown_count_the_right_days_and_kinds() -> None:
    figures = progress_figures(_data())
    heat = figures["calendar"].data[0]
    assert int(sum(v for row in heat.z for v in row if v == v)) == 7  # NaN (future days) excluded
    labels = [label for row in heat.customdata for label in row]
    assert "Tue 07 Apr 2026" in labels
    bars = figures["breakdown"].data
    assert {trace.name for trace in bars} == {"Standard"}
    assert sorted(bars[0].x) == ["Behavioral", "HR screen"]


def _names(columns: type) -> set[str]:
    return {value for name, value in vars(columns).items() if name.isupper() and isinstance(value, str)}


def test_every_progress_frame_has_exactly_the_columns_its_names_document() -> None:
    start = datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    log = sessions_frame([_row(start), _row(start + timedelta(days=1), status="abandoned")], TZ)
    assert set(COLUMNS) <= _names(col.SessionCol)  # the query's labels are the stored names
    assert set(log.columns) == _names(col.SessionCol) - {col.SessionCol.CREATED_AT, col.SessionCol.COMPLETED_AT}
    data = _data()
    scores = {*col.SCORE_DIMENSIONS, *(col.ScoreCol.average(name) for name in col.SCORE_DIMENSIONS)}
    assert set(data.scores.columns) == {col.ScoreCol.SESSION_ID, col.ScoreCol.AT, *scores}
    assert set(data.delivery.columns) == _names(col.DeliveryCol)
    assert set(data.weekly.columns) == _names(col.WeekCol)
    assert set(data.calendar.columns) == _names(col.CalendarCol)
    assert set(data.breakdown.columns) == _names(col.BreakdownCol)


def test_hedges_and_pitch_are_charted_per_session_with_the_monotone_line() -> None:
    start = datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    rows = [_row(start + timedelta(days=i), hedges_per_100_words=3.0 - i * 0.5, pitch_sd_st=1.0 + i * 0.4)
            for i in range(4)]
    rows.append(_row(start + timedelta(days=5), pitch_sd_st=None))  # typed answers: no pitch
    figures = progress_figures(build_progress(sessions_frame(rows, TZ), TZ, date(2026, 4, 10)))
    assert list(figures["hedges"].data[0].y) == [3.0, 2.5, 2.0, 1.5, 2.5]
    pitch = list(figures["pitch"].data[0].y)
    assert pitch[:4] == [1.0, 1.4, 1.8, 2.2] and pitch[4] != pitch[4]  # NaN: a gap, not a zero
    assert [shape.y0 for shape in figures["pitch"].layout.shapes] == [1.5]


def test_repeats_pace_windows_and_inclusive_terms_are_charted_per_session() -> None:
    start = datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    rows = [
        _row(start + timedelta(days=i), repeated_phrases=6 - i, questions_answered=4, inclusive_terms=i % 2,
             pace_spread_wpm=50.0 - 10 * i, fastest_window_wpm=170.0 - 5 * i)
        for i in range(3)
    ]
    rows.append(_row(start + timedelta(days=4), questions_answered=4))  # stored before the measures existed
    figures = progress_figures(build_progress(sessions_frame(rows, TZ), TZ, date(2026, 4, 10)))
    repeats = list(figures["repeats"].data[0].y)
    assert repeats[:3] == [1.5, 1.25, 1.0] and repeats[3] != repeats[3]  # per answer; NaN is a gap
    fastest, spread = figures["pace_windows"].data
    assert (fastest.name, spread.name) == ("Fastest window", "Spread (fastest − slowest)")
    assert list(fastest.y)[:3] == [170.0, 165.0, 160.0] and list(spread.y)[:3] == [50.0, 40.0, 30.0]
    assert figures["inclusive"].data[0].type == "bar" and list(figures["inclusive"].data[0].y)[:3] == [0, 1, 0]


def test_measures_no_session_has_show_what_would_bring_them_not_an_empty_grid() -> None:
    start = datetime(2026, 4, 1, 18, 0, tzinfo=UTC)
    typed = [_row(start + timedelta(days=i), pitch_sd_st=None) for i in range(3)]  # no audio, older rows
    figures = progress_figures(build_progress(sessions_frame(typed, TZ), TZ, date(2026, 4, 10)))
    for name, words in (("pitch", "recorded answers"), ("pace_windows", "recorded answers"),
                        ("repeats", "No session"), ("inclusive", "No session")):
        fig = figures[name]
        assert not fig.data and words in fig.layout.annotations[0].text, name
        assert fig.layout.title.text and fig.layout.yaxis.title.text, name
    assert not figures["pitch"].layout.shapes  # no monotone line over an empty chart
    assert figures["hedges"].data  # hedges are counted in typed answers too
