"""Response shapes: the contract ``/openapi.json`` publishes (TIES.md field names)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Every 4xx/5xx body."""

    error: str = Field(description="Stable code, e.g. unknown_organization, bad_date")
    message: str = Field(description="What went wrong and what to do")


class Overview(BaseModel):
    """What the store holds."""

    articles: int
    ties: int
    organizations: int
    outlets: int
    first: str | None = Field(description="Earliest article date")
    last: str | None = Field(description="Latest article date")
    types: dict[str, float] = Field(description="Tie type -> weight (TIES.md)")


class Org(BaseModel):
    """An organization and how many ties and articles it appears in."""

    name: str
    kind: str | None
    ties: int
    articles: int
    aliases: list[str]


class OrgPage(BaseModel):
    """A page of organizations."""

    items: list[Org]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last")


class Span(BaseModel):
    """A party's mention inside the evidence, offsets relative to the evidence."""

    org: str
    start: int
    end: int


class Tie(BaseModel):
    """One tie (TIES.md fields) with its article's date, outlet, url and title."""

    id: str
    article_id: str
    source: str
    target: str
    type: str
    modality: str
    hedged: bool
    attributed_to: str | None
    actor: str | None
    score: float
    evidence: str
    start: int = Field(description="Offset of the evidence in the article text")
    end: int
    date: str | None
    outlet: str | None
    url: str | None
    title: str | None
    corroboration: int | None = Field(
        None, description="Independent outlets stating this claim; syndicated copies count once"
    )
    before: str | None = Field(None, description="Article text just before the evidence")
    after: str | None = Field(None, description="Article text just after the evidence")
    parties: list[Span] = Field(default_factory=list)


class TiePage(BaseModel):
    """A page of ties, newest first."""

    items: list[Tie]
    limit: int
    offset: int
    next_offset: int | None


class TieDetail(Tie):
    """One tie as evidence: sentence, offsets, context and article metadata."""

    event_date: str | None
    extractor: str | None


class Article(BaseModel):
    """An article's metadata (its text stays on the server)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: str | None
    chars: int
    ties: int
    tie_ids: list[str]


class Period(BaseModel):
    """One period of a pair's timeline (see tieline.analyse.timeline)."""

    start: str
    score: float | None
    ties: int
    counts: dict[str, int]
    corroboration: dict[str, int]
    public: float | None
    reported: float | None
    divergence: float | None
    divergence_text: str | None
    tie_ids: list[str]


class Timeline(BaseModel):
    """A pair's periods, oldest first."""

    a: str
    b: str
    by: str = Field(description="week, month or quarter")
    date: str = Field(description="report or event")
    periods: list[Period]


class Alert(BaseModel):
    """A pair's turn between cooperation and conflict (see tieline.analyse.strain)."""

    pair: list[str]
    turning_date: str
    direction: str = Field(description="to_conflict or to_cooperation")
    magnitude: float
    driving_tie_ids: list[str]
    before: float
    after: float
    p_value: float
    divergence: str | None


class AlertPage(BaseModel):
    """A page of alerts, newest first."""

    items: list[Alert]
    limit: int
    offset: int
    next_offset: int | None


class GraphNode(BaseModel):
    """An organization in the window's graph (see tieline.analyse.graph)."""

    org: str
    degree: int
    centrality: float
    betweenness: float
    bloc: int | None = Field(description="Index into blocs, or null")


class GraphEdge(BaseModel):
    """A pair tied in the window: ties, articles, hedge-weighted mean score, ties by type."""

    a: str
    b: str
    ties: int
    articles: int
    score: float
    types: dict[str, int]
    last: str | None = Field(description="Date of the pair's latest tie in the window")
    relation: str = Field(description="partner, rival or mixed")


class Pattern(BaseModel):
    """A structural-balance pattern around the requested organization."""

    pattern: str = Field(description="partner of my rival, or rival of my partner")
    org: str
    via: str
    direct: str | None


class Graph(BaseModel):
    """Nodes, edges, cooperation blocs and (with org) balance patterns of a window."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    blocs: list[list[str]]
    patterns: list[Pattern]
