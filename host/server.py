"""HTTP and WebSockets (aiohttp): the pages, /healthz, /qr.svg and the /ws protocol.

Each WebSocket is a :class:`Connection` with its own send queue (a slow device never holds
up the class; a newer `state` replaces an unsent one). Every frame is parsed by
host.protocol, rate-limited, and turned into a :class:`~host.classroom.Classroom` call;
whatever goes wrong with one message becomes an `error` reply, never a stopped host.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import weakref
from collections import deque
from pathlib import Path

from aiohttp import WSCloseCode, WSMsgType, web

from host import protocol as p
from host.classroom import Classroom, Who
from host.guard import Lockout, RateLimit
from host.hub import Hub

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'"
)
log = logging.getLogger("regie.host")
CLASSROOM = web.AppKey("classroom", Classroom)
HUB = web.AppKey("hub", Hub)
LOCKOUT = web.AppKey("lockout", Lockout)
SOCKETS = web.AppKey("sockets", weakref.WeakSet[web.WebSocketResponse])
_ids = itertools.count(1)


class Connection:
    """One WebSocket: who it is (once joined), its limits and its send queue."""

    def __init__(self, ws: web.WebSocketResponse, address: str) -> None:
        self.id = next(_ids)
        self.ws = ws
        self.address = address
        self.who: Who | None = None
        self.rate = RateLimit()
        self.queue: deque[str] = deque()
        self.state: str | None = None  # the newest unsent state or class message
        self.wake = asyncio.Event()
        self.last_push = 0.0
        self.pushed_key: object = None
        self.last_error = -1.0

    def send(self, message: dict) -> None:
        """Queue a message (sent in order by :meth:`writer`)."""
        self.queue.append(p.dumps(message))
        self.wake.set()

    def send_state(self, text: str) -> None:
        """Queue a state or class message, replacing one not yet sent."""
        self.state = text
        self.wake.set()

    async def drain(self) -> None:
        """Send what is queued now (before closing the socket)."""
        while self.queue and not self.ws.closed:
            await self.ws.send_str(self.queue.popleft())

    async def writer(self) -> None:
        """Send queued messages until the socket closes."""
        while not self.ws.closed:
            await self.wake.wait()
            self.wake.clear()
            while self.queue or self.state is not None:
                if self.queue:
                    text = self.queue.popleft()
                else:
                    text, self.state = self.state, None
                try:
                    await self.ws.send_str(text)
                except (ConnectionError, RuntimeError):
                    return


def make_app(classroom: Classroom, hub: Hub) -> web.Application:
    """The aiohttp application of a classroom."""
    app = web.Application(middlewares=[_headers], client_max_size=p.MAX_MESSAGE_BYTES)
    app[CLASSROOM], app[HUB], app[LOCKOUT] = classroom, hub, Lockout()
    app[SOCKETS] = weakref.WeakSet()
    app.on_shutdown.append(_close_sockets)
    app.router.add_get("/", _page("index.html"))
    app.router.add_get("/console", _page("console.html"))
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/qr.svg", _qr)
    app.router.add_get("/ws", _websocket)
    if STATIC.is_dir():
        app.router.add_static("/static/", STATIC, follow_symlinks=False)
    return app


@web.middleware
async def _headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(name: str):
    async def handler(request: web.Request) -> web.StreamResponse:
        path = STATIC / name
        if not path.is_file():
            return web.Response(status=503, text=f"{name} is not installed")
        return web.FileResponse(path)

    return handler


async def _healthz(request: web.Request) -> web.Response:
    classroom: Classroom = request.app[CLASSROOM]
    return web.json_response(
        {
            "ok": True,
            "tables": len(classroom.tables),
            "hours": [t.model.hour for t in classroom.tables],
        }
    )


async def _qr(request: web.Request) -> web.Response:
    import segno

    code = request.query.get("code", "")
    if len(code) != p.CODE_LENGTH or any(c not in p.CODE_ALPHABET for c in code):
        return web.Response(status=400, text="code: 4 characters of the join-code alphabet")
    url = request.app[HUB].join_url(code)
    return web.Response(
        text=segno.make(url, error="m").svg_inline(scale=6), content_type="image/svg+xml"
    )


def _cross_site(request: web.Request) -> bool:
    """Whether a browser opened the socket from a page of another site."""
    origin = request.headers.get("Origin")
    if not origin:
        return False  # not a browser (a test client, a script on the trainer's laptop)
    return origin.split("://", 1)[-1].rstrip("/") != request.host


async def _websocket(request: web.Request) -> web.StreamResponse:
    if _cross_site(request):
        return web.Response(status=403, text="cross-site WebSocket refused")
    ws = web.WebSocketResponse(max_msg_size=p.MAX_FRAME_BYTES, heartbeat=20.0)
    await ws.prepare(request)
    request.app[SOCKETS].add(ws)
    hub: Hub = request.app[HUB]
    conn = Connection(ws, request.remote or "?")
    writer = asyncio.create_task(conn.writer())
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await _receive(request.app, conn, msg.data)
            elif msg.type == WSMsgType.BINARY:
                _refuse(conn, p.ProtocolError("bad_json", "send text frames holding JSON"))
            if conn.rate.refused >= p.FLOOD_CLOSE:
                await conn.drain()  # the errors so far, then the close
                await ws.close(code=1008, message=b"flood")
                break
    finally:
        request.app[SOCKETS].discard(ws)
        hub.detach(conn)
        conn.wake.set()
        writer.cancel()
    return ws


async def _close_sockets(app: web.Application) -> None:
    """On shutdown, close every open WebSocket with 'going away' (1001): aiohttp would
    otherwise wait for them (20-60 s); the pages reconnect by themselves."""
    sockets = list(app[SOCKETS])
    await asyncio.gather(
        *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"host stopping") for ws in sockets),
        return_exceptions=True,
    )


async def _receive(app: web.Application, conn: Connection, text: str) -> None:
    """One frame: checked, then done; every refusal an error reply."""
    now = asyncio.get_running_loop().time()
    if not conn.rate.allow(now):
        if now - conn.last_error >= 0.5:  # one rate error per half second, not one each
            conn.last_error = now
            _refuse(
                conn,
                p.ProtocolError(
                    "rate_limited", f"more than {p.RATE_PER_S:g} messages a second; dropped"
                ),
            )
        return
    try:
        message = p.parse(text)
        await _dispatch(app, conn, message, now)
    except p.ProtocolError as err:
        _refuse(conn, err)
    except Exception as err:  # a bug must not stop the host: report it, refuse the message
        log.exception("message refused by an error in the host")
        _refuse(conn, p.ProtocolError("bad_command", f"{type(err).__name__}: {err}"))


def _refuse(conn: Connection, err: p.ProtocolError) -> None:
    conn.send(p.error_msg(err.code, err.message, err.request_id))


async def _dispatch(app: web.Application, conn: Connection, message, now: float) -> None:
    """Do one message; anything that writes to a log or the host file runs as a job of
    the tables it touches (Classroom.on_tables), so the event loop never waits on a disk."""
    classroom: Classroom = app[CLASSROOM]
    hub: Hub = app[HUB]
    kind = message.type
    if kind == "ping":
        conn.send(p.pong_msg(message.id))
        return
    if kind in ("join", "rejoin", "login"):
        lockout: Lockout = app[LOCKOUT]
        if lockout.locked(conn.address, now):
            raise p.ProtocolError(
                "locked_out", f"too many wrong codes, tokens or PINs; wait {p.LOCKOUT_S:g} s"
            )
        try:
            if kind == "join":
                seat = classroom.data.seat_for_code(message.code)
                who = await classroom.on_tables(
                    [seat[0]] if seat else [], classroom.join, message.code, message.name
                )
            elif kind == "rejoin":
                who = classroom.rejoin(message.token)
            else:
                who = await classroom.on_tables([], classroom.login, message.pin)
        except p.ProtocolError as err:
            if err.code in ("bad_code", "bad_token", "bad_pin"):
                lockout.fail(conn.address, now)
            raise
        hub.attach(conn, who)
        return
    if conn.who is None:
        raise p.ProtocolError("not_joined", "join, rejoin or log in first")
    if kind == "act":
        try:
            numbers = [] if conn.who.trainer else [conn.who.table]
            ok, reason = await classroom.on_tables(numbers, classroom.act, conn.who, message.action)
        except p.ProtocolError as err:
            err.request_id = message.id
            raise
        hub.acknowledged(conn, message.id, ok, reason, classroom.table(conn.who.table))
    elif kind == "risks":
        try:
            numbers = [] if conn.who.trainer else [conn.who.table]
            await classroom.on_tables(numbers, classroom.risks, conn.who, message.risks)
        except p.ProtocolError as err:
            err.request_id = message.id
            raise
        hub.acknowledged(conn, message.id, True, "")
    elif kind == "command":
        if not conn.who.trainer:
            raise p.ProtocolError("not_allowed", "commands are for the trainer", message.id)
        before = {t.number: len(t.messages) for t in classroom.tables}
        try:
            number = getattr(message.do, "table", None)
            numbers = [number] if number else [t.number for t in classroom.tables]
            await classroom.on_tables(numbers, classroom.command, message.do)
        except p.ProtocolError as err:
            err.request_id = message.id
            raise
        hub.new_messages(before)
        hub.acknowledged(conn, message.id, True, "")
