"""Places as Korean and Japanese write them, with the English names the articles would use: a question about
"부산" or "大阪" can then be checked against the sources' words, as "Busan" or "Osaka" would be. A general list
(the two countries' large cities and regions, their neighbours, the capitals a news article names most), not the
places of any one collection. Left out: words that are often something else (대전 is also "great war", 세종 a
king) and countries whose English name varies (the US, the United States, America)."""

from __future__ import annotations

# Korean: 한국의 시·도와 큰 도시, 일본의 큰 도시, 이웃 나라와 자주 나오는 수도
_KO = """서울 Seoul|부산 Busan|인천 Incheon|대구 Daegu|광주 Gwangju|울산 Ulsan
|수원 Suwon|제주도 Jeju|제주 Jeju|경주 Gyeongju|전주 Jeonju|포항 Pohang
|창원 Changwon|춘천 Chuncheon|강릉 Gangneung|평창 Pyeongchang|판문점 Panmunjom|평양 Pyongyang
|독도 Dokdo|강화도 Ganghwa|경기도 Gyeonggi|강원도 Gangwon|충청도 Chungcheong|전라도 Jeolla
|경상도 Gyeongsang|도쿄 Tokyo|동경 Tokyo|오사카 Osaka|교토 Kyoto|나고야 Nagoya
|요코하마 Yokohama|삿포로 Sapporo|후쿠오카 Fukuoka|고베 Kobe|히로시마 Hiroshima|나가사키 Nagasaki
|오키나와 Okinawa|홋카이도 Hokkaido|규슈 Kyushu|시모노세키 Shimonoseki|쓰시마 Tsushima|대마도 Tsushima
|센다이 Sendai|나라현 Nara|베이징 Beijing|북경 Beijing|상하이 Shanghai|워싱턴 Washington
|뉴욕 New York|런던 London|파리 Paris|모스크바 Moscow|타이베이 Taipei|대만 Taiwan
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


def _table(text: str) -> list[tuple[str, str]]:
    pairs = [entry.strip().split(" ", 1) for entry in text.replace("\n", "").split("|")]
    return sorted(((native, english) for native, english in pairs), key=lambda p: -len(p[0]))


PLACES = {"ko": _table(_KO), "ja": _table(_JA)}


def places_in(text: str, lang: str) -> list[tuple[str, str]]:
    """The places a Korean or Japanese question names, as (its word, the English name), longest first and each
    stretch of the text read once: "북한" is North Korea, not also a place inside it."""
    found: list[tuple[str, str]] = []
    rest = text
    for native, english in PLACES.get(lang, []):
        if native in rest:
            found.append((native, english))
            rest = rest.replace(native, " ")
    return found
