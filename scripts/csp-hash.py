#!/usr/bin/env python3
"""Trunk post_build hook: add the sha256 of each inline <script> to the CSP meta tag, so the
policy can forbid every other inline script. Works on $TRUNK_STAGING_DIR/index.html."""
import base64
import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")
if not hashes:
    sys.exit(0)
pattern = re.compile(r"(script-src 'self' 'wasm-unsafe-eval')")
if not pattern.search(html):
    sys.exit("csp-hash: no script-src directive found in index.html")
html = pattern.sub(lambda m: m.group(1) + " " + " ".join(hashes), html, count=1)
index.write_text(html, encoding="utf-8")
print(f"csp-hash: allowed {len(hashes)} inline script(s)")
