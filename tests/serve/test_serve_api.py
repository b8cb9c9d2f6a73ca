"""The JSON API on a real store of invented articles: resources, filters, pages, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from serve_corpus import SCRIPT, text_of


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_overview_counts_the_store(client: TestClient) -> None:
    body = get(client, "/api/overview")
    assert body["articles"] == 11 and body["ties"] >= 10
    assert (body["first"], body["last"]) == ("2024-01-10", "2025-04-22")
    assert body["types"]["SUE"] == -7


def test_orgs_are_searched_by_name_and_alias(client: TestClient) -> None:
    assert [o["name"] for o in get(client, "/api/orgs?q=plim")["items"]] == ["Plimco"]
    # "Zorvex" is a name and part of "Zorvex Capital": the exact match comes first.
    assert get(client, "/api/orgs?q=zorvex")["items"][0]["name"] == "Zorvex"
    assert get(client, "/api/orgs/zorvex%20inc.")["name"] == "Zorvex"
    assert get(client, "/api/orgs?q=nobody")["items"] == []


def test_ties_filter_like_the_cli(client: TestClient) -> None:
    pair = get(client, "/api/ties?pair=Plimco&pair=Zorvex")["items"]
    assert {t["type"] for t in pair} >= {"PARTNER", "SUE", "CRITICIZE", "END"}
    assert [t["date"] for t in pair] == sorted((t["date"] for t in pair), reverse=True)
    sued = get(client, "/api/ties?org=Zorvex&type=sue&since=2025-01-01&until=2025-01-31")
    assert [(t["source"], t["target"]) for t in sued["items"]] == [("Zorvex", "Plimco")]


def test_ties_are_paginated_with_a_capped_page_size(client: TestClient) -> None:
    first = get(client, "/api/ties?limit=4")
    second = get(client, f"/api/ties?limit=4&offset={first['next_offset']}")
    assert first["next_offset"] == 4 and len(first["items"]) == 4
    assert not {t["id"] for t in first["items"]} & {t["id"] for t in second["items"]}
    assert get(client, "/api/ties?limit=500")["next_offset"] is None
    assert get(client, "/api/ties?limit=501", 400)["error"] == "bad_parameter"


def test_a_tie_is_its_evidence_with_offsets_context_and_article(client: TestClient) -> None:
    sue = get(client, "/api/ties?pair=Zorvex&pair=Plimco&type=SUE&since=2025-01-01")["items"]
    tie = get(client, f"/api/ties/{sue[-1]['id']}?context=60")
    text = text_of(tie["article_id"])
    assert text[tie["start"] : tie["end"]] == tie["evidence"]
    assert text[tie["end"] :].startswith(tie["after"]) and SCRIPT in tie["after"]
    assert (tie["outlet"], tie["date"]) == ("Harbor Post", "2025-01-12")
    assert tie["modality"] == "asserted" and not tie["hedged"]
    parties = {(p["org"], tie["evidence"][p["start"] : p["end"]]) for p in tie["parties"]}
    assert parties == {("Zorvex", "Zorvex"), ("Plimco", "Plimco")}


def test_article_metadata_has_no_text(client: TestClient) -> None:
    article = get(client, "/api/articles/z6")
    assert article["url"] == "https://example.com/z6" and article["ties"] == len(article["tie_ids"])
    assert "text" not in article and article["chars"] == len(text_of("z6"))


def test_pair_timeline_and_turn(client: TestClient) -> None:
    timeline = get(client, "/api/pairs/zorvex/plimco/timeline?by=quarter")
    assert (timeline["a"], timeline["b"], timeline["by"]) == ("Zorvex", "Plimco", "quarter")
    scored = [p["score"] for p in timeline["periods"] if p["score"] is not None]
    assert scored[0] > 0 > scored[-1]
    turns = get(client, "/api/pairs/Zorvex/Plimco/turns")
    assert [t["direction"] for t in turns] == ["to_conflict"]


def test_alerts_feed_lists_the_turn(client: TestClient) -> None:
    alerts = get(client, "/api/alerts")["items"]
    assert [(a["pair"], a["direction"]) for a in alerts] == [(["Plimco", "Zorvex"], "to_conflict")]
    assert get(client, "/api/alerts?since=2026-01-01")["items"] == []


def test_graph_of_a_window_and_around_an_org(client: TestClient) -> None:
    whole = get(client, "/api/graph")
    assert {"Zorvex", "Plimco", "Brinemoor"} <= {n["org"] for n in whole["nodes"]}
    early = get(client, "/api/graph?until=2024-03-31")
    assert {(e["a"], e["b"]) for e in early["edges"]} <= {(e["a"], e["b"]) for e in whole["edges"]}
    assert all(e["last"] <= "2024-03-31" for e in early["edges"])
    around = get(client, "/api/graph?org=Brinemoor&depth=1")
    assert {n["org"] for n in around["nodes"]} == {"Brinemoor", "Plimco"}


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/orgs/Nobody%20Ltd", 404, "unknown_organization"),
        ("/api/ties?org=Nobody", 404, "unknown_organization"),
        ("/api/pairs/Zorvex/Nobody/timeline", 404, "unknown_organization"),
        ("/api/alerts?org=Nobody", 404, "unknown_organization"),
        ("/api/ties?since=last%20week", 400, "bad_date"),
        ("/api/ties?since=2025-02-01&until=2025-01-01", 400, "bad_date"),
        ("/api/graph?until=soon", 400, "bad_date"),
        ("/api/ties?type=HUG", 400, "bad_parameter"),
        ("/api/ties?pair=Zorvex", 400, "bad_parameter"),
        ("/api/ties?limit=0", 400, "bad_parameter"),
        ("/api/pairs/Zorvex/Plimco/timeline?by=decade", 400, "bad_parameter"),
        ("/api/graph?depth=9", 400, "bad_parameter"),
        ("/api/ties/0000", 404, "not_found"),
        ("/api/articles/nope", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
    ],
)
def test_errors_are_json_with_a_code_and_a_message(
    client: TestClient, url: str, status: int, code: str
) -> None:
    body = get(client, url, status)
    assert body["error"] == code and body["message"]


def test_openapi_is_the_contract_and_docs_are_local(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    assert {"/api/orgs", "/api/ties", "/api/ties/{tie_id}", "/api/graph", "/api/alerts"} <= set(
        spec["paths"]
    )
    ties = spec["paths"]["/api/ties"]["get"]["responses"]
    assert "400" in ties and "422" not in ties
    docs = client.get("/docs").text
    assert "/static/js/docs.js" in docs and "cdn" not in docs.lower()
