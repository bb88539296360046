from tests.projects.conftest import other_group, team_people  # noqa: F401  (the projects tests' people)
