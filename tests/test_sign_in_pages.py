"""Sign-ins as the pages use them: sign-out and a password change end them, in this browser and others."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from igym.services import AppServices
from igym.ui.sign_in import ENDED_ELSEWHERE
from igym.ui.sign_in_forms import PASSWORD_CHANGED
from igym.ui.widgets import PAGES
from tests.support.apptest import signed_in

PASSWORD = "window-light-73"
NEW_PASSWORD = "harbour-lights-42"


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.error] + [i.value for i in at.info] + [s.value for s in at.success]
    parts += [t.value for t in at.text] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    return "\n".join(str(p) for p in parts)


def _account(app_services: AppServices, email: str) -> None:
    from igym.accounts.users import UserService

    account = app_services.auth.sign_up(email=email, password=PASSWORD, name="Bea")
    assert not isinstance(account, str)
    UserService(app_services.db).update_onboarding(
        user_id=account.id, target_role="Analyst", interview_timeline="within_month"
    )


def test_signing_out_ends_the_sign_in_behind_the_cookie(app_services: AppServices, tmp_path: Path) -> None:
    _account(app_services, "out@example.com")
    at = signed_in("out@example.com", PASSWORD)
    token = at.session_state["igym_sign_in_token"]
    action, cookie = at.session_state["igym_cookie_pending"]
    assert action == "set" and cookie == token and token.startswith("s1.")
    assert app_services.sign_ins.resume(token) is not None
    at.button(key="sign_out").click()
    at = at.run()
    assert not at.exception
    assert app_services.sign_ins.resume(token) is None  # a copy of the cookie signs nobody in now


def test_a_password_change_keeps_this_browser_and_signs_out_the_others(app_services: AppServices) -> None:
    _account(app_services, "change@example.com")
    laptop = signed_in("change@example.com", PASSWORD)
    phone = signed_in("change@example.com", PASSWORD)
    laptop.switch_page(PAGES["profile"]).run()
    laptop.text_input(key="current_password").input("not-my-password-9")
    laptop.text_input(key="new_password_1").input(NEW_PASSWORD)
    laptop.text_input(key="new_password_2").input(NEW_PASSWORD)
    _submit(laptop, "Change password")
    assert "isn't your current password" in _texts(laptop)
    laptop.text_input(key="current_password").input(PASSWORD)
    laptop.text_input(key="new_password_1").input(NEW_PASSWORD)
    laptop.text_input(key="new_password_2").input(NEW_PASSWORD)
    _submit(laptop, "Change password")
    assert not laptop.exception
    assert PASSWORD_CHANGED in _texts(laptop)
    laptop.run()
    assert "Profile" in [t.value for t in laptop.title]  # still signed in here
    phone.run()
    assert ENDED_ELSEWHERE in _texts(phone)  # the other browser is out at its next run
    assert app_services.auth.sign_in(email="change@example.com", password=NEW_PASSWORD).email == "change@example.com"


def _submit(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click()
    at.run()
