"""Classification beyond English: numbers in any script, negation and modality per language,
names shortened to initials, qualifiers of terms (issue 16)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stmtdiff


def changes(a: str, b: str, **options: object) -> list[tuple[str, str, str, tuple[str, ...]]]:
    c = stmtdiff.compare(a, b, **options)
    return [(ch.a_text, ch.b_text, ch.change_class.value, ch.reasons) for p in c.pairs for ch in p.changes]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("تم توقيع ٣٠ اتفاقية بين الطرفين في العاصمة.", "تم توقيع 30 اتفاقية بين الطرفين في العاصمة."),
        ("双方同意在2024年扩大贸易往来。", "双方同意在二〇二四年扩大贸易往来。"),
        ("双方签署了30项协议。", "双方签署了三十项协议。"),
        ("両国は３０の協定に署名した。", "両国は30の協定に署名した。"),
    ],
)
def test_a_number_written_in_another_script_is_the_same_number(a: str, b: str) -> None:
    found = changes(a, b)
    assert found and all(cls in ("spelling", "formatting") for _, _, cls, _ in found), found


def test_a_number_whose_value_changed_is_substantive_in_any_script() -> None:
    found = changes("双方签署了三十项协议。", "双方签署了四十项协议。")
    assert [(cls, reasons) for _, _, cls, reasons in found] == [("substantive", ("number changed",))]
    found = changes("تم توقيع ٣٠ اتفاقية بين الطرفين.", "تم توقيع ٤٠ اتفاقية بين الطرفين.")
    assert found[0][2] == "substantive"


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Стороны подписали соглашение о торговле в 2024 году.", "Стороны не подписали соглашение о торговле в 2024 году.", "negation added or dropped"),
        ("Стороны должны подписать соглашение о торговле до конца года.", "Стороны могут подписать соглашение о торговле до конца года.", "modality changed"),
        ("Les parties signeront l'accord commercial avant la fin de l'année.", "Les parties ne signeront pas l'accord commercial avant la fin de l'année.", "negation added or dropped"),
        ("Las partes deben firmar el acuerdo comercial antes de fin de año.", "Las partes pueden firmar el acuerdo comercial antes de fin de año.", "modality changed"),
        ("Die Parteien müssen das Handelsabkommen bis Jahresende unterzeichnen.", "Die Parteien können das Handelsabkommen bis Jahresende unterzeichnen.", "modality changed"),
        ("双方同意扩大贸易往来，加强经济合作。", "双方不同意扩大贸易往来，加强经济合作。", "negation added or dropped"),
        ("يجب على الطرفين توقيع الاتفاقية التجارية قبل نهاية العام.", "يمكن للطرفين توقيع الاتفاقية التجارية قبل نهاية العام.", "modality changed"),
    ],
)
def test_negation_and_modality_are_substantive_in_each_language(a: str, b: str, reason: str) -> None:
    found = changes(a, b)
    assert any(cls == "substantive" and reason in reasons for _, _, cls, reasons in found), found


def test_a_name_shortened_to_its_initial_is_a_spelling_change_in_any_alphabet() -> None:
    for a, b in [
        ("Президент Дональд Трамп встретился с послом Казахстана.", "Президент Д. Трамп встретился с послом Казахстана."),
        ("President Donald Trump met the envoy of Kazakhstan.", "President D. Trump met the envoy of Kazakhstan."),
    ]:
        assert changes(a, b)[0][2:] == ("spelling", ("name shortened to its initial",))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Они поддерживают постоянных нормальных торговых отношений с партнером.", "Они поддерживают устойчивых нормальных торговых отношений с партнером."),
        ("Les parties soutiennent des relations commerciales normales permanentes avec le partenaire.", "Les parties soutiennent des relations commerciales normales durables avec le partenaire."),
        ("Las partes apoyan unas relaciones comerciales normales permanentes con el socio.", "Las partes apoyan unas relaciones comerciales normales sostenibles con el socio."),
        ("Die Parteien unterstützen dauerhafte normale Handelsbeziehungen mit dem Partner.", "Die Parteien unterstützen nachhaltige normale Handelsbeziehungen mit dem Partner."),
    ],
)
def test_a_qualifier_swapped_inside_a_term_is_substantive_in_other_languages(a: str, b: str) -> None:
    assert [(cls, reasons) for _, _, cls, reasons in changes(a, b)] == [("substantive", ("qualifier of a term changed",))]


def test_a_verb_before_a_term_stays_wording_in_russian_too() -> None:
    found = changes("Стороны обсудили вопросы энергетической безопасности региона.", "Стороны рассмотрели вопросы энергетической безопасности региона.")
    assert [cls for _, _, cls, _ in found] == ["wording"]


def test_the_language_given_decides_which_words_count() -> None:
    # "rien" is "nothing" only in French; as an English document's word it is just a word
    a, b = "They met rien from the ministry today.", "They met staff from the ministry today."
    assert not any("negation" in " ".join(r) for *_, r in changes(a, b, lang="en"))
    assert any("negation added or dropped" in r for *_, r in changes(a, b, lang="fr"))


def test_function_words_of_the_language_are_grammar_words() -> None:
    found = changes("Стороны подписали соглашение в Астане.", "Стороны подписали соглашение и в Астане.")
    assert found[0][2] == "wording" and found[0][3] == ("grammar words",), found


def test_a_changed_vowel_sign_is_a_changed_word_and_dropped_harakat_are_formatting() -> None:
    # A Hindi vowel sign (a combining mark) belongs to its word: "किया" -> "किये" is a word
    # changed, not an accent; Arabic short-vowel marks and NFC/NFD accents are not wording.
    assert changes("भारत ने समझौता किया।", "भारत ने समझौता किये।") == [("किया", "किये", "wording", ("rephrased",))]
    found = changes("تُفتتَح المناقشة العامة يوم الثلاثاء.", "تُفتتح المناقشة العامة يوم الثلاثاء.")
    assert [(a, b, cls) for a, b, cls, _ in found] == [("تُفتتَح", "تُفتتح", "formatting")]
    assert changes("Le café est ouvert.", "Le cafe\u0301 est ouvert.") == [
        ("café", "cafe\u0301", "formatting", ("Unicode variant",))
    ]


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("双方愿共同开创美好未来。", "双方愿共同开创美好将来。", "zh"),  # 未来/将来: both "future"
        ("双方将加强在非洲的合作。", "双方将加强在拉美的合作。", "zh"),  # 非洲 (Africa) holds 非 (not)
        ("双方加强能源合作。", "双方加强资源合作。", "zh"),  # 能源 (energy) holds 能 (can)
        ("两国元首举行了会议。", "两国元首举行了会谈。", "zh"),  # 会议 (meeting) holds 会 (will)
        ("両国関係の美しい未来を共に切り開く。", "両国関係の美しい将来を共に切り開く。", "ja"),
        ("한국측은 새로운 제안을 설명했다.", "한국측은 새로운 구상을 설명했다.", "ko"),  # 제안 (proposal) holds 안 (not)
        ("Compte tenu de la situation, les parties se réuniront.", "Vu la situation, les parties se réuniront.", "fr"),
        ("Toute personne a droit à la liberté.", "Tout individu a droit à la liberté.", "fr"),
    ],
)
def test_words_that_only_hold_a_negation_or_modal_character_are_wording(a: str, b: str, lang: str) -> None:
    found = changes(a, b, lang=lang)
    assert found and all(cls != "substantive" for _, _, cls, _ in found), found


@pytest.mark.parametrize(
    ("a", "b", "lang", "reason"),
    [
        ("双方は合意した。", "双方は合意しなかった。", "ja", "negation added or dropped"),  # the diff inserts なかっ
        ("양국 간에 이견이 있다.", "양국 간에 이견이 없다.", "ko", "negation added or dropped"),
        ("양국은 회의에 참석했다.", "양국은 회의에 참석하지 못했다.", "ko", "negation added or dropped"),
    ],
)
def test_negation_is_found_in_inflected_japanese_and_korean(a: str, b: str, lang: str, reason: str) -> None:
    assert any(reason in reasons for *_, reasons in changes(a, b, lang=lang))


def test_a_japanese_obligation_is_a_modality_not_a_negation() -> None:
    found = changes("日本は協力しなければならない。", "日本は協力することができる。", lang="ja")
    assert [reasons for *_, reasons in found] == [("modality changed",)], found


@pytest.mark.parametrize(
    ("a", "b", "lang", "expected"),
    [
        ("Стороны подписали пять соглашений.", "Стороны подписали шесть соглашений.", "ru", "substantive"),
        ("Стороны подписали 5 соглашений.", "Стороны подписали пять соглашений.", "ru", "spelling"),
        ("Les parties ont signé cinq accords.", "Les parties ont signé 5 accords.", "fr", "spelling"),
        ("Las partes firmaron cinco acuerdos.", "Las partes firmaron seis acuerdos.", "es", "substantive"),
        ("Die Parteien unterzeichneten zwei Abkommen.", "Die Parteien unterzeichneten drei Abkommen.", "de", "substantive"),
    ],
)
def test_number_words_of_the_language_are_numbers(a: str, b: str, lang: str, expected: str) -> None:
    found = changes(a, b, lang=lang)
    assert [cls for _, _, cls, _ in found] == [expected], found


def test_arabic_ma_of_the_following_is_no_negation() -> None:
    found = changes("ونص القرار على ما يلي.", "ونص القرار على الآتي.", lang="ar")
    assert found and all(cls != "substantive" for _, _, cls, _ in found), found


# ------------------------------------------------------------------------- the classifier's tokens


def test_a_latin_word_between_chinese_characters_is_a_token_of_its_own() -> None:
    from stmtdiff.classify.tokens import tokenize_side

    assert tokenize_side("签署ABC协议 2024年")[0] == ("签", "署", "ABC", "协", "议", "2024", "年")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 .,-'’\u2010!?()é中ñ—\u00a0\n")), max_size=40))
def test_text_without_marks_splits_into_the_same_tokens_on_the_fast_path(text: str) -> None:
    """The plain-\\w pattern stands in for the marks-aware one only where they agree."""
    from stmtdiff.classify import tokens

    assert tokens._PLAIN_TOKEN_SPLIT.split(text) == tokens._TOKEN_SPLIT.split(text)
