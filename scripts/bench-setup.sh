#!/usr/bin/env bash
# Creates the Python venv that the pipeline benchmark runs openapi-generator from.
#
# The PyPI package openapi-generator-cli ships the openapi-generator jar and a wrapper that
# runs it with the `java` on PATH (tested with OpenJDK 17). The version is pinned so that
# runs on different days compare the same generator.
#
# Usage: scripts/bench-setup.sh [VENV]   (default: /tmp/oag-venv, or $SDKGEN_BENCH_VENV)
set -euo pipefail

version="7.26.0"
venv="${1:-${SDKGEN_BENCH_VENV:-/tmp/oag-venv}}"

if ! command -v java >/dev/null; then
    echo "error: java not found on PATH; install a Java runtime, such as the Debian package openjdk-17-jre-headless" >&2
    exit 1
fi

python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "openapi-generator-cli==$version"
"$venv/bin/openapi-generator-cli" version
echo "openapi-generator-cli $version installed in $venv"
echo "run: SDKGEN_BENCH_VENV=$venv cargo bench -p sdkgen --bench pipeline"
