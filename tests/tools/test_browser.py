"""The browser finder's order, on fake paths: fake browsers are shell scripts
that answer `--version` (or fail, like Ubuntu's snap stub); nothing is
uninstalled, downloaded or apt-installed."""

from pathlib import Path

import playwright
import pytest

from tools import browser

REVISION = "1234"


def script(path: Path, body: str) -> Path:
    """An executable shell script (the host's PATH holds no tools: set one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n")
    path.chmod(0o755)
    return path


def fake_browser(path: Path, *, runs: bool = True) -> Path:
    if runs:
        return script(path, f'echo "Chromium 1.0 ({path.name})"')
    return script(path, 'echo "requires the chromium snap" >&2; exit 1')


def host(tmp_path: Path, **changes: object) -> browser.Host:
    """A machine whose PATH is tmp_path/bin only: no browser, no apt-get."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    options: dict[str, object] = {
        "env": {"PATH": str(tmp_path / "bin")},
        "is_root": False,
        "mac_app_dirs": (),
        "playwright_dir": tmp_path / "playwright",
        "revision": REVISION,
        "python": str(tmp_path / "no-python"),
        **changes,
    }
    return browser.Host(**options)  # type: ignore[arg-type]


def playwright_build(tmp_path: Path, *, complete: bool = True) -> Path:
    build = tmp_path / "playwright" / f"chromium-{REVISION}"
    chrome = fake_browser(build / "chrome-linux64" / "chrome")
    if complete:
        (build / "INSTALLATION_COMPLETE").touch()
    return chrome


def test_chromium_path_comes_first(tmp_path: Path) -> None:
    fake_browser(tmp_path / "bin" / "chromium")
    chosen = fake_browser(tmp_path / "elsewhere" / "chrome")
    env = {"PATH": str(tmp_path / "bin"), "CHROMIUM_PATH": str(chosen)}
    assert browser.find(host(tmp_path, env=env)) == chosen


def test_a_chromium_path_that_does_not_run_is_an_error_not_skipped(
    tmp_path: Path,
) -> None:
    fake_browser(tmp_path / "bin" / "chromium")
    env = {"PATH": str(tmp_path / "bin"), "CHROMIUM_PATH": str(tmp_path / "typo")}
    with pytest.raises(browser.BrowserNotFoundError, match=r"CHROMIUM_PATH=.*typo"):
        browser.find(host(tmp_path, env=env))


def test_path_is_searched_in_order_and_a_stub_is_skipped(tmp_path: Path) -> None:
    # A name early in the order that does not run is passed over, like Ubuntu's
    # snap stub; the next name that runs is taken, not a later one.
    fake_browser(tmp_path / "bin" / browser.NAMES[0], runs=False)
    second = fake_browser(tmp_path / "bin" / browser.NAMES[1])
    fake_browser(tmp_path / "bin" / browser.NAMES[2])
    assert browser.find(host(tmp_path)) == second


def test_google_chrome_comes_before_a_chromium_on_path(tmp_path: Path) -> None:
    # As on GitHub's Ubuntu images: Playwright supports the branded Chrome.
    fake_browser(tmp_path / "bin" / "chromium")
    chrome = fake_browser(tmp_path / "bin" / "google-chrome")
    assert browser.find(host(tmp_path)) == chrome


def test_path_comes_before_macos_apps_and_playwright(tmp_path: Path) -> None:
    on_path = fake_browser(tmp_path / "bin" / "chromium-browser")
    fake_browser(tmp_path / "Applications" / browser.MAC_APPS[0])
    playwright_build(tmp_path)
    machine = host(tmp_path, mac_app_dirs=(tmp_path / "Applications",))
    assert browser.find(machine) == on_path


def test_macos_apps_come_before_playwright(tmp_path: Path) -> None:
    fake_browser(tmp_path / "Applications" / browser.MAC_APPS[1])  # Chromium.app
    home_chrome = fake_browser(tmp_path / "home" / browser.MAC_APPS[0])
    playwright_build(tmp_path)
    apps = (tmp_path / "nothing-here", tmp_path / "home", tmp_path / "Applications")
    assert browser.find(host(tmp_path, mac_app_dirs=apps)) == home_chrome


def test_playwright_chromium_in_tools_is_found(tmp_path: Path) -> None:
    chrome = playwright_build(tmp_path)
    assert browser.find(host(tmp_path)) == chrome


def test_an_interrupted_playwright_download_is_not_used(tmp_path: Path) -> None:
    playwright_build(tmp_path, complete=False)  # no INSTALLATION_COMPLETE marker
    with pytest.raises(browser.BrowserNotFoundError, match="none found"):
        browser.find(host(tmp_path))


def test_find_only_looks_and_says_what_provides_one(tmp_path: Path) -> None:
    downloader = script(tmp_path / "python", f"touch {tmp_path / 'ran'}; exit 1")
    with pytest.raises(browser.BrowserNotFoundError) as raised:
        browser.find(host(tmp_path, python=str(downloader)))
    assert not (tmp_path / "ran").exists(), "find() without a log downloaded"
    assert "python -m tools.browser" in str(raised.value)


