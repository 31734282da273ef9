"""Shared fixtures of the Python tier: the project's paths, the real data, running Marsad."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("MARSAD_SHARED_DATA", ROOT.parent / "shared" / "data"))
SAMPLES = ROOT / "data-samples" / "articles"
JAR = ROOT / "jobs" / "target" / "marsad-jobs.jar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env() -> dict[str, str]:
    """The environment the scripts run in: this virtualenv's pyspark is the Spark."""
    e = dict(os.environ)
    e["MARSAD_VENV"] = sys.prefix
    e["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{e.get('PATH', '')}"
    return e


def run(args: list[str], timeout: int = 900, check: bool = True, **kw) -> subprocess.CompletedProcess:
    """Runs a command from the project root, capturing its output (shown when it fails)."""
    p = subprocess.run(
        args, cwd=ROOT, env=kw.pop("env", env()), capture_output=True, text=True,
        timeout=timeout, **kw,
    )
    if check and p.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} exited {p.returncode}\n--- stdout\n{p.stdout[-4000:]}"
            f"\n--- stderr\n{p.stderr[-8000:]}"
        )
    return p


def submit(*args: str, master: str = "local[2]", timeout: int = 900, check: bool = True):
    return run(["scripts/submit", "--master", master, *args], timeout=timeout, check=check)


@pytest.fixture(scope="session")
def jar() -> Path:
    if not JAR.exists():
        pytest.fail(f"no jar at {JAR}: build it first (mvn -q -DskipTests package)")
    return JAR


def shared(relative: str) -> Path:
    p = SHARED / relative
    if not p.exists():
        pytest.skip(f"real data not present: {p}")
    return p


@pytest.fixture(scope="session")
def demo_warehouse(jar, tmp_path_factory) -> Path:
    """One demo warehouse for the tests that only read it (the notebook, report, graph)."""
    wh = tmp_path_factory.mktemp("demo") / "warehouse"
    out = submit("demo", "--warehouse", str(wh))
    assert "Marsad demo" in out.stdout
    return wh
