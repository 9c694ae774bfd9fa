"""Who may be served: identity, the user ladder (Art. 14 ¶2) and the minors mode (Art. 10)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hegui.gateway.config import GatewayConfig
from hegui.gateway.context import RequestContext
from hegui.gateway.counters import Counters
from hegui.gateway.errors import GatewayError
from hegui.records.store import Store, now_utc
from hegui.records.users import ACTIVE, UserRecord, apply_action, get_user

LADDER_ACTOR = "hegui:ladder"


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def in_quiet_hours(local: datetime, start: str, end: str) -> bool:
    """True when `local` lies in [start, end), a range that may wrap past midnight."""
    now, s, e = local.hour * 60 + local.minute, _minutes(start), _minutes(end)
    return s <= now < e if s <= e else (now >= s or now < e)


class UserGuard:
    """Reads user states (cached briefly), enforces access rules, escalates on refusals."""

    def __init__(self, config: GatewayConfig, store: Store, counters: Counters,
                 clock: Callable[[], datetime] = now_utc) -> None:
        self._config = config
        self._store = store
        self.counters = counters
        self._clock = clock
        self._cache: dict[str, tuple[float, UserRecord]] = {}
        self._tz = ZoneInfo(config.minors.timezone)

    async def state(self, user: str) -> UserRecord:
        hit = self._cache.get(user)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            return hit[1]
        found = await asyncio.to_thread(get_user, self._store, user) or ACTIVE
        if self._config.user_cache_seconds > 0:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[user] = (now + self._config.user_cache_seconds, found)
        return found

    async def act(self, user: str, action: str, *, actor: str, reason: str = "",
                  until: datetime | None = None) -> UserRecord:
        record = await asyncio.to_thread(apply_action, self._store, user, action, actor=actor,
                                         reason=reason, until=until)
        self._cache.pop(user, None)
        return record

    def _blocked(self, code: str, status_text: str, reason: str) -> GatewayError:
        return GatewayError(403, code, f"账号{status_text}，暂停服务 (this user is {code.split('_')[1]}): "
                            f"{reason}", type_="permission_error", decision="refuse",
                            extra={"reason": reason, "appeal": self._config.ladder.appeal})

    async def admit(self, ctx: RequestContext) -> UserRecord:
        """Raise a 403/429 error when the request may not be served; return the user's state."""
        cfg = self._config
        if cfg.require_verified_identity and not ctx.verified:
            raise GatewayError(403, "identity_required",
                               "需要经过真实身份认证的用户 (only requests from users with a verified "
                               "identity are served: the app must mark them)", type_="permission_error",
                               decision="refuse")
        record = await self.state(ctx.user) if ctx.user else ACTIVE
        ctx.minor = ctx.minor or record.minor
        status = record.effective_status(self._clock())
        if status in ("suspended", "terminated"):
            reason = ("多次发送违规请求，服务已暂停，需人工解除 (repeated refused requests; service "
                      "suspended until a person lifts it)") if status == "suspended" else \
                     "服务已终止 (service terminated)"
            raise self._blocked("user_suspended", "已暂停" if status == "suspended" else "已终止", reason)
        if ctx.minor:
            await self._admit_minor(ctx)
        return record

    async def _admit_minor(self, ctx: RequestContext) -> None:
        minors = self._config.minors
        if minors.quiet_hours is not None:
            local = self._clock().astimezone(self._tz)
            if in_quiet_hours(local, *minors.quiet_hours):
                start, end = minors.quiet_hours
                raise GatewayError(403, "minor_quiet_hours",
                                   f"未成年人模式：{start}–{end} 暂停服务 (minors mode: no service "
                                   f"between {start} and {end})", type_="permission_error",
                                   decision="refuse")
        if minors.daily_limit and ctx.user:
            day = self._clock().astimezone(self._tz).strftime("%Y%m%d")
            used = await self.counters.incr(f"minor-day:{ctx.user}:{day}", 2 * 86400)
            if used > minors.daily_limit:
                raise GatewayError(429, "minor_daily_limit",
                                   f"未成年人模式：今日使用已达上限 {minors.daily_limit} 次 (minors mode: "
                                   f"daily limit of {minors.daily_limit} requests reached)",
                                   type_="rate_limit_error", decision="refuse")

    async def on_refusal(self, ctx: RequestContext, record: UserRecord) -> None:
        """Count a refused request; escalate on the ladder; 403 when already restricted."""
        ladder = self._config.ladder
        if not ladder.enabled or not ctx.user:
            return
        now = self._clock()
        before = record.effective_status(now)
        count = await self.counters.hit(f"refusals:{ctx.user}", ladder.window_hours * 3600)
        reason = f"{count} 次违规请求 / {ladder.window_hours:g} 小时 ({count} refused requests)"
        if count >= ladder.suspend_after and before not in ("suspended", "terminated"):
            await self.act(ctx.user, "suspend", actor=LADDER_ACTOR, reason=reason)
        elif count >= ladder.restrict_after and before == "active":
            until = now + timedelta(minutes=ladder.restrict_minutes)
            await self.act(ctx.user, "restrict", actor=LADDER_ACTOR, reason=reason, until=until)
        if before == "restricted":
            ends = record.restricted_until.isoformat() if record.restricted_until else "?"
            raise self._blocked("user_restricted", "受限",
                                f"多次发送违规请求，功能受限至 {ends} (repeated refused requests; "
                                f"restricted until {ends})")
