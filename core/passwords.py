"""Password rules beyond Django's own: the center's own words are the first thing anyone guesses."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The product's and the trade's words, in characters and pinyin; settings.CENTER_WORDS adds the zone's
# own (its name, its abbreviation). "demo" is here because the demo center's password is juneng-demo-2026.
BUILT_IN_WORDS = (
    "juneng", "聚能", "jn",
    "zhaoshang", "招商", "zhaoshangzhongxin", "招商中心", "zs",
    "kaifaqu", "开发区", "yuanqu", "园区", "zhongxin", "中心",
    "demo", "admin", "password", "passw0rd",
)  # fmt: skip
# How many characters of its own a password must have besides those words, digits and punctuation.
MIN_OWN_CHARACTERS = 4
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class CenterWordsPasswordValidator:
    """Refuses a password made of the center's words with digits, years or punctuation around them —
    juneng2026, Zhaoshang-2026!, 聚能@2026, jun3ng2026 — case and full-width forms ignored. A password
    that uses such a word among enough characters of its own (juneng-lotus-river-88) is fine."""

    def __init__(self, words: list[str] | None = None, min_own_characters: int = MIN_OWN_CHARACTERS):
        self.extra_words = list(words or [])
        self.min_own_characters = min_own_characters

    def words(self) -> list[str]:
        words = {_normalise(w) for w in (*BUILT_IN_WORDS, *self.extra_words, *settings.CENTER_WORDS) if w.strip()}
        return sorted(words, key=len, reverse=True)  # longest first: 招商中心 before 招商

    def _center_word_in(self, password: str) -> str | None:
        for candidate in {_normalise(password), _normalise(password).translate(LEET)}:
            found = None
            rest = candidate
            for word in self.words():
                if word in rest:
                    found = found or word
                    rest = rest.replace(word, " ")
            own = re.sub(r"[\W\d_]", "", rest)  # letters (any script) that are not the center's words
            if found and len(own) < self.min_own_characters:
                return found
        return None

    def validate(self, password: str, user=None) -> None:
        word = self._center_word_in(password)
        if word:
            raise ValidationError(
                _(
                    "This password is built from the center's own words (“%(word)s”) with digits or years "
                    "around them: anyone who knows the center would guess it. Add words of your own."
                ),
                code="password_center_words",
                params={"word": word},
            )

    def get_help_text(self) -> str:
        return _("Your password can't be the center's or the product's name with digits or a year around it.")
