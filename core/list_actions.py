"""What apps above a page add to it, without the page's app knowing them: buttons on a list (exports adds its
download menu to the project, company, activity and follow-up lists in its AppConfig.ready()) and sections
of a landing page ("my_day": supervision adds the person's open 督办).

An action is `(context) -> str`: it renders its own HTML from the page's template context (the request
in it: the user, the current filters), bounded and in a fixed number of queries; `{% list_actions "projects" %}`
(core's `juneng` tags) shows them, in the order registered."""

from collections.abc import Callable

LIST_ACTIONS: dict[str, list[Callable]] = {}


def register_list_action(list_name: str, action: Callable) -> None:
    actions = LIST_ACTIONS.setdefault(list_name, [])
    if action not in actions:
        actions.append(action)


def actions_for(list_name: str) -> list[Callable]:
    return LIST_ACTIONS.get(list_name, [])
