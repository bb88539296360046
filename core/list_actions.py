"""Buttons that apps above a list page add to it, without the list's app knowing them (exports adds its
download menu to the project, company, activity and follow-up lists in its AppConfig.ready()).

An action is `(context) -> str`: it renders its own HTML from the page's template context (the request
in it: the user, the current filters); `{% list_actions "projects" %}` (core's `juneng` tags) shows them."""

from collections.abc import Callable

LIST_ACTIONS: dict[str, list[Callable]] = {}


def register_list_action(list_name: str, action: Callable) -> None:
    actions = LIST_ACTIONS.setdefault(list_name, [])
    if action not in actions:
        actions.append(action)


def actions_for(list_name: str) -> list[Callable]:
    return LIST_ACTIONS.get(list_name, [])
