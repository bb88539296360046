"""How a delivery reaches people: the in-app notification centre, email, and group robots."""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core import mail

from reminders.models import Delivery, GroupWebhook, Notification, robot_url_error

WEBHOOK_TIMEOUT_SECONDS = 5


class ChannelUnavailable(Exception):
    """The delivery cannot be sent on this channel at all (no address): no point in retrying."""


def send_in_app(delivery: Delivery) -> None:
    """Runs in the transaction that marks the delivery sent; the one-to-one link makes it exactly once."""
    Notification.objects.get_or_create(
        delivery=delivery,
        defaults={
            "recipient_id": delivery.recipient_id,
            "kind": delivery.kind,
            "title": delivery.title,
            "body": delivery.body,
            "url": delivery.url,
        },
    )


def send_email(delivery: Delivery) -> None:
    address = delivery.recipient.email if delivery.recipient else ""
    if not address:
        raise ChannelUnavailable("no email address")
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{delivery.url}" if delivery.url else ""
    mail.send_mail(
        subject=f"[聚能 Juneng] {delivery.title}",
        message=f"{delivery.body}{link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )


def dingtalk_signed_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """DingTalk robots with 加签: timestamp and base64(HMAC-SHA256(secret, "timestamp\\nsecret")) as URL params."""
    timestamp_ms = timestamp_ms or int(time.time() * 1000)
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}timestamp={timestamp_ms}&sign={sign}"


def webhook_payload(delivery: Delivery) -> dict:
    """Both robots take a plain text message in the same shape."""
    link = f"\n{settings.SITE_URL.rstrip('/')}{delivery.url}" if delivery.url else ""
    return {"msgtype": "text", "text": {"content": f"{delivery.title}\n{delivery.body}{link}".strip()}}


def send_webhook(delivery: Delivery) -> None:
    webhook = GroupWebhook.objects.filter(team_id=delivery.team_id, is_active=True).first()
    if webhook is None:
        raise ChannelUnavailable("the group has no active robot")
    if error := robot_url_error(webhook.provider, webhook.url):  # saved before the check existed
        raise ChannelUnavailable(f"refused robot URL: {error}")
    url = webhook.url
    if webhook.provider == GroupWebhook.Provider.DINGTALK and webhook.secret:
        url = dingtalk_signed_url(url, webhook.secret)
    request = urllib.request.Request(
        url,
        data=json.dumps(webhook_payload(delivery), ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    # The URL passed robot_url_error above (https, the provider's own host): bandit B310 is a false alarm.
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310  # nosec B310
        answer = json.loads(response.read().decode() or "{}")
    if answer.get("errcode", 0) != 0:  # both robots answer {"errcode": 0, "errmsg": "ok"}
        raise RuntimeError(f"robot refused the message: {answer}")


SENDERS = {"in_app": send_in_app, "email": send_email, "webhook": send_webhook}
