"""In a real browser: sign up, onboard, and stay signed in across a page refresh; sign out for good (a copy of
the cookie taken before signing out signs nobody in); a malformed cookie means signed out, never a crash."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_sign_up_onboard_refresh_and_sign_out(app_url: str, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    artifacts = tmp_path
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.get_by_role("tab", name="Create account").click()
    page.get_by_label("Your name (optional)").fill("Bea Browser")
    form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
    form.get_by_role("textbox", name="Email").fill("bea@example.com")
    form.get_by_role("textbox", name="Password").fill("window-light-73")
    form.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("Welcome, Bea Browser")).to_be_visible()
    page.get_by_role("textbox", name="Or type your role").fill("Product Manager")
    page.get_by_text("Within a month").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Hi Bea Browser")).to_be_visible()
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()
    expect(page.get_by_text("Preparing for: Product Manager")).to_be_visible()
    page.screenshot(path=str(artifacts / "dashboard.png"))

    cookies = {c["name"]: c for c in context.cookies()}
    assert "igym_session" in cookies
    assert "bea@example.com" not in cookies["igym_session"]["value"]
    assert "igym_session" not in page.url and "token" not in page.url

    page.reload()  # a new Streamlit session: the cookie signs the user back in
    expect(page.get_by_text("Hi Bea Browser")).to_be_visible()

    copied = dict(cookies["igym_session"])  # what someone who got hold of the cookie would keep
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    for _ in range(100):  # the cookie component removes the cookie from the browser shortly after
        if "igym_session" not in {c["name"] for c in context.cookies()}:
            break
        page.wait_for_timeout(100)
    assert "igym_session" not in {c["name"] for c in context.cookies()}
    page.reload()
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    expect(page.get_by_text("Hi Bea Browser")).to_have_count(0)

    context.add_cookies([copied])  # the copy, put back after the sign-out
    page.reload()
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    expect(page.get_by_text("Hi Bea Browser")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("value", ["\u00e9t\u00e9.\u2603", "\u00e9t\u00e9\u2603", "s1.%%%", "a.b", "x" * 3000])
def test_a_malformed_cookie_means_signed_out(app_url: str, browser, value: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    page.evaluate("value => { document.cookie = 'igym_session=' + value + '; path=/'; }", value)
    assert any(c["name"] == "igym_session" for c in context.cookies())
    page.reload()
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    context.close()
