"""Settings of the operations console and public pages (`console:` in the config file)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ProcessStep(BaseModel):
    """One step of the published complaint-handling process (shown on the public page)."""

    model_config = ConfigDict(extra="forbid")
    zh: str
    en: str = ""


def _default_steps() -> list[ProcessStep]:
    return [
        ProcessStep(zh="提交投诉或举报，获得受理编号", en="Submit a complaint or report and get a ticket"),
        ProcessStep(zh="工作人员核查内容与记录", en="Staff check the content and the records"),
        ProcessStep(zh="答复处理结果（处理、驳回须说明理由）", en="Reply with the outcome (reasons are given)"),
        ProcessStep(zh="对结果不服可再次投诉（申诉）", en="Disagree? File an appeal as a new complaint"),
    ]


class IdentityConfig(BaseModel):
    """How a personal-information request proves who it comes from: the app's own proof."""

    model_config = ConfigDict(extra="forbid")
    app_secret: str = Field(
        default="", description="shared secret the app signs identity tokens with (HMAC-SHA256); empty = off"
    )
    callback_url: str = Field(
        default="", description="app-side URL that answers {\"verified\": true} for a user and proof; empty = off"
    )
    callback_timeout_s: float = Field(default=5.0, gt=0, le=60)
    token_max_age_s: int = Field(default=3600, gt=0, description="oldest identity token accepted")


class ConsoleConfig(BaseModel):
    """Operations console: accounts, queues, deadlines and the public pages."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = Field(default=True, description="mount /console and /public in `hegui serve`")
    provider_name: str = Field(default="本服务提供者", description="shown on public pages and exports")
    contact: str = Field(default="", description="complaint channels besides the web form (phone, e-mail)")
    complaint_reply_hours: int = Field(
        default=168, gt=0, description="published time limit to reply to a complaint or report"
    )
    complaint_process: list[ProcessStep] = Field(default_factory=_default_steps)
    privacy_request_days: int = Field(default=15, gt=0, description="time limit for personal-information requests")
    privacy_delete_keeps_logs: bool = Field(
        default=False, description="on deletion, keep request log rows (≥ 6 months) unlinked from the person "
        "instead of deleting them"
    )
    fix_task_days: int = Field(default=90, gt=0, description="due date of a fix-the-model task (2023 draft: 3 months)")
    session_minutes: int = Field(default=480, gt=0, description="staff session lifetime")
    lockout_failures: int = Field(default=5, gt=0, description="failed logins before an account is locked")
    lockout_minutes: int = Field(default=15, gt=0)
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto", description="Secure cookie flag: auto = when the request came over https"
    )
    trust_forwarded_proto: bool = Field(
        default=False, description="believe X-Forwarded-Proto from a reverse proxy when deciding https"
    )
    public_rate_limit: int = Field(default=10, gt=0, description="public submissions per client address per window")
    public_rate_window_s: int = Field(default=60, gt=0)
    login_rate_limit: int = Field(default=20, gt=0, description="login attempts per client address per window")
    max_content_chars: int = Field(default=5000, gt=0, description="longest complaint text accepted")
    max_body_bytes: int = Field(default=65536, gt=0, description="largest public request body accepted")
    identity: IdentityConfig = Field(default_factory=IdentityConfig)
    feature_library_dir: str = Field(
        default="feature-library", description="folder (relative to the data dir) the gateway loads blocked content from"
    )
