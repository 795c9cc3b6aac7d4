"""Numbers as the plans write them: Chinese numerals for chapters and sections, Roman numerals in English."""

CN_NUMERALS = "〇一二三四五六七八九十"
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens]) + "十" + (CN_NUMERALS[ones] if ones else "")


def roman(n: int) -> str:
    return ROMAN[n]
