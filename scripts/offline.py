#!/usr/bin/env python3
"""Trunk post_build hook (after csp-hash.py): write the build's file list and version into the
service worker, so it precaches exactly these files (their hashed names) and a new build is a
new worker. Works on $TRUNK_STAGING_DIR."""
import hashlib
import json
import os
import pathlib
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
worker = staging / "sw.js"
files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file() and p != worker)
digest = hashlib.sha256()
for name in files:
    digest.update(name.encode())
    digest.update((staging / name).read_bytes())
version = digest.hexdigest()[:16]
text = worker.read_text(encoding="utf-8")
if "__KLOPPEND_FILES__" not in text:
    sys.exit("offline: sw.js has no file list placeholder")
text = text.replace("__KLOPPEND_FILES__", json.dumps(files)).replace("__KLOPPEND_VERSION__", version)
worker.write_text(text, encoding="utf-8")
print(f"offline: {len(files)} files, version {version}")