def fake_playwright_install(tmp_path: Path) -> Path:
    """A `python` whose `-m playwright install` records its env and installs."""
    build = f'"$PLAYWRIGHT_BROWSERS_PATH/chromium-{REVISION}"'
    return script(
        tmp_path / "python",
        f'echo "$* $PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT" > {tmp_path / "args"}\n'
        f"mkdir -p {build}/chrome-linux64\n"
        f"printf '#!/bin/sh\\necho Chromium 2.0\\n' > {build}/chrome-linux64/chrome\n"
        f"chmod +x {build}/chrome-linux64/chrome\n"
        f"touch {build}/INSTALLATION_COMPLETE",
    )


def test_playwright_chromium_is_downloaded_into_the_project(tmp_path: Path) -> None:
    python = fake_playwright_install(tmp_path)
    messages: list[str] = []
    found = browser.find(host(tmp_path, python=str(python)), messages.append)
    assert (
        found == tmp_path / "playwright" / f"chromium-{REVISION}/chrome-linux64/chrome"
    )
    args = (tmp_path / "args").read_text().split()
    assert args == ["-m", "playwright", "install", "--no-shell", "chromium", "5000"]
    assert any("downloading" in m for m in messages)


def fake_apt_get(tmp_path: Path, *, installs: Path | None) -> None:
    """An apt-get that logs its calls; `install` puts a chromium at `installs`."""
    put = (
        f'\n[ "$1" = install ] && cp {tmp_path / "chromium"} {installs}'
        if installs
        else ""
    )
    fake_browser(tmp_path / "chromium")
    script(
        tmp_path / "bin" / "apt-get",
        f'echo "$DEBIAN_FRONTEND $*" >> {tmp_path / "apt.log"}{put}\nexit 0',
    )


def failing_download(tmp_path: Path) -> Path:
    return script(
        tmp_path / "python", 'echo "Error: getaddrinfo ENOTFOUND cdn" >&2; exit 1'
    )


def test_as_root_debian_chromium_is_installed_when_the_download_fails(
    tmp_path: Path,
) -> None:
    fake_apt_get(tmp_path, installs=tmp_path / "bin" / "chromium")
    machine = host(tmp_path, is_root=True, python=str(failing_download(tmp_path)))
    assert browser.find(machine, lambda _: None) == tmp_path / "bin" / "chromium"
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "noninteractive update -qq",
        "noninteractive install -y -qq --no-install-recommends chromium",
    ]


def test_apt_get_is_left_alone_when_not_root(tmp_path: Path) -> None:
    fake_apt_get(tmp_path, installs=tmp_path / "bin" / "chromium")
    machine = host(tmp_path, python=str(failing_download(tmp_path)))
    with pytest.raises(browser.BrowserNotFoundError, match=r"5\. Debian.*: not root"):
        browser.find(machine, lambda _: None)
    assert not (tmp_path / "apt.log").exists()


def test_an_apt_chromium_that_does_not_run_is_reported(tmp_path: Path) -> None:
    fake_apt_get(tmp_path, installs=None)  # Ubuntu: the package is a snap stub
    machine = host(tmp_path, is_root=True, python=str(failing_download(tmp_path)))
    with pytest.raises(
        browser.BrowserNotFoundError, match="installed, but no chromium"
    ):
        browser.find(machine, lambda _: None)


def test_the_error_names_every_option_in_order_and_each_fix(tmp_path: Path) -> None:
    machine = host(tmp_path, python=str(failing_download(tmp_path)))
    with pytest.raises(browser.BrowserNotFoundError) as raised:
        browser.find(machine, lambda _: None)
    lines = str(raised.value).splitlines()
    assert lines[1:6] == [
        "  1. CHROMIUM_PATH: not set",
        f"  2. PATH ({', '.join(browser.NAMES)}): none found",
        "  3. macOS applications: not macOS",
        f"  4. Playwright's Chromium in {tmp_path / 'playwright'}: download failed"
        " (exit 1: Error: getaddrinfo ENOTFOUND cdn)",
        "  5. Debian's chromium (apt-get, as root): no apt-get",
    ]
    for fix in browser.FIXES:
        assert fix in lines[6]


def test_the_installed_playwright_reads_the_timeout_it_is_given() -> None:
    # The short timeout is what makes an unreachable host fail in seconds
    # (about 9 s here, where cdn.playwright.dev does not resolve): a Playwright
    # that stopped reading the variable would wait 30 s per attempt, 5 attempts.
    driver = Path(playwright.__file__).parent / "driver" / "package" / "lib"
    assert any(
        "PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT" in js.read_text(errors="replace")
        for js in driver.rglob("*.js")
    )


def test_main_prints_the_path_or_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chrome = fake_browser(tmp_path / "chrome")
    monkeypatch.setenv("CHROMIUM_PATH", str(chrome))
    assert browser.main(["--find"]) == 0
    assert capsys.readouterr().out == f"{chrome}\n"
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))
    assert browser.main([]) == 1
    assert "CHROMIUM_PATH=" in capsys.readouterr().err


