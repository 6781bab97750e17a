"""Builds the process-wide service objects from `Settings`, once.

`AppServices` holds only things that are safe to share between every browser session in the process: the
database handle, the auth backend, the file store and the stateless services. Nothing in it holds a user's
token. The UI caches one instance in `st.cache_resource`; tests and the CLI build their own.

Only this module knows which backends exist: the auth backend and the file store are chosen here (Supabase
when it is configured, local otherwise) and handed out as their interfaces (`AuthBackend`, `FileStore`),
whose capability flags tell the UI which flows there are.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from igym.accounts.coaching import CoachService
from igym.accounts.users import UserService
from igym.auth.base import AuthBackend
from igym.auth.local import LocalAuth
from igym.auth.passwords import PasswordHashing
from igym.auth.sign_ins import SignIns
from igym.auth.throttle import SignInThrottle, ThrottleRules
from igym.auth.tokens import TokenSigner
from igym.auth.validation import AccountRules
from igym.config import Settings
from igym.db import migrate
from igym.db.engine import Database
from igym.feedback.llm import LlmFeedbackWriter
from igym.feedback.service import FeedbackService
from igym.hosted.auth import SupabaseAuth
from igym.hosted.client import SupabaseConnector
from igym.hosted.storage import SupabaseFileStore
from igym.interview.engine import InterviewEngine
from igym.interview.interviewer import Interviewer
from igym.interview.question_bank import QuestionBank
from igym.interview.sessions import SessionService
from igym.interview.types import EngineLimits
from igym.progress.service import ProgressService
from igym.prompt_lab.service import PromptLabService
from igym.prompt_lab.store import PromptCatalog
from igym.prompts import PROMPT_SPECS
from igym.providers import registry
from igym.providers.base import ChatModel
from igym.providers.lazy import LazySpeaker, LazyTranscriber, notices
from igym.resumes.service import ResumeService, build_resume_service
from igym.storage.base import FileStore
from igym.storage.local import LocalFileStore
from igym.storage.spool import SpoolingFileStore


@dataclass(frozen=True)
class AppServices:
    """Every service of one process, built by `build_services`; shared by all browser sessions."""

    settings: Settings
    db: Database
    auth: AuthBackend
    tokens: TokenSigner
    sign_ins: SignIns
    files: FileStore
    users: UserService
    sessions: SessionService
    engine: InterviewEngine
    transcriber: LazyTranscriber
    speaker: LazySpeaker
    chat: ChatModel | None
    feedback: FeedbackService
    resumes: ResumeService
    progress: ProgressService
    coaching: CoachService
    prompts: PromptCatalog
    prompt_lab: PromptLabService

    def provider_notices(self) -> list[str]:
        """Notices of the providers whose circuit breaker is open right now (calls served offline for now).

        A single request's own fallback is told to its candidate through `igym.notices` instead.
        """
        return notices(self.transcriber, self.speaker, self.chat)


def signing_secret(settings: Settings) -> bytes:
    """`IGYM_SECRET_KEY`, or a random key kept in the data folder (created once, readable only by us).

    Keeping the generated key on disk means sign-in cookies survive a restart of the embedded app; a hosted
    deployment with several replicas must set `IGYM_SECRET_KEY` so they all accept the same cookies.
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    path = Path(settings.data_dir) / ".secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_urlsafe(48)
        handle.write(key)
    return key.encode()


def prompt_catalog(db: Database, settings: Settings) -> PromptCatalog:
    """Packaged and Prompt Lab versions, knowing which ones the settings make active."""
    active = {name: str(getattr(settings, spec.setting)) for name, spec in PROMPT_SPECS.items()}
    return PromptCatalog(db, active=active, max_chars=settings.prompt_max_chars)


def build_feedback_service(
    db: Database, chat: ChatModel | None, settings: Settings, prompts: PromptCatalog | None = None
) -> FeedbackService:
    """The rubric alone offline; with an LLM, the prompt version from settings (checked now, not mid-session).

    The version may be a packaged file or one saved in the Prompt Lab (`prompts` finds both).
    """
    writer = None
    if chat is not None:
        catalog = prompts or prompt_catalog(db, settings)
        writer = LlmFeedbackWriter(
            chat, prompt=catalog.get("feedback", settings.feedback_prompt_version), model_label=settings.groq.llm_model
        )
    return FeedbackService(db, writer=writer, workers=settings.feedback_workers)


