"""A git repository as the sync target: a work folder under the home, pulled, used as a
target folder, then committed and pushed. Each device commits only its own files, so a
rebase onto another device's push never conflicts.

git runs as a subprocess with an argument list (never a shell), no prompt for a password
(GIT_TERMINAL_PROMPT=0), no hooks, a timeout, and a failure is one line naming it.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

from reader.core.sync.target import TargetError

BRANCH = "main"
TIMEOUT = 120.0  # seconds for one git command (a slow remote, a large first push)
PUSH_TRIES = 4
_SCP_LIKE = re.compile(r"\A[\w.+-]+@[\w.-]+:")


def is_git_target(text: str) -> bool:
    """A URL, user@host:path, a path ending in .git, or a folder that is a git repository."""
    if text.endswith(".git") or "://" in text or _SCP_LIKE.match(text):
        return True
    path = Path(text).expanduser()
    return (path / "HEAD").is_file() and (path / "objects").is_dir() or (path / ".git").exists()


def remote_for(text: str) -> str:
    """What git is given: a local path made absolute (the work folder is elsewhere)."""
    if "://" in text or _SCP_LIKE.match(text):
        return text
    return str(Path(text).expanduser().resolve())


class Git:
    def __init__(self, target: str, work_root: Path) -> None:
        if target.startswith("-"):
            raise TargetError(f"{target}: not a git repository address")
        self.remote = remote_for(target)
        self.work = work_root / hashlib.sha1(self.remote.encode("utf-8")).hexdigest()[:12]

    def _run(self, *args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
        command = ["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", *args]
        try:
            done = subprocess.run(command, cwd=cwd or self.work, env=env, capture_output=True, text=True,
                                  timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=False)
        except FileNotFoundError:
            raise TargetError("git is not installed (a folder target needs no git)") from None
        except subprocess.TimeoutExpired:
            raise TargetError(f"git {args[0]} took more than {TIMEOUT:.0f} s; nothing was lost, try again") from None
        if check and done.returncode != 0:
            lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
            # git's own verdict ("fatal: ... does not appear to be a git repository"), not its advice after it
            verdicts = [line for line in lines if line.startswith(("fatal:", "error:"))]
            reason = (verdicts or lines or [f"exit {done.returncode}"])[0]
            raise TargetError(f"git {args[0]} {self.remote} failed: {reason}")
        return done

    def pull(self) -> Path:
        """The work folder, with every device's commits from the remote."""
        if not (self.work / ".git").exists():
            self.work.parent.mkdir(parents=True, exist_ok=True)
            self._run("clone", "--quiet", "--", self.remote, str(self.work), cwd=self.work.parent)
        self._commit()  # files a round cut short left: committed first, so the rebase carries them
        self._update()
        return self.work

    def _remote_has_branch(self) -> bool:
        return bool(self._run("ls-remote", "--heads", "origin", BRANCH).stdout.strip())

    def _update(self) -> None:
        if not self._remote_has_branch():
            return
        self._run("fetch", "--quiet", "origin", BRANCH)
        has_head = self._run("rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0
        if has_head:
            self._run("rebase", "--quiet", f"origin/{BRANCH}")
        else:
            self._run("checkout", "--quiet", "-B", BRANCH, f"origin/{BRANCH}")

    def _commit(self) -> bool:
        """Commit what this device wrote in the work folder; whether there was anything."""
        if not (self.work / "reader-sync").exists():
            return False
        self._run("add", "--", "reader-sync")
        if self._run("diff", "--cached", "--quiet", check=False).returncode == 0:
            return False
        identity: list[str] = []
        if self._run("config", "user.email", check=False).returncode != 0:
            identity = ["-c", "user.name=reader", "-c", "user.email=reader@localhost"]
        self._run(*identity, "commit", "--quiet", "-m", "reader sync")
        return True

    def push(self, device: str) -> None:
        """Commit this device's files and push, rebasing onto what another pushed first."""
        self._commit()
        if self._run("rev-parse", "--verify", "-q", "HEAD", check=False).returncode != 0:
            return  # nothing ever written here
        ahead = self._run("rev-list", "--count", f"origin/{BRANCH}..HEAD", check=False)
        if ahead.returncode == 0 and ahead.stdout.strip() == "0":
            return  # nothing of this device's that the remote lacks
        for attempt in range(PUSH_TRIES):
            done = self._run("push", "--quiet", "origin", f"HEAD:{BRANCH}", check=attempt == PUSH_TRIES - 1)
            if done.returncode == 0:
                return
            self._update()
