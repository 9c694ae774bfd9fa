"""A detector that asks a guard LLM behind an OpenAI-compatible endpoint for its verdict.

One `POST {endpoint}/chat/completions` per text (the text as the user message, temperature 0);
the reply is parsed by the configured format and its categories mapped to our risk codes. A
timeout, an HTTP error or a malformed verdict is retried `retries` times, then raised: the
checker refuses (fail closed). A circuit breaker per instance stops calling a server that keeps
failing and raises at once while open. `fail_open: true` reports nothing instead of raising.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from hegui.classify.breaker import CircuitBreaker, CircuitOpenError
from hegui.classify.config import GuardLLMConfig
from hegui.classify.guard_formats import DEFAULT_MAPPINGS, PARSERS, GuardVerdict, GuardVerdictError
from hegui.taxonomy import is_risk_code
from hegui.text.normalize import Normalized
from hegui.types import Finding


class GuardLLMError(RuntimeError):
    """The guard model could not give a verdict (after retries)."""


class GuardLLMDetector:
    """Whole-text findings from a guard model; `stride`/`window` drive streaming use."""

    def __init__(
        self,
        config: GuardLLMConfig,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = config.name
        self.config = config
        self.stride = config.stride
        self.window = config.window
        self._parse = PARSERS[config.format]
        self._mapping = {**DEFAULT_MAPPINGS[config.format], **config.mapping}
        self._folded = {k.lower(): v for k, v in self._mapping.items()}
        headers = {"Content-Type": "application/json"}
        if config.api_key is not None:
            headers["Authorization"] = f"Bearer {config.api_key.get_secret_value()}"
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(config.timeout_s), headers=headers
        )
        self._headers = headers
        self.breaker = CircuitBreaker(config.breaker_failures, config.breaker_reset_s, clock)

    def close(self) -> None:
        self._client.close()

    def detect(self, norm: Normalized) -> list[Finding]:
        if not norm.raw.strip():
            return []
        try:
            verdict = self.verdict(norm.raw)
        except (GuardLLMError, CircuitOpenError):
            if self.config.fail_open:
                return []
            raise
        return self._findings(norm.raw, verdict)

    def verdict(self, text: str) -> GuardVerdict:
        """Ask the model, with retries, through the breaker."""
        self.breaker.before_call()
        last = ""
        for _attempt in range(self.config.retries + 1):
            try:
                verdict = self._parse(self._ask(text))
            except (httpx.HTTPError, GuardVerdictError, ValueError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                continue
            self.breaker.success()
            return verdict
        self.breaker.failure()
        raise GuardLLMError(f"no verdict from {self.config.model} ({last})")

    def _ask(self, text: str) -> str:
        body = {
            "model": self.config.model,
            "messages": [{"role": "user", "content": text}],
            "temperature": 0,
            "max_tokens": self.config.max_tokens,
        }
        resp = self._client.post(
            f"{self.config.endpoint}/chat/completions", json=body, headers=self._headers
        )
        resp.raise_for_status()
        data = resp.json()
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise GuardVerdictError("response has no choices[0].message.content") from None
        if not isinstance(content, str):
            raise GuardVerdictError("message content is not a string")
        return content

    def _findings(self, text: str, verdict: GuardVerdict) -> list[Finding]:
        if verdict.severity == "safe":
            return []
        if verdict.severity == "controversial":
            if self.config.controversial == "loose":
                return []
            score = self.config.controversial_score
        else:
            score = 1.0 if verdict.score is None else verdict.score
        codes = self.risks_of(verdict.categories)
        reason = f"{self.config.model}: {verdict.severity}"
        if verdict.categories:
            reason += f" ({', '.join(verdict.categories)})"
        return [Finding(self.name, code, 0, len(text), score, reason) for code in codes]

    def risks_of(self, categories: tuple[str, ...]) -> list[str]:
        """Our risk codes for the model's categories; unmapped ones give `default_risk`."""
        codes: list[str] = []
        for cat in categories or ("",):
            mapped = self._mapping.get(cat) or self._folded.get(cat.lower())
            if mapped is None:
                mapped = [cat] if is_risk_code(cat) else [self.config.default_risk]
            codes.extend(c for c in mapped if c not in codes)
        return codes
