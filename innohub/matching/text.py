"""Words for lexical matching: jieba for Chinese, plain words for English and Hebrew.

Pure module (no Django models): the ranking, the evaluation command and the benchmark share it.
Chinese runs are segmented with jieba in search mode (a compound and its parts both count);
English words lose their plural ending; Hebrew words also index the forms without their
one-letter prefixes (ו, ה, ב, ל, מ, ש, כ) and plural endings, because Hebrew attaches them to
the word ("והמערכות" must meet "מערכת").
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import warnings
from functools import lru_cache
from typing import Any

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HEBREW = "\u05d0-\u05ea"
_RUNS = re.compile(rf"([{_CJK}]+)|([{_HEBREW}]+(?:[\"'\u05f3\u05f4][{_HEBREW}]+)*)|([A-Za-z0-9]+)")

_FINAL_LETTERS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ"})
_HEBREW_PREFIXES = "והבלמשכ"


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_STOPWORDS = frozenset(
    _words(
        """a about above after again against all also an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves per via etc e g ie eg looking look seek seeking want wants need needs offer
    offers provide provides company companies partner partners our us able using use used
    based new one two within across including include includes israel israeli china chinese
    startup startups help helps helping work works working make makes made get gets like well
    first every way ways want able"""
    )
)

CHINESE_STOPWORDS = frozenset(
    _words(
        """的 了 和 与 及 或 是 在 对 为 以 将 把 被 从 向 等 并 而 也 都 就 其 之 中 上 下 个 有 无
    我们 我司 公司 本公司 需要 寻找 希望 能够 可以 一种 一套 一个 进行 用于 通过 提供 实现 相关
    目前 主要 以及 如果 但是 因为 所以 这个 这些 那些 我们的 合作 方面 领域 项目 希望能 想要 求
    欢迎 联系 要求 具有 具备 能 会 要 让 使 该 此 每 各 以色列 中国 中以 初创 企业 我司是
    寻求 想找"""
    )
)

HEBREW_STOPWORDS = frozenset(
    _w.translate(_FINAL_LETTERS)
    for _w in _words(
        """של את עם על או גם כי זה זו זאת הוא היא הם הן אנו אנחנו אני יש אין כל לא כן
    אשר שלנו שלה שלו להם לנו מחפשים מחפשת מחפש מציעים מציעה מציע חברה חברת החברה אצל כמו בין
    עד אל מן מ ב ל ה ו ש כ לכל כך יותר פחות רק עוד כדי מאוד שלא ישראל ישראלי ישראלית
    ישראליים סין סיני סינית סיניים סטארט אפ אפים"""
    )
)

_jieba_lock = threading.Lock()
_jieba: Any = None


def _segmenter() -> Any:
    """jieba, initialised once per process and quietly (it logs to stderr while loading)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                with warnings.catch_warnings():
                    # jieba 0.42 has invalid escape sequences that newer Pythons warn about.
                    warnings.simplefilter("ignore")
                    import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def normalise(text: str) -> str:
    """Full-width to half-width and case-folded, so that "ＡＩ" and "ai" are one word."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def detect_language(text: str) -> str:
    """zh-hans, he or en: the script most of the letters are written in."""
    counts = {"zh-hans": 0, "he": 0, "en": 0}
    for char in text or "":
        if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
            counts["zh-hans"] += 1
        elif "\u05d0" <= char <= "\u05ea":
            counts["he"] += 1
        elif char.isascii() and char.isalpha():
            counts["en"] += 1
    # A Chinese character carries about as much as a word of four or five Latin letters.
    counts["zh-hans"] *= 3
    best = max(counts, key=lambda code: counts[code])
    return best if counts[best] else "en"


def _english_stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _hebrew_forms(word: str) -> list[str]:
    word = word.translate(_FINAL_LETTERS).replace('"', "").replace("'", "")
    word = word.replace("\u05f3", "").replace("\u05f4", "")
    forms = [word]
    stem = word
    # Up to two prefix letters ("וה", "של" …), keeping at least three letters of the word.
    for _i in range(2):
        if len(stem) > 4 and stem[0] in _HEBREW_PREFIXES:
            stem = stem[1:]
            forms.append(stem)
        else:
            break
    for form in list(forms):
        if len(form) > 4 and form.endswith(("ימ", "ות")):
            forms.append(form[:-2])
        elif len(form) > 3 and form.endswith("ה"):
            forms.append(form[:-1])
    if any(form in HEBREW_STOPWORDS for form in forms):
        return []
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=4096)
def _chinese_words(run: str) -> tuple[str, ...]:
    return tuple(_segmenter().lcut_for_search(run))


def tokenize(text: str) -> list[str]:
    """The lexical terms of a text in any of the three languages (duplicates kept for BM25)."""
    terms: list[str] = []
    # Case is kept until here so that acronyms ("PACS", "CAN") escape the plural rule.
    for chinese, hebrew, word in _RUNS.findall(unicodedata.normalize("NFKC", text or "")):
        latin = word.casefold()
        if chinese:
            terms.extend(word for word in _chinese_words(chinese) if word not in CHINESE_STOPWORDS)
        elif hebrew:
            terms.extend(_hebrew_forms(hebrew))
        elif latin and latin not in ENGLISH_STOPWORDS and (len(latin) > 1 or latin.isdigit()):
            terms.append(latin if word.isupper() else _english_stem(latin))
    return terms


_FINAL_FORMS = {"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"}


def display_term(term: str) -> str:
    """A term as a reader expects it: Hebrew words end in their final letter form again."""
    if term and term[-1] in _FINAL_FORMS and len(term) > 1:
        return term[:-1] + _FINAL_FORMS[term[-1]]
    return term


def is_informative(term: str) -> bool:
    """Worth showing as a shared term: not a lone character or a short number."""
    if term.isdigit() and len(term) < 3:
        return False
    return len(term) > 1
