"""The masking rules (脱敏) of a masked export, in one place. They apply to investor-side personal data —
contact people's names, phones, WeChat IDs, emails, addresses, and phone numbers, emails and contact names
found in free text; colleagues' names (owners, authors) are the center's own staff and stay as they are.

    mask_name("刘德华") == "刘**"; mask_name("刘伟") == "刘*"
    mask_phone("13812341234") == "138****1234"; mask_phone("0571-88886666") == "0571-****66"
    mask_email("liu.wei@example.cn") == "l***@example.cn"
    mask_address("浙江省杭州市西湖区文三路100号") == "浙江省杭州市西湖区"
"""

import re
from collections.abc import Iterable

STAR = "*"
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
# 010 and 02x have three digits, other area codes four; the local number seven or eight digits
_LANDLINE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(0(?:10|2\d|[3-9]\d{2}))[\s-]?(\d{3,4})[\s-]?(\d{3,4})(?!\d)")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# where an address stops being a district: the first 区/县/旗 that is not part of 自治区, else the last 市
_DISTRICT_END = re.compile(r"(?<!自治)[区县旗]")


def mask_name(name: str) -> str:
    """The surname and one star per other character (at most three): 刘**, 刘*, 欧***; Latin names alike."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + STAR * min(len(name) - 1, 3)


def _mobile(match: re.Match) -> str:
    return f"{match[1]}****{match[3]}"


def _landline(match: re.Match) -> str:
    local = match[2] + match[3]
    return f"{match[1]}-****{local[-2:]}"


def mask_phone(phone: str) -> str:
    """A mobile number as 138****1234, a landline as its area code and the last two digits (0571-****66);
    anything else keeps only its last two digits."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if (masked := _MOBILE.sub(_mobile, phone)) != phone or (masked := _LANDLINE.sub(_landline, phone)) != phone:
        return masked
    digits = re.sub(r"\D", "", phone)
    return "****" + digits[-2:] if len(digits) >= 6 else "****"


def mask_handle(handle: str) -> str:
    """A WeChat ID or similar: its first character and three stars."""
    handle = (handle or "").strip()
    return handle[0] + STAR * 3 if handle else ""


def mask_email(email: str) -> str:
    email = (email or "").strip()
    if "@" not in email:
        return mask_handle(email)
    local, _at, domain = email.rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_address(address: str) -> str:
    """Cut after the district (区/县/旗, not 自治区) or, without one, after the last 市; nothing finer."""
    address = (address or "").strip()
    if match := _DISTRICT_END.search(address):
        return address[: match.end()]
    if (city := address.rfind("市")) >= 0:
        return address[: city + 1]
    if (province := address.find("省")) >= 0:
        return address[: province + 1]
    return ""


def mask_text(text: str, *, names: Iterable[str] = ()) -> str:
    """Free text (a summary, a follow-up's title) with its phone numbers, emails and the given people's
    full names masked; 刘总 (surname and title) is how people are named and stays."""
    text = text or ""
    text = _EMAIL.sub(lambda m: f"{m[1]}***@{m[2]}", text)
    text = _MOBILE.sub(_mobile, text)
    text = _LANDLINE.sub(_landline, text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
