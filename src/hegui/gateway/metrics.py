"""Prometheus metrics of one gateway app (its own registry: no global state)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "hegui_requests", "Requests answered, by operation, status and decision",
            ["operation", "status", "decision"], registry=self.registry,
        )
        self.refusals = Counter(
            "hegui_refusals", "Refused requests, by stage (input/output)", ["stage"],
            registry=self.registry,
        )
        self.stream_stops = Counter(
            "hegui_stream_stops", "Streams stopped mid-answer", registry=self.registry
        )
        self.latency = Histogram(
            "hegui_request_seconds", "Time from request to the end of the answer", ["operation"],
            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120),
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "hegui_upstream_errors", "Upstream failures, by kind", ["kind"], registry=self.registry
        )
        self.pending_records = Gauge(
            "hegui_records_pending", "Audit records waiting to be written", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