def supabase_connector(settings: Settings) -> SupabaseConnector | None:
    """The Supabase client factory when SUPABASE_URL and SUPABASE_ANON_KEY are set (it holds no user identity)."""
    if not settings.uses_supabase or settings.supabase.url is None or settings.supabase.anon_key is None:
        return None
    return SupabaseConnector(
        url=settings.supabase.url,
        anon_key=settings.supabase.anon_key,
        service_role_key=settings.supabase.service_role_key,
        timeout_s=settings.supabase.timeout_s,
    )


def build_auth(settings: Settings, db: Database, connector: SupabaseConnector | None) -> AuthBackend:
    """Supabase Auth when configured, local argon2 accounts otherwise."""
    rules = AccountRules(min_password_length=settings.min_password_length, max_name_length=settings.max_name_length)
    if connector is not None:
        return SupabaseAuth(db, connector, rules=rules, redirect_url=settings.auth_redirect_url)
    return LocalAuth(
        db,
        rules=rules,
        hashing=PasswordHashing(max_concurrent=settings.password_hash_concurrency),
        throttle=SignInThrottle(
            ThrottleRules(
                free_failures=settings.sign_in_free_failures,
                base_s=settings.sign_in_delay_base_s,
                max_s=settings.sign_in_delay_max_s,
                client_failures=settings.sign_in_client_failures,
                client_window_s=settings.sign_in_client_window_s,
            )
        ),
    )


def identity_deleter(auth: AuthBackend) -> Callable[[str], None] | None:
    """What deletes an account's outside identity (a Supabase Auth user), or None: none exist, or no key to.

    Without the service-role key a Supabase identity stays when the account goes; our rows and files go.
    """
    return auth.delete_identity if auth.can_delete_identities else None


def build_services(settings: Settings, *, run_migrations: bool | None = None) -> AppServices:
    """Every service from `settings`, once per process; migrates first when `auto_migrate` (or asked) says so."""
    db = Database.from_url(settings.database_url)
    if settings.auto_migrate if run_migrations is None else run_migrations:
        migrate.upgrade(db.engine)
    progress = ProgressService(db)
    connector = supabase_connector(settings)
    files: FileStore = (
        LocalFileStore(Path(settings.data_dir) / "files")
        if connector is None
        else SpoolingFileStore(
            SupabaseFileStore(connector, audio_bucket=settings.audio_bucket, resume_bucket=settings.resume_bucket),
            Path(settings.data_dir) / "spool",
        )
    )
    auth = build_auth(settings, db, connector)
    transcriber = LazyTranscriber(settings)
    chat = registry.build_chat_model(settings)
    prompts = prompt_catalog(db, settings)
    feedback = build_feedback_service(db, chat, settings, prompts)
    engine = InterviewEngine(
        db,
        bank=QuestionBank.load(),
        transcriber=transcriber,
        files=files,
        interviewer=Interviewer(
            chat,
            prompt=prompts.get("interviewer", settings.interviewer_prompt_version) if chat else None,
            followup_prompt=prompts.get("interviewer_followup", settings.followup_prompt_version) if chat else None,
        ),
        feedback=feedback,
        limits=EngineLimits(
            pause_min_s=settings.pause_min_s,
            max_answer_seconds=settings.max_answer_seconds,
            max_answer_chars=settings.max_answer_chars,
            max_upload_bytes=settings.max_audio_upload_bytes,
            inactivity_timeout=timedelta(minutes=settings.inactivity_timeout_min),
        ),
    )
    return AppServices(
        settings=settings,
        db=db,
        auth=auth,
        tokens=TokenSigner(signing_secret(settings), lifetime=timedelta(days=settings.session_cookie_days)),
        sign_ins=SignIns(db, lifetime=timedelta(days=settings.session_cookie_days)),
        files=files,
        users=UserService(
            db,
            max_name_length=settings.max_name_length,
            delete_files=files.delete,
            delete_identity=identity_deleter(auth),
        ),
        sessions=SessionService(db, sessions_per_day=settings.sessions_per_day),
        engine=engine,
        transcriber=transcriber,
        speaker=LazySpeaker(settings),
        chat=chat,
        feedback=feedback,
        resumes=build_resume_service(
            db,
            files,
            chat=chat,
            settings=settings,
            prompt=prompts.get("resume_parser", settings.resume_prompt_version) if chat else None,
        ),
        progress=progress,
        coaching=CoachService(db, progress=progress, invite_days=settings.coach_invite_days),
        prompts=prompts,
        prompt_lab=PromptLabService(
            db,
            prompts,
            chat=chat,
            model_label=settings.groq.llm_model if chat else None,
            max_transcripts=settings.prompt_eval_max_transcripts,
        ),
    )