def test_the_revision_is_the_installed_playwrights() -> None:
    assert browser.playwright_revision().isdigit()


def test_a_failing_apt_get_is_reported(tmp_path: Path) -> None:
    script(tmp_path / "bin" / "apt-get", 'echo "E: no network" >&2; exit 100')
    machine = host(tmp_path, is_root=True, python=str(failing_download(tmp_path)))
    with pytest.raises(
        browser.BrowserNotFoundError, match=r"`update -qq` failed \(exit 100"
    ):
        browser.find(machine, lambda _: None)


def test_a_command_that_hangs_or_cannot_start_is_a_reason() -> None:
    assert browser.run_quietly(["sleep", "5"], {}, 0) == "no answer in 0 s"
    assert "No such file" in browser.run_quietly(["/no/such/command"], {}, 5)


def test_main_without_find_says_which_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chrome = fake_browser(tmp_path / "chrome")
    monkeypatch.setenv("CHROMIUM_PATH", str(chrome))
    assert browser.main([]) == 0
    assert f"browser tests use {chrome}" in capsys.readouterr().err


def fake_driver(tmp_path: Path, *, fixed_by: str) -> Path:
    """A python whose Playwright driver lacks libatomic.so.1 until `fixed_by`
    (a file the fake apt-get makes) exists."""
    return script(
        tmp_path / "python",
        f'[ -e {tmp_path / fixed_by} ] && {{ echo "Version 1.0"; exit 0; }}\n'
        'echo "node: error while loading shared libraries: libatomic.so.1:'
        ' cannot open shared object file" >&2; exit 127',
    )


def apt_get_making(tmp_path: Path, package: str) -> None:
    script(
        tmp_path / "bin" / "apt-get",
        f'echo "$*" >> {tmp_path / "apt.log"}\n'
        f'[ "$1" = install ] && touch {tmp_path / package}\nexit 0',
    )


def test_a_driver_that_starts_needs_nothing(tmp_path: Path) -> None:
    python = script(tmp_path / "python", 'echo "Version 1.0"')
    apt_get_making(tmp_path, "libatomic1")
    browser.ensure_driver(host(tmp_path, is_root=True, python=str(python)), print)
    assert not (tmp_path / "apt.log").exists()


def test_as_root_the_library_the_driver_lacks_is_apt_installed(tmp_path: Path) -> None:
    apt_get_making(tmp_path, "libatomic1")
    python = fake_driver(tmp_path, fixed_by="libatomic1")
    messages: list[str] = []
    browser.ensure_driver(
        host(tmp_path, is_root=True, python=str(python)), messages.append
    )
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends libatomic1",
    ]
    assert messages == [
        "installing libatomic1 for Playwright's driver with apt-get ..."
    ]


def test_one_apt_get_update_serves_the_driver_library_and_chromium(
    tmp_path: Path,
) -> None:
    # A fresh Debian: the driver lacks libatomic1 and no browser can be downloaded.
    fake_browser(tmp_path / "chromium")
    script(
        tmp_path / "bin" / "apt-get",
        f'echo "$*" >> {tmp_path / "apt.log"}\n'
        f'[ "$1" = install ] && touch {tmp_path / "libatomic1"}\n'
        f'case "$*" in *chromium*) cp {tmp_path / "chromium"} {tmp_path / "bin"};; esac',
    )
    python = fake_driver(tmp_path, fixed_by="libatomic1")
    machine = host(tmp_path, is_root=True, python=str(python))
    browser.ensure_driver(machine, print)
    assert browser.find(machine, print) == tmp_path / "bin" / "chromium"
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq --no-install-recommends libatomic1",
        "install -y -qq --no-install-recommends chromium",
    ]


@pytest.mark.parametrize("is_root", [False, True])
def test_otherwise_the_error_names_the_library_and_its_package(
    tmp_path: Path, is_root: bool
) -> None:
    apt_get_making(tmp_path, "something-else")  # as root: installs, no change
    python = fake_driver(tmp_path, fixed_by="libatomic1")
    machine = host(tmp_path, is_root=is_root, python=str(python))
    with pytest.raises(browser.DriverError) as raised:
        browser.ensure_driver(machine, lambda _: None)
    assert "libatomic.so.1" in str(raised.value)
    assert "`sudo apt-get install libatomic1`" in str(raised.value)


def test_only_looking_never_installs(tmp_path: Path) -> None:
    apt_get_making(tmp_path, "libatomic1")
    python = fake_driver(tmp_path, fixed_by="libatomic1")
    with pytest.raises(browser.DriverError, match="libatomic1"):
        browser.ensure_driver(host(tmp_path, is_root=True, python=str(python)))
    assert not (tmp_path / "apt.log").exists()


def test_an_unknown_driver_failure_is_reported_as_it_is(tmp_path: Path) -> None:
    python = script(tmp_path / "python", 'echo "Error: driver broke" >&2; exit 1')
    with pytest.raises(browser.DriverError, match=r"exit 1: Error: driver broke"):
        browser.ensure_driver(host(tmp_path, python=str(python)), print)
