"""FastAPI application: the REST API over the event store and the dashboard.

Read endpoints are open; ``POST /articles`` needs ``Authorization: Bearer <token>`` and is
disabled altogether when the server has no token. Every response carries a strict
Content-Security-Policy (scripts only from this server, no inline script) besides the
dashboard's own rule of rendering untrusted article text as text, never as HTML.
"""

from __future__ import annotations

import hmac
import json
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from marsad import __version__
from marsad.ids import content_hash
from marsad.store import EventFilter, Store, open_store

STATIC = Path(__file__).parent / "static"
MAX_POST_ARTICLES = 100
MAX_BODY_BYTES = 32 * 1024 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# The API documentation pages (Swagger UI, ReDoc) start themselves with an inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")


class SecurityHeaders:
    """Pure ASGI middleware adding security headers to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("method") == "POST":
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY_BYTES:
                await send({"type": "http.response.start", "status": 413,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b"request body missing a length or too large"})
                return
        csp = (DOCS_CSP if scope.get("path", "").startswith(DOCS_PATHS) else CSP).encode()

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", csp), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- request and response models (the OpenAPI documentation) ------------------------------------
class ArticleIn(BaseModel):
    """An article to extract events from: exactly one of ``text`` or ``html``."""

    doc_id: str | None = Field(None, description="default: a hash of the text")
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date or datetime of publication")
    url: str | None = None
    source: str | None = None


class ArticleResult(BaseModel):
    doc_id: str
    status: str = Field(description="inserted | replaced | unchanged")
    events: list[str]
    error: dict[str, str] | None = None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]] = Field(description="SCHEMA event objects, each with doc_id and an article summary")


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


async def event_filter(
    date_from: Annotated[date | None, Query(description="events on or after this date")] = None,
    date_to: Annotated[date | None, Query(description="events on or before this date")] = None,
    country: Annotated[list[str] | None, Query(description="ISO 3166-1 alpha-2 code (repeatable, or comma-separated)")] = None,
    admin1: Annotated[list[str] | None, Query(description="first-level administrative division (repeatable)")] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type (repeatable)")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type (repeatable)")] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name or text (either side)")] = None,
    source: Annotated[str | None, Query(description="part of a claim source's name or text, or the article's source")] = None,
    disputed: Annotated[bool | None, Query(description="only disputed (true) or undisputed (false) events")] = None,
    q: Annotated[str | None, Query(description="words in the article (Arabic-normalised full text)")] = None,
    doc_id: Annotated[str | None, Query(description="events of one article")] = None,
) -> EventFilter:
    return EventFilter(
        date_from=date_from.isoformat() if date_from else None, date_to=date_to.isoformat() if date_to else None,
        country=[c.strip() for v in country or [] for c in v.split(",") if c.strip()], admin1=[a for a in admin1 or [] if a],
        event_type=[t for t in event_type or [] if t], sub_event_type=[t for t in sub_event_type or [] if t],
        actor=actor or None, source=source or None, disputed=disputed, q=q or None, doc_id=doc_id or None)


Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=0, le=1000, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
bearer = HTTPBearer(auto_error=False, description="the server's write token")


class ResponseCache:
    """Responses of the listing endpoints, by URL, valid while the store's data version holds
    (any write, by any process, changes it). Least recently used entries go first."""

    def __init__(self, store: Store, size: int) -> None:
        self.store = store
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], tuple[str, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    async def get(self, request: Request, compute: Callable[[], tuple[bytes, str]]) -> Response:
        """The cached response, else ``compute()`` run in the thread pool (a hit never leaves the event loop)."""
        if self.size <= 0:
            body, media = await run_in_threadpool(compute)
            return Response(body, media_type=media)
        version = self.store.data_version()
        key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == version:
                self._items.move_to_end(key)
                return Response(hit[1], media_type=hit[2])
        body, media = await run_in_threadpool(compute)
        with self._lock:
            self._items[key] = (version, body, media)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return Response(body, media_type=media)


def _json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def create_app(db: str | Store | None = None, *, token: str | None = None, cache_size: int | None = None) -> FastAPI:
    """The application over the store at ``db`` (path or URL; default env ``MARSAD_DB``).

    ``token`` (default env ``MARSAD_TOKEN``) enables ``POST /articles`` for requests bearing it.
    ``cache_size`` (default env ``MARSAD_RESPONSE_CACHE``, else 512; 0 disables) is the number of listing
    responses kept until the data changes.
    """
    db = db if db is not None else os.environ.get("MARSAD_DB", "marsad.db")
    token = token if token is not None else (os.environ.get("MARSAD_TOKEN") or None)
    if cache_size is None:
        cache_size = int(os.environ.get("MARSAD_RESPONSE_CACHE") or 512)
    store = db if isinstance(db, Store) else open_store(db, create=False)
    cache = ResponseCache(store, cache_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if not isinstance(db, Store):
            store.close()

    app = _new_app(lifespan)
    app.state.store = store
    app.add_middleware(SecurityHeaders)

    def require_writer(cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with a token (MARSAD_TOKEN or --token-file)")
        if cred is None or not hmac.compare_digest(cred.credentials.encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.get("/events", response_model=EventPage, tags=["events"], summary="Events, filtered and paged (newest first)")
    async def list_events(request: Request, f: Filters, limit: Limit = 50, offset: Offset = 0) -> Response:
        return await cache.get(request, lambda: (store.query_events_json(f, limit=limit, offset=offset), "application/json"))

    @app.get("/events.geojson", tags=["events"], summary="Events with coordinates as a GeoJSON FeatureCollection",
             response_class=JSONResponse)
    async def events_geojson(request: Request, f: Filters, limit: Annotated[int, Query(ge=0, le=100000)] = 10000) -> Response:
        def compute() -> tuple[bytes, str]:
            rows = store.geo_events(f, limit=limit)
            features = [{"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                         "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}} for r in rows]
            return _json({"type": "FeatureCollection", "features": features}), "application/geo+json"

        return await cache.get(request, compute)

    @app.get("/events/{event_id}", tags=["events"], summary="One event with its claims, evidence and article")
    def get_event(event_id: str) -> JSONResponse:
        item = store.get_event(event_id)
        if item is None:
            raise HTTPException(404, "no such event")
        return JSONResponse(item)

    @app.get("/articles", response_model=ArticlePage, tags=["articles"], summary="Articles, by full-text search")
    def list_articles(q: Annotated[str | None, Query(description="words (Arabic-normalised)")] = None,
                      limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        total, items = store.search_articles(q, limit=limit, offset=offset)
        return JSONResponse({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/articles/{doc_id}", tags=["articles"], summary="One article: its SCHEMA record")
    def get_article(doc_id: str) -> JSONResponse:
        rec = store.get_article(doc_id)
        if rec is None:
            raise HTTPException(404, "no such article")
        return JSONResponse(rec)

    @app.post("/articles", tags=["articles"], dependencies=[Depends(require_writer)], status_code=200,
              response_model=list[ArticleResult], summary="Submit articles for extraction (bearer token required)")
    def post_articles(body: ArticleIn | list[ArticleIn]) -> JSONResponse:
        items = body if isinstance(body, list) else [body]
        if len(items) > MAX_POST_ARTICLES:
            raise HTTPException(413, f"at most {MAX_POST_ARTICLES} articles per request")
        from marsad.api import extract

        results = []
        created = False
        for a in items:
            if (a.text is None) == (a.html is None):
                raise HTTPException(422, "give exactly one of text or html")
            doc_id = a.doc_id or "api-" + content_hash(a.text if a.text is not None else a.html or "")
            record = extract(text=a.text, html=a.html, published=a.published, doc_id=doc_id, title=a.title,
                             url=a.url, source=a.source).to_dict()
            status = store.upsert(record)
            created = created or status == "inserted"
            results.append({"doc_id": doc_id, "status": status, "events": [e["id"] for e in record["events"]],
                            "error": record["error"]})
        return JSONResponse(results, status_code=201 if created else 200)

    @app.get("/timeline", tags=["dashboard"], summary="Number of matching events per day or month")
    async def timeline(request: Request, f: Filters,
                 bucket: Annotated[str, Query(pattern="^(day|month|year)$")] = "day") -> Response:
        return await cache.get(request, lambda: (_json(store.timeline(f, bucket=bucket)), "application/json"))

    @app.get("/facets", tags=["dashboard"], summary="Values to filter on, with their numbers of events")
    async def facets(request: Request) -> Response:
        return await cache.get(request, lambda: (_json(store.facets()), "application/json"))

    @app.get("/health", tags=["dashboard"], summary="Liveness and store size")
    async def health(request: Request) -> Response:
        return await cache.get(request, lambda: (_json({"status": "ok", "version": __version__, "store": store.dialect,
                                                  "writes": bool(token), **store.counts()}), "application/json"))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _new_app(lifespan: Any) -> FastAPI:
    kwargs: dict[str, Any] = {
        "title": "marsad observatory",
        "version": __version__,
        "description": "Geocoded, source-attributed conflict events extracted from Arabic news (ACLED-style). "
                       "Read endpoints are open; POST /articles needs the server's bearer token.",
        "lifespan": lifespan,
    }
    try:  # API docs served from the package, no CDN (the machine may be offline)
        from fastapi_offline import FastAPIOffline
    except ImportError:
        return FastAPI(**kwargs)
    return FastAPIOffline(**kwargs)
