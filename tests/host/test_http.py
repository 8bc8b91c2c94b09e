"""The host's HTTP side: health, QR codes of join URLs, and the security headers."""

from __future__ import annotations

import asyncio

import aiohttp
import segno

from tests.host.harness import serving


def test_health_qr_codes_and_headers(tmp_path):
    async def main():
        async with serving(tmp_path, tables=2) as running, aiohttp.ClientSession() as session:
            code = running.code(1, "regisseur")
            out = {}
            for name, path in (
                ("health", "healthz"),
                ("qr", f"qr.svg?code={code}"),
                ("bad_qr", "qr.svg?code=<svg>"),
            ):
                async with session.get(running.url + path) as response:
                    out[name] = (response.status, response.headers.copy(), await response.text())
            return out, running.url, code

    out, url, code = asyncio.run(main())
    status, headers, body = out["health"]
    assert status == 200 and '"tables": 2' in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = out["qr"]
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    assert body == segno.make(f"{url}?code={code}", error="m").svg_inline(scale=6)
    assert out["bad_qr"][0] == 400
