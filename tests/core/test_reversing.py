"""The cached reversing gives what `reverse()` gives, for every route of one integer key, also under a
script prefix (a deployment below a sub-path) and for keys of any length."""

import re

import pytest
from django.urls import get_resolver, reverse, set_script_prefix

from core.reversing import reverse_pk
from tests.core.test_login_required import ALL_ROUTES


def _one_int_routes() -> list[str]:
    names = []
    for name, route in ALL_ROUTES:
        parameters = re.findall(r"<(\w+):(\w+)>", route)
        if name and len(parameters) == 1 and parameters[0][0] == "int":
            names.append(name)
    return names


def test_every_route_of_one_key_reverses_the_same():
    names = _one_int_routes()
    assert len(names) > 40
    for name in names:
        for pk in (1, 42, 10**12):
            assert reverse_pk(name, pk) == reverse(name, args=[pk]), name
    set_script_prefix("/juneng/")
    try:
        assert reverse_pk("projects:project_detail", 7) == reverse("projects:project_detail", args=[7])
        assert reverse_pk("projects:project_detail", 7).startswith("/juneng/")
    finally:
        set_script_prefix("/")


def test_a_route_without_one_integer_key_is_refused():
    with pytest.raises(Exception):  # noqa: B017 (NoReverseMatch or the assertion)
        reverse_pk("projects:project_list", 1)
    assert get_resolver()  # the URLconf is intact afterwards
