"""Repository functions: every read and write the app makes, scoped to the signed-in user.

Rules that make the scoping hard to get wrong:

* Functions are keyword-only and take the SQLAlchemy `Session` as `db`; they never commit (the caller's
  `session_scope` does), so one unit of work can span several calls.
* Anything below a user (sessions, messages, metrics, feedback, resume) is reached **only** through a
  `user_id`: the session id alone finds nothing. Another user's session id gives `None`/`False`, exactly like
  an id that does not exist, so callers cannot even learn that it exists.
* Coach reads go through `coach_can_view`, which requires a *granted* row naming the coach's account at the
  moment of the read.
"""

from igym.db.repository.answers import (
    NewMessage,
    add_message,
    delete_resume,
    get_feedback,
    get_metrics,
    get_resume,
    list_messages,
    metrics_for_sessions,
    save_feedback,
    save_metrics,
    upsert_resume,
)
from igym.db.repository.attempts import get_answer, question_of, retry_answers
from igym.db.repository.coaching import (
    accept_coach_invite,
    coach_can_view,
    grant_coach_access,
    granted_candidate,
    granted_candidates_for_coach,
    invite_coach,
    list_coach_grants,
    revoke_coach_access,
)
from igym.db.repository.progress import sessions_with_metrics
from igym.db.repository.sessions import (
    abandon_inactive_sessions,
    abandon_session,
    complete_session,
    completed_session_times,
    count_sessions_by_status,
    create_session,
    delete_session,
    get_session,
    list_sessions,
    lock_user_for_writing,
    recent_question_ids,
    session_start_times_since,
)
from igym.db.repository.sign_ins import (
    add_sign_in,
    clear_throttle,
    end_sign_in,
    end_sign_ins_of_user,
    forget_old_sign_ins,
    forget_old_throttles,
    get_throttle,
    live_sign_in,
    record_failure,
)
from igym.db.repository.users import (
    audio_keys_of_user,
    create_user,
    delete_user,
    get_user,
    get_user_by_email,
    set_role,
    update_onboarding,
)

__all__ = [
    "NewMessage",
    "abandon_inactive_sessions",
    "abandon_session",
    "accept_coach_invite",
    "add_message",
    "add_sign_in",
    "audio_keys_of_user",
    "clear_throttle",
    "coach_can_view",
    "complete_session",
    "completed_session_times",
    "count_sessions_by_status",
    "create_session",
    "create_user",
    "delete_resume",
    "delete_session",
    "delete_user",
    "end_sign_in",
    "end_sign_ins_of_user",
    "forget_old_sign_ins",
    "forget_old_throttles",
    "get_answer",
    "get_feedback",
    "get_metrics",
    "get_resume",
    "get_session",
    "get_throttle",
    "get_user",
    "get_user_by_email",
    "grant_coach_access",
    "granted_candidate",
    "granted_candidates_for_coach",
    "invite_coach",
    "list_coach_grants",
    "list_messages",
    "list_sessions",
    "live_sign_in",
    "lock_user_for_writing",
    "metrics_for_sessions",
    "question_of",
    "recent_question_ids",
    "record_failure",
    "retry_answers",
    "revoke_coach_access",
    "save_feedback",
    "save_metrics",
    "session_start_times_since",
    "sessions_with_metrics",
    "set_role",
    "update_onboarding",
    "upsert_resume",
]
