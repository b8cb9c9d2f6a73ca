"""One router per resource; each route calls Store, store.queries or tieline.analyse."""

from fastapi import APIRouter

from tieline.serve.routes import alerts, articles, graph, meta, orgs, pairs, ties

ROUTERS: tuple[APIRouter, ...] = (
    meta.router,
    orgs.router,
    ties.router,
    pairs.router,
    alerts.router,
    articles.router,
    graph.router,
)
