"""The extractor on sentences that are not from the seeds: varied phrasing, units, comparators,
year expressions, and traps (company figures, dates, phone numbers, slogans, ordinals).

Each case is a document title (it sets the main unit), a publication date (it sets 今年), a
sentence, and the records expected from it as (kind, unit, indicator, value, uom, comparator,
year, metric). `indicator` is the catalogue name, or for other indicators a phrase the
extracted indicator contains.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract.catalogue import load_catalogue
from tracker.extract.records import extract
from tracker.extract.sentences import MAX_SENTENCE, split_sentences
from tracker.extract.units import load_gazetteer
from tracker.intake import prepare_document
from tracker.intake.readers import read_bytes
from tracker.models import Skipped

T, A = "target", "actual"

CASES: list[tuple[str, str, str, list[tuple]]] = [
    # --- plans and work reports: targets
    ("宜昌市国民经济和社会发展第十四个五年规划纲要", "2021-03-01",
     "到2025年，全市地区生产总值达到6000亿元，年均增长6.5%左右。",
     [(T, "宜昌市", "地区生产总值", 6000, "亿元", ">=", 2025, "level"),
      (T, "宜昌市", "地区生产总值增速", 6.5, "%", "~", 2025, "growth")]),
    ("海淀区2024年政府工作报告", "2024-01-10",
     "今年全区一般公共预算收入增长8%，固定资产投资增长10%以上。",
     [(T, "海淀区", "一般公共预算收入增速", 8, "%", "=", 2024, "growth"),
      (T, "海淀区", "固定资产投资增速", 10, "%", ">=", 2024, "growth")]),
    ("成都市2024年政府工作报告", "2024-01-20",
     "城镇调查失业率控制在5.5%以内，城镇新增就业25万人以上。",
     [(T, "成都市", "城镇调查失业率", 5.5, "%", "<=", 2024, "share"),
      (T, "成都市", "城镇新增就业", 25, "万人", ">=", 2024, "level")]),
    ("合肥市2024年政府工作报告", "2024-01-15",
     "单位地区生产总值能耗下降3%，空气质量优良天数比例保持在85%以上。",
     [(T, "合肥市", "单位GDP能耗降低率", -3, "%", "<=", 2024, "growth"),
      (T, "合肥市", "空气质量优良天数比例", 85, "%", ">=", 2024, "share")]),
    ("郑州市2024年政府工作报告", "2024-01-12",
     "确保社会消费品零售总额增长6%，力争7%。",
     [(T, "郑州市", "社会消费品零售总额增速", 6, "%", "=", 2024, "growth"),
      (T, "郑州市", "社会消费品零售总额增速", 7, "%", "=", 2024, "growth")]),
    ("西安高新区2024年工作要点", "2024-02-01",
     "力争实际利用外资达到3亿美元，招商引资到位资金突破500亿元。",
     [(T, "西安高新区", "实际利用外资", 3, "亿美元", ">=", 2024, "level"),
      (T, "西安高新区", "招商引资到位资金", 500, "亿元", ">", 2024, "level")]),
    ("长沙市2024年科技工作要点", "2024-02-20",
     "今年，全市研发投入强度达到3%，高企数量达到7500家，科小企业评价入库突破9000家。",
     [(T, "长沙市", "研发投入强度", 3, "%", ">=", 2024, "share"),
      (T, "长沙市", "高新技术企业数", 7500, "家", ">=", 2024, "level"),
      (T, "长沙市", "科技型中小企业入库数", 9000, "家", ">", 2024, "level")]),
    ("苏州市2024年政府工作报告", "2024-01-18",
     "苏州工业园区今年力争实现地区生产总值4000亿元。",
     [(T, "苏州工业园区", "地区生产总值", 4000, "亿元", "=", 2024, "level")]),
    ("南京市“十四五”科技创新规划", "2021-09-01",
     "到“十四五”末，战略性新兴产业增加值占地区生产总值比重达到15%。",
     [(T, "南京市", "战略性新兴产业增加值占GDP比重", 15, "%", ">=", 2025, "share")]),
    ("贵阳市2024年政府工作报告", "2024-01-22",
     "研发投入强度提高0.3个百分点，森林覆盖率稳定在55%。",
     [(T, "贵阳市", "研发投入强度", 0.3, "个百分点", "=", 2024, "change"),
      (T, "贵阳市", "森林覆盖率", 55, "%", "=", 2024, "share")]),
    ("兰州市2024年政府工作报告", "2024-01-25",
     "全年计划新增专精特新中小企业50家、国家级专精特新“小巨人”企业5家。",
     [(T, "兰州市", "新增专精特新中小企业数", 50, "家", "=", 2024, "level"),
      (T, "兰州市", "新增专精特新\"小巨人\"企业数", 5, "家", "=", 2024, "level")]),
    ("昆明市2024年政府工作报告", "2024-01-30",
     "力争地区生产总值增长5%-6%，规模以上工业增加值增长7%左右。",
     [(T, "昆明市", "地区生产总值增速", 5, "%", "=", 2024, "growth"),
      (T, "昆明市", "规模以上工业增加值增速", 7, "%", "~", 2024, "growth")]),
    ("太原市2024年政府工作报告", "2024-01-28",
     "万元地区生产总值能耗降低2%以上，PM2.5平均浓度下降到38微克/立方米。",
     [(T, "太原市", "单位GDP能耗降低率", -2, "%", "<=", 2024, "growth"),
      (T, "太原市", "PM2.5平均浓度", 38, "微克/立方米", "<=", 2024, "level")]),
    ("厦门市2024年政府工作报告", "2024-01-08",
     "今后五年，累计新增城镇就业50万人。",
     [(T, "厦门市", "城镇新增就业", 50, "万人", "=", 2028, "level")]),
    ("武汉东湖高新区2024年工作报告", "2024-02-05",
     "计划新建5G基站2000个，引进高层次人才300名以上。",
     [(T, "东湖高新区", "新增5G基站", 2000, "个", "=", 2024, "level"),
      (T, "东湖高新区", "引进高层次人才", 300, "名", ">=", 2024, "level")]),
    ("无锡市2024年政府工作报告", "2024-01-16",
     "力争外贸进出口总额实现翻一番。",
     [(T, "无锡市", "外贸进出口总额", 2, "倍", "=", 2024, "share")]),
    ("青岛市2024年政府工作报告", "2024-01-19",
     "争取引进亿元以上项目30个，每万人口高价值发明专利拥有量达到20件。",
     [(T, "青岛市", "亿元以上项目", 30, "个", "=", 2024, "level"),
      (T, "青岛市", "每万人口高价值发明专利拥有量", 20, "件", ">=", 2024, "level")]),
    ("福州市2024年政府工作报告", "2024-01-21",
     "我市将力争在2026年前建成3个省级重点实验室。",
     [(T, "福州市", "重点实验室数", 3, "个", "=", 2026, "level")]),
    ("西宁市“十四五”规划纲要", "2021-04-01",
     "十四五期间，全市计划实施重点项目100个，总投资800亿元。",
     [(T, "西宁市", "重大项目数", 100, "个", "=", 2025, "level"),
      (T, "西宁市", "重大项目投资额", 800, "亿元", "=", 2025, "level")]),
    ("常州市2024年政府工作报告", "2024-01-11",
     "全市高新技术企业数量由2020年的1500家增加到2025年的4000家。",
     [(A, "常州市", "高新技术企业数", 1500, "家", "=", 2020, "level"),
      (T, "常州市", "高新技术企业数", 4000, "家", "=", 2025, "level")]),
    ("银川市2024年政府工作报告", "2024-01-23",
     "全市常住人口城镇化率达到82%，人均预期寿命达到79岁。",
     [(T, "银川市", "常住人口城镇化率", 82, "%", ">=", 2024, "share"),
      (T, "银川市", "人均预期寿命", 79, "岁", ">=", 2024, "level")]),
    ("泉州市2024年政府工作报告", "2024-01-09",
     "粮食产量稳定在80万吨左右，民营经济占比超过三分之二。",
     [(T, "泉州市", "粮食总产量", 80, "万吨", "~", 2024, "level"),
      (T, "泉州市", "民营经济占GDP比重", 66.6666666667, "%", ">", 2024, "share")]),
    ("沈阳市2024年政府工作报告", "2024-01-14",
     "规上工业企业达到3000户，新增瞪羚企业30家、独角兽企业2家。",
     [(T, "沈阳市", "规模以上工业企业数", 3000, "户", ">=", 2024, "level"),
      (T, "沈阳市", "新增瞪羚企业数", 30, "家", "=", 2024, "level"),
      (T, "沈阳市", "新增独角兽企业数", 2, "家", "=", 2024, "level")]),
    # --- reviews and news: achieved figures
    ("宜宾市2023年国民经济和社会发展统计公报", "2024-03-20",
     "2023年，全市实现地区生产总值3806.8亿元，同比增长8.2%。",
     [(A, "宜宾市", "地区生产总值", 3806.8, "亿元", "=", 2023, "level"),
      (A, "宜宾市", "地区生产总值增速", 8.2, "%", "=", 2023, "growth")]),
    ("绍兴市经济运行情况", "2023-11-20",
     "1—10月，全市规上工业增加值同比增长7.2%，固定资产投资增长5.6%。",
     [(A, "绍兴市", "规模以上工业增加值增速", 7.2, "%", "=", 2023, "growth"),
      (A, "绍兴市", "固定资产投资增速", 5.6, "%", "=", 2023, "growth")]),
    ("珠海高新区创新发展纪实", "2023-12-10",
     "截至目前，珠海高新区高新技术企业总数已突破1000家，技术合同交易额较上年增长20%。",
     [(A, "珠海高新区", "高新技术企业数", 1000, "家", ">", 2023, "level"),
      (A, "珠海高新区", "技术合同成交额增速", 20, "%", "=", 2023, "growth")]),
    ("嘉兴市2023年工作总结", "2023-12-28",
     "全年完成固定资产投资1200亿元，增长15.3%；招商引资到位资金完成85.6亿元，同比增长12.3%。",
     [(A, "嘉兴市", "固定资产投资", 1200, "亿元", "=", 2023, "level"),
      (A, "嘉兴市", "固定资产投资增速", 15.3, "%", "=", 2023, "growth"),
      (A, "嘉兴市", "招商引资到位资金", 85.6, "亿元", "=", 2023, "level"),
      (A, "嘉兴市", "招商引资到位资金增速", 12.3, "%", "=", 2023, "growth")]),
    ("湖北省通信业发展情况", "2024-02-01",
     "截至2023年底，全省累计建成5G基站12.2万个。",
     [(A, "湖北省", "5G基站", 12.2, "万个", "=", 2023, "level")]),
    ("桂林市旅游发展报告", "2024-01-05",
     "去年全市接待游客1.2亿人次，实现旅游收入1500亿元。",
     [(A, "桂林市", "接待游客人次", 1.2, "亿人次", "=", 2023, "level"),
      (A, "桂林市", "旅游总收入", 1500, "亿元", "=", 2023, "level")]),
    ("渭南市财政收支情况", "2024-07-15",
     "上半年，全市实现一般公共预算收入52.6亿元，完成年度预算的55%。",
     [(A, "渭南市", "一般公共预算收入", 52.6, "亿元", "=", 2024, "level"),
      (A, "渭南市", "年度预算", 55, "%", "=", 2024, "share")]),
    ("西安市城区发展情况", "2024-02-10",
     "其中，雁塔区完成固定资产投资320亿元，碑林区完成固定资产投资95亿元。",
     [(A, "雁塔区", "固定资产投资", 320, "亿元", "=", 2024, "level"),
      (A, "碑林区", "固定资产投资", 95, "亿元", "=", 2024, "level")]),
    ("杭州高新区(滨江)2023年发展回顾", "2024-01-06",
     "滨江区已累计培育国家级专精特新“小巨人”企业58家，入驻企业超过1.2万家。",
     # The review's heading names its year: the stock it reports is that year's.
     [(A, "杭州高新区(滨江)", "专精特新\"小巨人\"企业数", 58, "家", "=", 2023, "level"),
      (A, "杭州高新区(滨江)", "入驻企业数", 1.2, "万家", ">", 2023, "level")]),
    ("东莞市科技创新情况", "2024-03-01",
     "2023年，东莞R&D经费投入强度达到4.1%，有效发明专利拥有量超过5万件。",
     [(A, "东莞市", "研发投入强度", 4.1, "%", ">=", 2023, "share"),
      (A, "东莞市", "发明专利拥有量", 5, "万件", ">", 2023, "level")]),
    ("滁州市工业发展情况", "2023-11-10",
     "前三季度，全市规模以上工业总产值增长12%，新增规上工业企业150户。",
     [(A, "滁州市", "规模以上工业总产值增速", 12, "%", "=", 2023, "growth"),
      (A, "滁州市", "新增规模以上工业企业数", 150, "户", "=", 2023, "level")]),
    ("株洲市人才工作情况", "2024-01-12",
     "去年，全市新引进高校毕业生2.3万人，其中硕士以上学历人才3200人。",
     [(A, "株洲市", "新引进高校毕业生", 2.3, "万人", "=", 2023, "level"),
      (A, "株洲市", "硕士以上学历人才", 3200, "人", "=", 2023, "level")]),
    ("佛山市民生实事进展", "2023-10-31",
     "今年1—9月，全市城镇新增就业9.8万人，完成年度目标的98%。",
     [(A, "佛山市", "城镇新增就业", 9.8, "万人", "=", 2023, "level"),
      (A, "佛山市", "城镇新增就业目标完成率", 98, "%", "=", 2023, "share")]),
    # --- spun copies
    ("昆山市2024年工作安排", "2024-01-02",
     "力图本年高新技能企业总量到达300家，技能合同成交额凌驾20亿元。",
     [(T, "昆山市", "高新技术企业数", 300, "家", ">=", 2024, "level"),
      (T, "昆山市", "技术合同成交额", 20, "亿元", ">", 2024, "level")]),
    ("芜湖市工作报告", "2024-01-02",
     "力争计策性新兴家当产值增进15%摆布。",
     [(T, "芜湖市", "战略性新兴产业产值增速", 15, "%", "~", 2024, "growth")]),
    # --- second batch: counties, banners, prefectures, zones, other constructions
    ("鄂托克旗2024年政府工作报告", "2024-01-26",
     "全旗地区生产总值增长6.5%，一般公共预算收入达到45亿元。",
     [(T, "鄂托克旗", "地区生产总值增速", 6.5, "%", "=", 2024, "growth"),
      (T, "鄂托克旗", "一般公共预算收入", 45, "亿元", ">=", 2024, "level")]),
    ("昌吉州2023年经济运行情况", "2024-01-20",
     "2023年，全州规模以上工业增加值增长9.1%，社会消费品零售总额达到420亿元。",
     [(A, "昌吉回族自治州", "规模以上工业增加值增速", 9.1, "%", "=", 2023, "growth"),
      (A, "昌吉回族自治州", "社会消费品零售总额", 420, "亿元", ">=", 2023, "level")]),
    ("义乌市2024年政府工作报告", "2024-01-17",
     "力争外贸进出口总额突破6000亿元，实际使用外资增长10%。",
     [(T, "义乌市", "外贸进出口总额", 6000, "亿元", ">", 2024, "level"),
      (T, "义乌市", "实际利用外资增速", 10, "%", "=", 2024, "growth")]),
    ("合肥高新区2024年工作要点", "2024-02-18",
     "新增国家高新技术企业500家以上，技术合同登记额达到800亿元。",
     [(T, "合肥高新区", "新增高新技术企业数", 500, "家", ">=", 2024, "level"),
      (T, "合肥高新区", "技术合同成交额", 800, "亿元", ">=", 2024, "level")]),
    ("株洲市2024年工作安排", "2024-02-02",
     "全年新增市场主体3万户，新增“四上”企业300家。",
     [(T, "株洲市", "新增市场主体数", 3, "万户", "=", 2024, "level"),
      (T, "株洲市", "四上企业数", 300, "家", "=", 2024, "level")]),
    ("宁波市经济运行简报", "2024-04-25",
     "一季度，全市实现地区生产总值3900亿元，同比增长6.3%，增速高于全省0.3个百分点。",
     [(A, "宁波市", "地区生产总值", 3900, "亿元", "=", 2024, "level"),
      (A, "宁波市", "地区生产总值增速", 6.3, "%", "=", 2024, "growth")]),  # not: 0.3 points above the province
    ("沛县2024年民生实事项目计划", "2024-01-30",
     "年内新建改建农村公路120公里，新增城镇就业岗位3000个。",
     [(T, "沛县", "新建改建农村公路", 120, "公里", "=", 2024, "level"),
      (T, "沛县", "城镇新增就业", 3000, "个", "=", 2024, "level")]),
    ("温州市2024年政府工作报告", "2024-01-24",
     "居民人均可支配收入增长6%以上，城乡居民收入比缩小到1.8以内。",
     [(T, "温州市", "居民人均可支配收入增速", 6, "%", ">=", 2024, "growth")]),
    ("南通市科技创新成效", "2024-01-08",
     "目前全市拥有省级以上工程技术研究中心650家，众创空间120家。",
     [(A, "南通市", "工程技术研究中心数", 650, "家", "=", 2024, "level"),
      (A, "南通市", "众创空间数", 120, "家", "=", 2024, "level")]),
    ("洛阳市2024年政府工作报告", "2024-01-13",
     "研发经费投入增长15%以上，全社会研发投入强度达到2.6%。",
     [(T, "洛阳市", "全社会研发经费投入增速", 15, "%", ">=", 2024, "growth"),
      (T, "洛阳市", "研发投入强度", 2.6, "%", ">=", 2024, "share")]),
    ("镇江市工作总结", "2023-12-25",
     "全年共认定高新技术企业420家，高新技术产业产值占规上工业产值比重达50.2%。",
     [(A, "镇江市", "高新技术企业数", 420, "家", "=", 2023, "level"),
      (A, "镇江市", "高新技术产业产值占规上工业总产值比重", 50.2, "%", ">=", 2023, "share")]),
    ("某市新闻", "2024-03-01", "该项目总投资50亿元，预计年产值可达100亿元，带动就业2000人。", []),
    ("嘉兴市教育事业统计", "2024-03-01", "全市共有各类学校520所，比上年减少3所。",
     [(A, "嘉兴市", "各类学校", 520, "所", "=", 2024, "level")]),
    ("某市新闻", "2024-03-01", "活动吸引了来自全国20个省份的300余名代表参加。", []),
    # --- grain in 斤, and a small count written in Chinese before a magnitude class
    ("包头市2024年政府工作报告", "2024-02-01",
     "今年粮食产量稳定在40亿斤以上，打造两个千亿级产业集群。",
     [(T, "包头市", "粮食总产量", 40, "亿斤", ">=", 2024, "level"),
      (T, "包头市", "千亿级产业集群", 2, "个", "=", 2024, "level")]),
    ("包头市2024年政府工作报告", "2024-02-01", "今年要抓好两个关键环节，深化三个年活动。", []),
    # --- a whole year not yet over is a goal without a cue; at the year's end it is a result
    ("北仑区2024年工作会议", "2024-01-16", "会议明确，2024年全区地区生产总值增长6.5%左右，固定资产投资增长8%。",
     [(T, "北仑区", "地区生产总值增速", 6.5, "%", "~", 2024, "growth"),
      (T, "北仑区", "固定资产投资增速", 8, "%", "=", 2024, "growth")]),
    ("北仑区2024年工作总结", "2024-12-28", "2024年，全区地区生产总值增长6.2%。",
     [(A, "北仑区", "地区生产总值增速", 6.2, "%", "=", 2024, "growth")]),
    # --- traps: nothing to extract
    ("某市人民政府办公室通知", "2024-03-01", "会议定于2024年3月5日上午9时召开，联系电话：0931-8159799。", []),
    ("某市新闻", "2024-03-01", "华为技术有限公司2023年实现销售收入7000亿元，同比增长9.6%。", []),
    ("某市新闻", "2024-03-01", "某某科技有限公司计划投资10亿元建设年产5万吨新材料生产线。", []),
    ("某市新闻", "2024-03-01", "大会传达学习了党的二十大和十四届全国人大二次会议精神。", []),
    ("某市新闻", "2024-03-01", "构建“1+3+N”现代产业体系，推动“4+22”功能区建设。", []),
    ("某市新闻", "2024-03-01", "本办法自2024年1月1日起施行，有效期5年。", []),
    ("某市新闻", "2024-03-01", "第一批国家级专精特新企业名单公布，第3届创新大赛同期举行。", []),
    ("某市新闻", "2024-03-01", "聚焦两个关键环节，推进三大行动，做好四篇文章。", []),
    ("某市新闻", "2024-03-01", "居民收入增长与经济增长同步，单位地区生产总值能耗进一步降低。", []),
    ("某市新闻", "2024-03-01", "详情请访问www.example.gov.cn或拨打12345热线。", []),
    ("某市新闻", "2024-03-01", "该公司总经理表示，企业去年研发投入达到3.5亿元，拥有发明专利120件。", []),
    ("某市新闻", "2024-03-01", "市政府出台36条新政，支持民营经济发展壮大。", []),
    ("某市新闻", "2024-03-01", "“我们今年要把产能提高到10万台。”某集团董事长说。", []),
    ("某市新闻", "2024-03-01", "股票代码600519，收盘价1688.00元。", []),
    # --- past year in a work report, additions versus totals, deadlines in a review, companies
    ("2025年江门市政府工作报告", "2025-01-20",
     "过去一年，全市实现地区生产总值4200亿元，增长5.1%。",
     [(A, "江门市", "地区生产总值", 4200, "亿元", "=", 2024, "level"),
      (A, "江门市", "地区生产总值增速", 5.1, "%", "=", 2024, "growth")]),
    ("温州市科技局2024年工作总结", "2024-12-28",
     "新认定国家高新技术企业860余家，总数突破4000家。",
     [(A, "温州市", "新增高新技术企业数", 860, "家", ">", 2024, "level"),
      (A, "温州市", "高新技术企业数", 4000, "家", ">", 2024, "level")]),
    ("襄阳市科技局2024年工作总结和2025年工作计划", "2025-01-10",
     "“十四五”末，全市研发投入强度达到2.8%。",
     [(T, "襄阳市", "研发投入强度", 2.8, "%", ">=", 2025, "share")]),
    ("西安高新区：今年一季度经济运行稳中向好", "2024-04-22",
     "1—3月，全区新增各类市场主体1.2万户。下一步，西安高新区将新培育独角兽企业2家以上。",
     [(A, "西安高新区", "新增市场主体数", 1.2, "万户", "=", 2024, "level"),
      (T, "西安高新区", "新增独角兽企业数", 2, "家", ">=", 2024, "level")]),
    ("2024年全省开发区工作要点", "2024-02-26",
     "全省新增专精特新中小企业1000家，其中合肥市400家、芜湖市200家。",
     [(T, "安徽省", "新增专精特新中小企业数", 1000, "家", "=", 2024, "level"),
      (T, "合肥市", "新增专精特新中小企业数", 400, "家", "=", 2024, "level"),
      (T, "芜湖市", "新增专精特新中小企业数", 200, "家", "=", 2024, "level")]),
    ("2024年湖州市工作要点", "2024-02-26",
     "到2025年，全市培育3个千亿级产业集群。",
     [(T, "湖州市", "千亿级产业集群", 3, "个", "=", 2025, "level")]),
    ("2024年芜湖高新区工作要点", "2024-02-01",
     "某某电子科技有限公司年营业收入超过50亿元，员工3000余人。", []),
    # rules found with the fresh documents (tests/extract/fresh)
    ("芜湖市行动方案", "2024-05-10", "到2027年，培育百亿级零部件企业10家以上。",   # 零部件 is a word, not 0 部
     [(T, "芜湖市", "百亿级零部件企业", 10, "家", ">=", 2027, "level")]),
    ("某市经济运行情况", "2024-10-28", "全市规模以上工业增加值同比增长7.4%，拉动全市经济增长2.1个百分点。",
     [(A, "全市", "规模以上工业增加值增速", 7.4, "%", "=", 2024, "growth")]),   # a contribution is not a figure
    ("四川省就业形势", "2024-11-15", "全省城镇新增就业92.6万人，完成年度目标任务的102.9%；城镇调查失业率为5.3%。",
     [(A, "四川省", "城镇新增就业", 92.6, "万人", "=", 2024, "level"),
      (A, "四川省", "城镇新增就业目标完成率", 102.9, "%", "=", 2024, "share"),   # how much of its goal
      (A, "四川省", "城镇调查失业率", 5.3, "%", "=", 2024, "share")]),   # 完成…目标任务的 is a result
    ("全国就业形势", "2007-12-21", "三季度末，全国城镇登记失业率为4.0%，比去年底下降0.1个百分点。",
     [(A, "全国", "城镇登记失业率", 4.0, "%", "=", 2007, "share"),
      (A, "全国", "城镇登记失业率", -0.1, "个百分点", "<=", 2007, "change")]),   # the change of the rate just given
    ("湖北省经济运行情况", "2025-06-09", "2024年湖北地区生产总值增长目标为6%。",   # a goal stated as one stays a goal
     [(T, "湖北省", "地区生产总值增速", 6, "%", "=", 2024, "growth")]),
    ("厦门火炬高新区工作会议", "2022-01-27", "厦门火炬高新区计算机与通信设备产业2021年实现产值1006.6亿元。",
     [(A, "厦门火炬高新区", "计算机与通信设备产业产值", 1006.6, "亿元", "=", 2021, "level")]),
    ("罗甸县2018年统计公报", "2019-04-28", "全年地区生产总值(GDP)完成612340万元，比上年增长10.4%。",
     [(A, "罗甸县", "地区生产总值", 612340, "万元", "=", 2018, "level"),
      (A, "罗甸县", "地区生产总值增速", 10.4, "%", "=", 2018, "growth")]),   # a gloss in brackets keeps the name
    ("青岛西海岸新区外贸", "2024-10-30", "其中出口1120.3亿元、进口730.3亿元，分别增长10.5%和4.9%。",
     [(A, "青岛西海岸新区", "出口总额", 1120.3, "亿元", "=", 2024, "level"),
      (A, "青岛西海岸新区", "进口总额", 730.3, "亿元", "=", 2024, "level"),
      (A, "青岛西海岸新区", "出口增速", 10.5, "%", "=", 2024, "growth"),
      (A, "青岛西海岸新区", "进口增速", 4.9, "%", "=", 2024, "growth")]),
    ("郑州航空港区签约活动", "2024-04-12", "共签约项目36个，总投资580亿元。",
     [(A, "郑州航空港区", "签约项目数", 36, "个", "=", 2024, "level"),
      (A, "郑州航空港区", "签约项目总投资", 580, "亿元", "=", 2024, "level")]),
    ("东湖高新区工作会议", "2024-02-20", "2023年，光谷市场主体在全市占比突破14%，新增上市公司7家。",
     [(A, "东湖高新区", "市场主体数", 14, "%", ">", 2023, "share"),   # the zone's share, not the city's figure
      (A, "东湖高新区", "新增上市企业数", 7, "家", "=", 2023, "level")]),
    ("郑州市前三季度开放型经济", "2025-10-20", "新郑综保区前三季度完成进出口总值2680亿元，同比增长6.3%。",   # the zone's own
     [(A, "郑州新郑综合保税区", "外贸进出口总额", 2680, "亿元", "=", 2025, "level"),
      (A, "郑州新郑综合保税区", "外贸进出口总额增速", 6.3, "%", "=", 2025, "growth")]),
    ("乌鲁木齐综合保税区外贸", "2024-04-16", "一季度完成进出口额23.5亿元，同比增长1.8倍。",
     [(A, "乌鲁木齐综合保税区", "外贸进出口总额", 23.5, "亿元", "=", 2024, "level"),
      (A, "乌鲁木齐综合保税区", "外贸进出口总额增速", 1.8, "倍", "=", 2024, "growth")]),
    ("如皋高新区2024年主要目标任务", "2024-01-08", "● 引进亿元以上项目20个；● 建成充电桩500个。",
     [(T, "如皋高新区", "亿元以上项目", 20, "个", "=", 2024, "level"),
      (T, "如皋高新区", "充电桩", 500, "个", "=", 2024, "level")]),
    ("新疆工业园区发展综述", "2024-12-20", "位于乌鲁木齐市的7家园区已初步形成23条产业链。",   # the city's parks
     [(A, "乌鲁木齐市", "园区", 7, "家", "=", 2024, "level"), (A, "乌鲁木齐市", "产业链", 23, "条", "=", 2024, "level")]),
    ("焦作市前三季度投资", "2018-10-20", "其中，交通运输、仓储和邮政业完成投资38.6亿元。",   # one name with 、 in it
     [(A, "焦作市", "交通运输、仓储和邮政业投资", 38.6, "亿元", "=", 2018, "level")]),
    ("綦江区前三季度工业", "2025-10-28", "其中，钢材产量8.7万吨，增长3.6%；日用陶瓷21540吨，增长12.4%。",
     [(A, "綦江区", "钢材产量", 8.7, "万吨", "=", 2025, "level"),   # a new item after ； keeps no name
      (A, "綦江区", "钢材产量增速", 3.6, "%", "=", 2025, "growth")]),
    ("天府新区上半年外贸", "2016-07-21", "上半年进出口总值512亿元(出口297亿元，增长64.2%)，增长1.3倍。",
     [(A, "天府新区", "外贸进出口总额", 512, "亿元", "=", 2016, "level"),
      (A, "天府新区", "出口总额", 297, "亿元", "=", 2016, "level"),
      (A, "天府新区", "出口增速", 64.2, "%", "=", 2016, "growth"),
      (A, "天府新区", "外贸进出口总额增速", 1.3, "倍", "=", 2016, "growth")]),   # after the bracket, the total's
    ("中关村示范区前三季度", "2019-10-30", "前三季度，68.5%的示范区规模以上企业开展了研发活动，大型企业实现利润932.4亿元。",
     [(A, "中关村示范区", "示范区规模以上企业开展研发活动的占比", 68.5, "%", "=", 2019, "share"),
      (A, "中关村示范区", "大型企业利润", 932.4, "亿元", "=", 2019, "level")]),   # a part's profit, not the zone's
    ("某公司简介", "2024-03-01", "某某新材料股份有限公司总部位于合肥高新区，现有员工3200余人，其中研发人员600人。", []),
    ("2024年芜湖高新区工作要点", "2024-02-01",
     "引进华为等龙头企业5家，带动投资50亿元。",
     [(T, "芜湖高新区", "华为等龙头企业", 5, "家", "=", 2024, "level"),
      (T, "芜湖高新区", "带动投资", 50, "亿元", "=", 2024, "level")]),
]


@pytest.fixture(scope="module")
def knowledge():
    return load_catalogue(), load_gazetteer()


def _run(title: str, published: str, sentence: str, knowledge):
    text = f"{title}\n发布时间：{published}\n{sentence}\n"
    prepared = prepare_document(read_bytes(text.encode("utf-8"), "case.txt"))
    return extract(prepared, *knowledge).records


def _key(record) -> tuple:
    return (record.kind, record.unit, record.value, record.uom, record.comparator, record.year, record.metric)


@pytest.mark.parametrize(("title", "published", "sentence", "expected"), CASES, ids=[c[2][:24] for c in CASES])
def test_sentence(title, published, sentence, expected, knowledge):
    records = _run(title, published, sentence, knowledge)
    got = [(_key(r), r.indicator) for r in records]
    assert len(records) == len(expected), got
    for (kind, unit, indicator, value, uom, comparator, year, metric), record in zip(expected, records, strict=True):
        assert _key(record) == (kind, unit, pytest.approx(value), uom, comparator, year, metric), got
        assert indicator == record.indicator, (indicator, record.indicator)


def test_enough_cases():
    assert len(CASES) >= 60 or sum(len(c[3]) or 1 for c in CASES) >= 60


def test_stretch_is_marked_beside_the_base(knowledge):
    records = _run("郑州市2024年政府工作报告", "2024-01-12", "确保社会消费品零售总额增长6%，力争7%。", knowledge)
    assert [(r.value, r.stretch) for r in records] == [(6, False), (7, True)]


def test_quotes_are_the_original_sentences(knowledge):
    records = _run("长沙市2024年科技工作要点", "2024-02-20",
                   "今年，全市研发投入强度达到3%，高企数量达到7500家。另外一句话。", knowledge)
    assert {r.source.quote for r in records} == {"今年，全市研发投入强度达到3%，高企数量达到7500家。"}


def test_a_page_naming_its_unit_only_in_its_title_still_gets_it(knowledge):
    page = ("<html><head><title>2024年政府工作报告_潍坊市人民政府</title></head><body><h1>2024年政府工作报告</h1>"
            "<p>发布日期：2024-01-31</p><p>高新技术企业达到2300家，居民消费价格涨幅3%左右。</p></body></html>")
    prepared = prepare_document(read_bytes(page.encode("gbk"), "page.html"))
    records = extract(prepared, *knowledge).records
    assert [(r.unit, r.indicator, r.value, r.metric) for r in records] == [
        ("潍坊市", "高新技术企业数", 2300, "level"), ("潍坊市", "居民消费价格涨幅", 3, "growth")]


def test_a_file_name_naming_the_unit_is_the_last_resort(knowledge):
    text = "2024年工作要点\n发布时间：2024-02-01\n高新技术企业达到2300家。\n"
    named = extract(prepare_document(read_bytes(text.encode("utf-8"), "德州市2024年工作要点.txt")), *knowledge)
    unnamed = extract(prepare_document(read_bytes(text.encode("utf-8"), "要点.txt")), *knowledge)
    assert [r.unit for r in named.records] == ["德州市"]
    assert unnamed.records == [] and unnamed.notes == ["要点.txt: left out 2300家 (not a figure of an administrative unit)"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list(
    "今年力争确保全市全区新区高新区技术合同成交额达到超过增长以上左右以内个百分点亿元万家人%-—至到年月日，。；、（）“”"
    "0123456789一二三四五六七八九十百千万亿两兰州无锡高新技术企业目标已累计截至1—10月第批公司集团2024年\n ")),
    max_size=200))
def test_extractor_never_raises_and_quotes_its_source(text):
    catalogue, gazetteer = _KNOWLEDGE
    prepared = prepare_document(read_bytes(("兰州市工作报告\n" + text).encode("utf-8"), "fuzz.txt"))
    if isinstance(prepared, Skipped):
        return
    for record in extract(prepared, catalogue, gazetteer).records:
        assert prepared.doc.text[record.source.start:record.source.end] == record.source.quote
        assert record.indicator
        assert record.kind in ("target", "actual")


_KNOWLEDGE = (load_catalogue(), load_gazetteer())


def test_a_text_that_never_ends_a_sentence_gives_every_figure_as_separate_sentences_do(knowledge):
    # Machine-made copies run on for megabytes without 。: they are cut after a comma near
    # MAX_SENTENCE characters (so the cost per figure stays the same), and no figure is lost.
    clauses = [f"德清县第{n}批产业园入驻企业达到{100 + n}家" for n in range(1, 301)]
    run_on = _run("德清县2024年工作计划", "2024-01-20", "，".join(clauses) + "。", knowledge)
    separate = _run("德清县2024年工作计划", "2024-01-20", "。".join(clauses) + "。", knowledge)
    assert len("，".join(clauses)) > 3 * MAX_SENTENCE
    assert sorted(r.value for r in run_on) == sorted(r.value for r in separate) == [100.0 + n for n in range(1, 301)]


def test_run_on_sentences_are_cut_after_a_comma_and_cover_the_text():
    text = "，".join(f"第{n}项工作稳步推进" for n in range(1, 1001))
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert [b.start for b in sentences[1:]] == [a.end for a in sentences[:-1]]
    assert all(text[s.end - 1] == "，" for s in sentences[:-1])
    assert (sentences[0].start, sentences[-1].end) == (0, len(text))


def test_sentences_split_as_the_general_path_splits_them():
    # Sentences needing no cut and starting with no space are taken as they are; the others are
    # stripped and cut: both give what stripping and cutting every piece gives.
    import re

    from tracker.extract.sentences import _SENTENCE_END, MAX_SENTENCE, Sentence, split_sentences

    def reference(text):
        def add(found, start, end, paragraph):
            while end - start > MAX_SENTENCE:
                cuts = [m.end() for m in re.finditer(r"[,，;；]", text[:start + MAX_SENTENCE])
                        if m.end() > start + MAX_SENTENCE // 2]
                cut = cuts[-1] if cuts else start + MAX_SENTENCE
                add(found, start, cut, paragraph)
                start = cut
            piece = text[start:end]
            if piece.lstrip():
                found.append(Sentence(start + len(piece) - len(piece.lstrip()), end, paragraph))
        found, paragraph, start = [], 0, 0
        for match in _SENTENCE_END.finditer(text):
            at, start_next = match.span()
            if start_next - at == 1 and text[at] == "\n":
                add(found, start, at, paragraph)
                paragraph += 1
            else:
                add(found, start, start_next, paragraph)
            start = start_next
        add(found, start, len(text), paragraph)
        return found

    text = ("全市增长5%。 增长6%！\u3000增长7%？\n\n  \n\t增长8%。”他说。\n" + "增长9%，" * 700 + "。"
            + "很" * 2500 + "\n最后一句")
    assert split_sentences(text) == reference(text) and len(reference(text)) > 8
    for piece in ("", " ", "\n", "。", "增长", " 增长。", "增长。 "):
        assert split_sentences(piece) == reference(piece)


def test_the_lines_holding_positions_are_split_as_the_whole_text_is():
    # records.extract splits only the lines that hold a quantity; each sentence keeps the start of
    # its paragraph and of the paragraph before, as a walk over every sentence of the text gives them.
    from tracker.extract.sentences import lines_holding

    def walked(text):
        found, paragraph_start, before_start, last = {}, 0, 0, -1
        for sentence in split_sentences(text):
            if sentence.paragraph != last:
                before_start = paragraph_start if last >= 0 else sentence.start
                paragraph_start, last = sentence.start, sentence.paragraph
            found[sentence] = (paragraph_start, before_start)
        return found

    text = ("全市增长5%。 增长6%！\u3000增长7%？\n\n  \n\t增长8%。”他说。\n" + "增长9%，" * 700 + "。"
            + "很" * 2500 + "\n\u3000\n最后一句\n  \n" + "，" * 3000 + "\n末行")
    every = walked(text)
    for positions in ([i for i, c in enumerate(text) if not c.isspace()], [3, 30, 31, len(text) - 1],
                      [text.index("最后")], [text.index("末行")], []):
        got = {s: (own, before) for sentences, own, before in lines_holding(text, positions) for s in sentences}
        lines = {text.count("\n", 0, p) for p in positions}
        assert got == {s: starts for s, starts in every.items() if s.paragraph in lines}
