#!/usr/bin/env bash
# Installs the pinned API fuzzer (schemathesis, from PyPI) into a git-ignored virtualenv,
# .cache/venv-fuzz/, for test/fuzz/schemathesis.test.ts. Idempotent: quick when it is there.
#   bash scripts/install-schemathesis.sh   # then: .cache/venv-fuzz/bin/schemathesis --version
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="4.32.5"
VENV=".cache/venv-fuzz"
BIN="$VENV/bin/schemathesis"

if [ -x "$BIN" ] && "$VENV/bin/python" -m pip show schemathesis 2>/dev/null | grep -qx "Version: $VERSION"; then
  echo "schemathesis $VERSION already installed in $VENV"
  exit 0
fi

python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$VERSION"
"$BIN" --version
