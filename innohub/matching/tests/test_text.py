"""Words for lexical matching in the three languages."""

from innohub.matching.text import detect_language, display_term, tokenize


def test_it_segments_chinese_with_jieba_and_drops_filler_words():
    words = tokenize("我们需要一种无创血糖检测设备，用于社区医院的糖尿病筛查")
    assert {"无创", "血糖", "检测", "糖尿病", "筛查"} <= set(words)
    assert "我们" not in words and "需要" not in words and "的" not in words


def test_it_meets_hebrew_words_behind_their_prefixes_and_plural_endings():
    query = set(tokenize("מערכת לחיישן"))
    document = set(tokenize("והמערכת של החיישנים"))
    assert {"מערכת", "חיישנ"} <= query & document


def test_it_folds_plurals_case_and_full_width_letters_but_not_acronyms():
    assert tokenize("Sensors and ＰＡＣＳ batteries") == ["sensor", "pacs", "battery"]
    assert tokenize("AI for 3D imaging") == ["ai", "3d", "imaging"]


def test_it_keeps_latin_terms_inside_chinese_text():
    assert {"pacs", "ai", "三维"} <= set(tokenize("需要能对接PACS的AI三维影像软件"))


def test_it_detects_the_language_from_the_script():
    assert detect_language("需要一种康复设备") == "zh-hans"
    assert detect_language("מחפשים שותף בסין") == "he"
    assert detect_language("We look for a partner in China") == "en"
    assert detect_language("需要 3D camera 模组") == "zh-hans"
    assert detect_language("") == "en"


def test_it_shows_hebrew_words_with_their_final_letters():
    assert display_term("חיישנ") == "חיישן"
    assert display_term("camera") == "camera"
