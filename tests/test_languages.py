"""Languages: detection per document, the --lang override, scripts and writing direction."""

from __future__ import annotations

import json

import pytest

import stmtdiff
from stmtdiff.languages.detect import detect_language
from stmtdiff.languages.wordlists import function_words
from stmtdiff.languages.scripts import direction, has_unspaced
from stmtdiff.report.json import render_json

SAMPLES = {
    "en": "The parties agreed to expand trade and to hold the next round of talks in the spring.",
    "fr": "Les parties sont convenues d'élargir les échanges et de tenir la prochaine série de pourparlers au printemps.",
    "es": "Las partes acordaron ampliar el comercio y celebrar la próxima ronda de conversaciones en la primavera.",
    "de": "Die Parteien vereinbarten, den Handel auszuweiten und die nächste Gesprächsrunde im Frühjahr abzuhalten.",
    "ru": "Стороны договорились расширить торговлю и провести следующий раунд переговоров весной.",
    "kk": "Тараптар сауданы кеңейтуге және келесі келіссөздерді көктемде өткізуге келісті.",
    "ar": "اتفق الطرفان على توسيع التجارة وعقد الجولة التالية من المحادثات في الربيع.",
    "zh": "双方同意扩大贸易，并于明年春天举行下一轮会谈。",
    "ja": "両国は貿易を拡大し、次回の協議を春に開催することで合意した。",
    "ko": "양측은 무역을 확대하고 다음 협상을 봄에 개최하기로 합의했다.",
    "hi": "दोनों पक्षों ने व्यापार बढ़ाने और अगले दौर की बातचीत वसंत में करने पर सहमति व्यक्त की।",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_is_detected_from_a_sentence_of_it(language: str) -> None:
    assert detect_language(SAMPLES[language]) == language


def test_too_little_text_to_tell_gives_none() -> None:
    assert detect_language("OK.") is None
    assert detect_language("") is None
    assert detect_language("12 345 — 2024-05-01") is None


def test_a_mixed_document_gets_the_language_most_of_it_is_in() -> None:
    mixed = SAMPLES["ru"] * 3 + " " + SAMPLES["en"]
    assert detect_language(mixed) == "ru"


def test_a_long_document_is_sampled_at_its_start_middle_and_end() -> None:
    text = (SAMPLES["en"] + " ") * 2000
    assert detect_language(text) == "en"


def test_the_shipped_function_words_name_their_source_and_leave_out_negation() -> None:
    assert "the" in function_words("en") and "und" in function_words("de")
    assert "не" not in function_words("ru") and "不" not in function_words("zh")
    assert function_words("xx") == frozenset()


def test_the_comparison_records_each_documents_language_in_the_json() -> None:
    c = stmtdiff.compare(SAMPLES["en"], SAMPLES["fr"])
    assert (c.a.language, c.b.language) == ("en", "fr")
    data = json.loads(render_json(c))
    assert (data["a"]["language"], data["b"]["language"], data["options"]["lang"]) == ("en", "fr", None)


def test_lang_overrides_the_detected_language_for_both_documents() -> None:
    c = stmtdiff.compare(SAMPLES["en"], SAMPLES["fr"], lang="KK")
    assert (c.a.language, c.b.language, c.options.lang) == ("kk", "kk", "kk")


def test_a_bad_language_code_is_refused() -> None:
    with pytest.raises(stmtdiff.StmtdiffError, match="language code"):
        stmtdiff.compare("a", "b", lang="not a code")


def test_a_mixed_language_comparison_still_aligns_and_diffs() -> None:
    a = SAMPLES["en"] + " " + SAMPLES["zh"] + " " + SAMPLES["ru"]
    b = SAMPLES["en"] + " " + SAMPLES["zh"].replace("扩大", "加强") + " " + SAMPLES["ru"]
    c = stmtdiff.compare(a, b)
    assert [p.status.value for p in c.pairs] == ["equal", "changed", "equal"]


def test_unspaced_scripts_and_direction() -> None:
    assert has_unspaced(SAMPLES["ja"]) and has_unspaced(SAMPLES["zh"]) and not has_unspaced(SAMPLES["ko"])
    assert direction(SAMPLES["ar"]) == "rtl" and direction("שלום עולם") == "rtl"
    assert direction(SAMPLES["en"]) == "ltr" and direction("12 345") == "ltr"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "Le parti hanno concordato di ampliare il commercio e di tenere il prossimo ciclo di colloqui."),
        ("pt", "As partes concordaram em expandir o comércio e realizar a próxima rodada de negociações."),
        ("pl", "Strony uzgodniły rozszerzenie handlu i przeprowadzenie kolejnej rundy rozmów wiosną."),
        ("uk", "Сторони домовилися розширити торгівлю та провести наступний раунд переговорів навесні."),
        ("bg", "Страните се договориха да разширят търговията и да проведат следващия кръг от преговори."),
    ],
)
def test_neighbouring_languages_are_told_apart(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", "30"), ("٣٠", "30"), ("۳۰", "30"), ("३०", "30"), ("３０", "30"), ("三十", "30"),
        ("三十五", "35"), ("十五", "15"), ("一百零五", "105"), ("两千", "2000"), ("一万二千", "12000"),
        ("二〇二四", "2024"), ("3万", "30000"), ("2.5亿", "250000000"), ("٣٫٥", "3.5"),
        ("١٬٠٠٠", "1000"), ("1,000", "1000"), ("0.50", "0.5"),
        ("word", ""), ("万", ""), ("2024年", ""), ("", ""),
    ],
)
def test_numbers_are_read_by_value_in_any_script(text: str, value: str) -> None:
    from stmtdiff.languages.numbers import number_value

    assert number_value(text) == value


