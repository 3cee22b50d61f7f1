"""Fold place names written in French or Arabic so that spellings of one name compare equal.

Pure functions, no data: :func:`fold` removes what does not tell two names
apart (case, accents, harakat, hamza and alef forms, punctuation, an
administrative prefix such as "Commune rurale de" or "جماعة"); :func:`phonetic_key`
goes further and merges the usual variants of transliteration ("Ouarzazate" /
"Warzazat", "Sidi Bou Othmane" / "Sidi Bouothmane") for fuzzy comparison.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic letters that other letters stand for in everyday writing; the hamza and
# madda carried by أ إ آ ؤ ئ are combining marks once decomposed (NFKD) and go
# with the harakat.
_ARABIC_LETTERS = str.maketrans({
    "ٱ": "ا",  # alef wasla
    "ة": "ه",  # ta marbuta
    "ى": "ي",  # alef maqsura
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # Persian kaf
    "ڭ": "ك",  # Moroccan gaf (g)
    "گ": "ك",
    "ڤ": "ف",  # veh (v)
    "ء": "",   # lone hamza
    "ـ": "",   # tatweel
    "œ": "oe",
    "æ": "ae",
})
_APOSTROPHES = "'’‘`´ʼʻ"
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
# Administrative words written before a commune's name; dropped only when a name follows.
_PREFIX = re.compile(
    r"^(?:"
    r"(?:commune|municipalite)(?: (?:rurale|urbaine|territoriale))?(?: (?:de|du|des|d))?"
    r"|cr|cu|jamaa|jemaa|jmaa"
    r"|(?:(?:ال)?جماعه(?: (?:ال)?(?:ترابيه|قرويه|حضريه))?|(?:ال)?بلديه)(?: ل)?"
    r") "
)
# Latin transliteration variants, applied in this order to a folded word.
_LATIN_VARIANTS = (("sh", "ch"), ("dj", "j"), ("ou", "u"), ("w", "u"), ("y", "i"), ("ck", "k"), ("q", "k"))
_REPEATS = re.compile(r"(.)\1+")


def is_arabic(text: str) -> bool:
    """Whether ``text`` holds any Arabic letter (then it is compared with Arabic names)."""
    return bool(_ARABIC.search(text))


def _plain_char(char: str) -> str:
    """A character of decomposed text: marks dropped, punctuation and symbols as a space."""
    category = unicodedata.category(char)
    if category == "Mn":  # accents, harakat, hamza above/below, madda
        return ""
    if char in _APOSTROPHES or category[0] in "PSZC":
        return " "
    return char


def fold(text: str) -> str:
    """``text`` in lower case without accents, harakat, punctuation or a leading administrative word.

    Apostrophes and hyphens become spaces and spaces are single:
    ``fold("Commune d'Aït-Ourir") == "ait ourir"``; ``fold("جماعة أَزْرُو") == "ازرو"``.
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold().translate(_ARABIC_LETTERS)
    spaced = " ".join("".join(map(_plain_char, decomposed)).split())
    stripped = _PREFIX.sub("", spaced, count=1)
    return stripped or spaced


def _latin_word(word: str) -> str:
    if word == "al":
        return "el"
    for variant, standard in _LATIN_VARIANTS:
        word = word.replace(variant, standard)
    word = _REPEATS.sub(r"\1", word)
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _arabic_word(word: str) -> str:
    # The article is often written as a bare lam (العثامنة / لعثامنة).
    return "ل" + word[2:] if len(word) > 3 and word.startswith("ال") else word


def phonetic_key(folded: str) -> str:
    """A key of a :func:`fold` ed name that merges transliteration variants, without spaces.

    Latin: ou/w → u, sh → ch, dj → j, y → i, q → k, doubled letters once, a
    final e dropped, "al" as "el". Arabic: a leading article ال as ل.
    ``phonetic_key(fold("Warzazat")) == phonetic_key(fold("Ouarzazate"))``.
    """
    word_key = _arabic_word if is_arabic(folded) else _latin_word
    return "".join(word_key(word) for word in folded.split())
