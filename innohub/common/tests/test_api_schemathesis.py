"""schemathesis fuzzes every API operation of a real server: no 5xx, answers match the schema.

A bounded run is part of the suite: every operation, once per role category (anonymous, hub
staff, member, network admin), with INNOHUB_FUZZ_EXAMPLES examples (3 by default) in the
INNOHUB_FUZZ_PHASES phases ("examples,fuzzing" by default; the "coverage" phase alone sends
dozens of boundary cases per operation and took the run past 25 minutes on a shared machine).
For a longer run:
    INNOHUB_FUZZ_EXAMPLES=200 INNOHUB_FUZZ_PHASES=examples,coverage,fuzzing,stateful \
        .venv/bin/python -m pytest -m api_fuzz innohub/common/tests/test_api_schemathesis.py
"""

import os
import shutil
import subprocess

import pytest

from conftest import running_server

pytestmark = pytest.mark.api_fuzz
EXAMPLES = os.environ.get("INNOHUB_FUZZ_EXAMPLES", "3")
PHASES = os.environ.get("INNOHUB_FUZZ_PHASES", "examples,fuzzing")
CHECKS = ",".join(
    [
        "not_a_server_error",
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
    ]
)


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    """A server of its own: fuzzing writes random records that other tests must not see."""
    with running_server(tmp_path_factory.mktemp("fuzz-server")) as server:
        yield server


def schemathesis(server, *extra):
    binary = shutil.which("schemathesis") or os.path.join(
        os.path.dirname(os.sys.executable), "schemathesis"
    )
    return subprocess.run(
        [
            binary,
            "run",
            f"{server['url']}/api/v1/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            EXAMPLES,
            "--seed",
            "20201203",
            "--workers",
            "1",
            "--phases",
            PHASES,
            "--request-timeout",
            "30",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=1500,
    )


@pytest.mark.parametrize("who", [None, "staff", "member", "network"])
def test_no_operation_fails_or_breaks_its_schema(fuzz_server, who):
    extra = []
    if who:
        token = fuzz_server["manage"]("apitoken", who, "--name", "schemathesis").strip()
        extra = ["-H", f"Authorization: Bearer {token}"]
    result = schemathesis(fuzz_server, *extra)
    # The failures come before the long list of warnings: show them, and the summary.
    failures = result.stdout.find("FAILURES")
    report = result.stdout[max(failures, 0) :][:8000] + "\n...\n" + result.stdout[-1500:]
    assert result.returncode == 0, report + result.stderr[-2000:]
