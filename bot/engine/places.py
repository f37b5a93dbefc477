"""Places as Korean and Japanese write them, with the English names the articles would use: a question about
"부산" or "大阪" can then be checked against the sources' words, as "Busan" or "Osaka" would be. A general list
(the two countries' large cities and regions, their neighbours, the capitals a news article names most), not the
places of any one collection.

Left out: names that are as often a common word (경주 "race", 전주 "last week", 대구 "cod", 파리 "fly", 동경
"longing", 대전 "great war", 세종 a king; 경기도 is also "the game, too"), and countries whose English name
varies (the US, the United States, America). A name counts only standing as a word of its own: a Korean one
not inside a longer word ("고독일까" holds no Germany, "부산물" no Busan), a katakana one not inside a longer
katakana word ("ソウルフード" is soul food); the longest name at each place in the text wins ("東京都" is Tokyo).
"""

from __future__ import annotations

import re

# Korean: 한국의 시·도와 큰 도시, 일본의 큰 도시, 이웃 나라와 자주 나오는 수도
_KO = """서울 Seoul|부산 Busan|인천 Incheon|광주 Gwangju|울산 Ulsan
|수원 Suwon|제주도 Jeju|제주 Jeju|포항 Pohang
|창원 Changwon|춘천 Chuncheon|강릉 Gangneung|평창 Pyeongchang|판문점 Panmunjom|평양 Pyongyang
|독도 Dokdo|강원도 Gangwon|충청도 Chungcheong|전라도 Jeolla
|도쿄 Tokyo|오사카 Osaka|교토 Kyoto|나고야 Nagoya
|요코하마 Yokohama|삿포로 Sapporo|후쿠오카 Fukuoka|고베 Kobe|히로시마 Hiroshima|나가사키 Nagasaki
|오키나와 Okinawa|홋카이도 Hokkaido|규슈 Kyushu|시모노세키 Shimonoseki|쓰시마 Tsushima
|센다이 Sendai|나라현 Nara|베이징 Beijing|북경 Beijing|상하이 Shanghai|워싱턴 Washington
|뉴욕 New York|런던 London|모스크바 Moscow|타이베이 Taipei|대만 Taiwan
|홍콩 Hong Kong|중국 China|러시아 Russia|북한 North Korea|프랑스 France|독일 Germany
|베트남 Vietnam"""
# Japanese: 韓国と日本の大都市・地方、近隣の国、ニュースによく出る首都
_JA = """ソウル Seoul|釜山 Busan|プサン Busan|仁川 Incheon|大邱 Daegu|光州 Gwangju
|済州島 Jeju|済州 Jeju|慶州 Gyeongju|板門店 Panmunjom|平壌 Pyongyang|竹島 Dokdo
|江華島 Ganghwa|東京 Tokyo|大阪 Osaka|京都 Kyoto|名古屋 Nagoya|横浜 Yokohama
|札幌 Sapporo|福岡 Fukuoka|神戸 Kobe|広島 Hiroshima|長崎 Nagasaki|沖縄 Okinawa
|北海道 Hokkaido|九州 Kyushu|下関 Shimonoseki|対馬 Tsushima|仙台 Sendai|奈良 Nara
|北京 Beijing|上海 Shanghai|ワシントン Washington|ニューヨーク New York|ロンドン London|パリ Paris
|モスクワ Moscow|台北 Taipei|台湾 Taiwan|香港 Hong Kong|中国 China|ロシア Russia
|北朝鮮 North Korea|フランス France|ドイツ Germany|ベトナム Vietnam"""


def _table(text: str) -> dict[str, str]:
    pairs = [entry.strip().split(" ", 1) for entry in text.replace("\n", "").split("|")]
    return {native: english for native, english in pairs}


PLACES = {"ko": _table(_KO), "ja": _table(_JA)}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KATAKANA = re.compile(r"[\u30a0-\u30ffー]")
# what may follow a Korean place name inside its word: particles and the nouns a place name heads (서울역, 도쿄타워)
_KO_AFTER = re.compile(r"(?:은|는|이|가|을|를|의|에|에서|에게|와|과|도|로|으로|까지|부터|처럼|보다|만|이나|나|랑|이랑|"
                       r"하고|같은|시|역|항|타워|공항|대학|성|현|부|구|지역|근처|행|발|측|정부|국민|사람|출신)")
_JA_AFTER = ("タワー", "ステーション")  # ソウルタワー is Seoul's tower, ソウルフード soul food
_NOT_BEFORE = {"부산": "물", "대만": "족", "북한": "산", "中国": "地方"}  # 부산물 "by-product", 북한산 a mountain


def places_in(text: str, lang: str) -> list[tuple[str, str]]:
    """The places a Korean or Japanese question names, as (its word, the English name), in the order of the text;
    at each position the longest name wins."""
    table = PLACES.get(lang, {})
    longest = max(map(len, table), default=0)
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            native = text[i:i + size]
            if native in table and _stands_alone(text, i, native, lang):
                found.append((native, table[native]))
                i += size
                break
        else:
            i += 1
    return list(dict.fromkeys(found))


def _stands_alone(text: str, start: int, native: str, lang: str) -> bool:
    before, after = text[:start], text[start + len(native):]
    if _NOT_BEFORE.get(native) and after.startswith(_NOT_BEFORE[native]):
        return False
    if lang == "ko":
        return not (before and _HANGUL.match(before[-1])) and (
            not after or not _HANGUL.match(after[0]) or bool(_KO_AFTER.match(after)))
    if _KATAKANA.match(native[-1]) and after and _KATAKANA.match(after[0]) and not after.startswith(_JA_AFTER):
        return False
    return not (_KATAKANA.match(native[0]) and before and _KATAKANA.match(before[-1]))