def test_word_lists_name_negation_modality_and_adjectives_per_language() -> None:
    from stmtdiff.languages.wordlists import adjective_endings, adjectives_follow_noun, markers, modality_words

    for language in ("ar", "zh", "en", "fr", "ru", "es", "de", "ja", "ko"):
        assert modality_words(language), language
        assert any(markers(word, language)[0] for word in ("не", "not", "ne", "no", "nicht", "لا", "不", "ない", "않"))
    assert markers("не", "ru") == (True, "", 0)
    assert markers("обязуются", "ru") == (False, "commit", 2)
    assert markers("しなければならない", "ja")[1] == "must"  # found inside the word
    assert markers("не", "fr") == (False, "", 0)  # each language its own words
    assert "ых" in adjective_endings("ru") and adjectives_follow_noun("fr") and not adjectives_follow_noun("de")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # ы and ё are letters Bulgarian never writes, whatever short words the lists share
        ("ru", "Президент России провёл переговоры с Председателем КНР Си Цзиньпином."),
        ("ko", "한중 공동성명"),  # Hangul is Korean however short
        ("ja", "日中共同プレス発表"),  # so are kana
        ("mk", "Претседателот ја посети Скопје и се сретна со ќерката на министерот."),
        ("hr", "Predsednik Srbije Aleksandar Vučić sastao se sa predsednikom Kine u Beogradu."),
        ("vi", "Chủ tịch nước Việt Nam đã hội đàm với Tổng thống Liên bang Nga tại Hà Nội."),
    ],
)
def test_letters_a_language_never_writes_or_alone_writes_decide_short_texts(language: str, text: str) -> None:
    assert detect_language(text) == language


def test_a_document_quoting_a_paragraph_of_a_sister_language_keeps_its_own() -> None:
    arabic = "وافقت الجمعية العامة على القرار بأغلبية كبيرة، ودعت الأمين العام إلى تقديم تقرير. " * 3
    persian = "مجمع عمومی سازمان ملل متحد یکی از شش رکن اصلی سازمان ملل متحد است."
    assert detect_language(arabic + persian) == "ar"
    assert detect_language(persian) == "fa"
