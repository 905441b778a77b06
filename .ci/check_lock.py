"""Fail when a lock file no longer satisfies pyproject.toml.

Every requirement of pyproject.toml (the project's dependencies and the build
group; the dev extra too for requirements-dev.lock) must be pinned in the lock
with a version its specifier allows, and every pin must carry hashes. Runs with
the venv's Python (it needs ``packaging``). Exit 1 names each mismatch and the
command that refreshes the locks.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock: Path) -> dict[str, list[Version]]:
    """Each pinned package with its versions (several when markers split them),
    after checking that every pin is followed by at least one hash."""
    found: dict[str, list[Version]] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if not match:
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if "--hash=sha256:" not in following:
            raise SystemExit(f"{lock.name}: {match.group(1)} is pinned without a hash")
        found.setdefault(canonicalize_name(match.group(1)), []).append(Version(match.group(2)))
    return found


def problems(lock: Path, requirements: list[str]) -> list[str]:
    locked = pins(lock)
    found = []
    for text in requirements:
        requirement = Requirement(text)
        versions = locked.get(canonicalize_name(requirement.name), [])
        if not versions:
            found.append(f"{lock.name}: {requirement.name} is not pinned (pyproject: {text})")
        elif not any(requirement.specifier.contains(v, prereleases=True) for v in versions):
            pinned = ", ".join(map(str, versions))
            found.append(f"{lock.name}: {requirement.name}=={pinned} does not satisfy {text!r}")
    return found


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = project["project"]["dependencies"] + project["dependency-groups"]["build"]
    dev = runtime + project["project"]["optional-dependencies"]["dev"]
    found = problems(ROOT / "requirements.lock", runtime)
    found += problems(ROOT / "requirements-dev.lock", dev)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print("refresh the locks with: bash .ci/lock", file=sys.stderr)
        return 1
    print("requirements.lock and requirements-dev.lock satisfy pyproject.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
