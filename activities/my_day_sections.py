"""Sections that apps above `activities` add to My day, without `activities` knowing them (supervision adds
the person's open 督办 in its AppConfig.ready()).

A section is `(context) -> str`: it renders its own HTML from the page's template context (the request in
it: the user), bounded and in a fixed number of queries; `{% my_day_sections %}` (activities' `my_day`
tags) shows them, in the order registered."""

from collections.abc import Callable

MY_DAY_SECTIONS: list[Callable] = []


def register_my_day_section(render: Callable) -> None:
    if render not in MY_DAY_SECTIONS:
        MY_DAY_SECTIONS.append(render)
