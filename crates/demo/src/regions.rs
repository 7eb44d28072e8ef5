//! Where customers live: the plate issuing offices (车管所) the dealership sees
//! and the cities behind them, with their telephone area codes, districts and
//! streets, so that a customer's plate, landline and address agree.

use rand::Rng;

use crate::pick::{chance, one_of};

#[derive(Debug)]
pub(crate) struct City {
    /// As written at the start of an address: 长春市, 延边州延吉市.
    pub(crate) name: &'static str,
    pub(crate) area_code: &'static str,
    pub(crate) districts: &'static [&'static str],
    pub(crate) roads: &'static [&'static str],
}

/// A plate prefix: province abbreviation and issuing-office letter.
#[derive(Debug)]
pub(crate) struct Office {
    pub(crate) prefix: &'static str,
    pub(crate) city: &'static City,
    /// Share of ordinary (blue) plates. The dealership is an FAW brand shop, so
    /// 吉A (Changchun, FAW's home) is weighted up; the rest are customers who
    /// moved, commute or bought their car elsewhere.
    pub(crate) weight: u32,
    /// Share of new-energy (green) plates, which cluster in the cities that
    /// ration ordinary plates (Shenzhen, Shanghai, Hangzhou, Beijing…).
    pub(crate) nev_weight: u32,
}

const CHANGCHUN: City = City {
    name: "长春市",
    area_code: "0431",
    districts: &["朝阳区", "南关区", "宽城区", "二道区", "绿园区", "净月区", "高新区", "经开区", "汽开区"],
    roads: &[
        "人民大街",
        "亚泰大街",
        "自由大路",
        "解放大路",
        "卫星路",
        "前进大街",
        "同志街",
        "西安大路",
        "东风大街",
        "普阳街",
        "生态大街",
        "硅谷大街",
        "南湖大路",
        "临河街",
        "繁荣路",
    ],
};
const JILIN: City = City {
    name: "吉林市",
    area_code: "0432",
    districts: &["船营区", "昌邑区", "丰满区", "龙潭区"],
    roads: &["解放中路", "重庆路", "北京路", "吉林大街", "遵义东路", "松江中路"],
};
const SIPING: City = City {
    name: "四平市",
    area_code: "0434",
    districts: &["铁西区", "铁东区"],
    roads: &["英雄大街", "紫气大路", "中央西路", "北二经街"],
};
const YANJI: City = City {
    name: "延边州延吉市",
    area_code: "0433",
    districts: &["河南街道", "建工街道", "进学街道", "北山街道"],
    roads: &["光明街", "人民路", "长白路", "局子街", "友谊路"],
};
const SONGYUAN: City = City {
    name: "松原市",
    area_code: "0438",
    districts: &["宁江区", "前郭县"],
    roads: &["沿江路", "锦江大街", "乌兰大街", "青年大街"],
};
const BEIJING: City = City {
    name: "北京市",
    area_code: "010",
    districts: &["朝阳区", "海淀区", "丰台区", "东城区", "西城区", "通州区", "昌平区", "大兴区", "顺义区"],
    roads: &[
        "建国路",
        "朝阳北路",
        "中关村大街",
        "学院路",
        "西三环北路",
        "望京街",
        "安立路",
        "北苑路",
        "南三环西路",
        "广渠路",
        "双清路",
        "京顺路",
    ],
};
const TIANJIN: City = City {
    name: "天津市",
    area_code: "022",
    districts: &["和平区", "河西区", "南开区", "河东区", "滨海新区", "西青区"],
    roads: &["南京路", "友谊路", "卫津路", "黑牛城道", "解放南路", "复康路"],
};
const SHANGHAI: City = City {
    name: "上海市",
    area_code: "021",
    districts: &["浦东新区", "徐汇区", "闵行区", "静安区", "长宁区", "普陀区", "杨浦区", "嘉定区", "宝山区"],
    roads: &[
        "世纪大道",
        "张杨路",
        "漕溪北路",
        "虹桥路",
        "南京西路",
        "延安西路",
        "淮海中路",
        "沪闵路",
        "曹安公路",
    ],
};
const GUANGZHOU: City = City {
    name: "广州市",
    area_code: "020",
    districts: &["天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区"],
    roads: &["天河路", "中山大道", "黄埔大道", "环市东路", "江南大道", "广州大道"],
};
const SHENZHEN: City = City {
    name: "深圳市",
    area_code: "0755",
    districts: &["南山区", "福田区", "罗湖区", "宝安区", "龙岗区", "龙华区"],
    roads: &["深南大道", "滨海大道", "北环大道", "南海大道", "宝安大道", "梅林路"],
};
const ZHUHAI: City = City {
    name: "珠海市",
    area_code: "0756",
    districts: &["香洲区", "斗门区", "金湾区"],
    roads: &["情侣路", "九洲大道", "珠海大道", "迎宾南路"],
};
const FOSHAN: City = City {
    name: "佛山市",
    area_code: "0757",
    districts: &["禅城区", "南海区", "顺德区"],
    roads: &["季华路", "佛山大道", "桂澜路", "汾江路"],
};
const DONGGUAN: City = City {
    name: "东莞市",
    area_code: "0769",
    districts: &["南城街道", "东城街道", "松山湖", "长安镇", "虎门镇"],
    roads: &["鸿福路", "东莞大道", "莞太路", "元美路"],
};
const SHENYANG: City = City {
    name: "沈阳市",
    area_code: "024",
    districts: &["和平区", "沈河区", "皇姑区", "铁西区", "浑南区"],
    roads: &["青年大街", "北京街", "黄河南大街", "北陵大街", "建设大路"],
};
const DALIAN: City = City {
    name: "大连市",
    area_code: "0411",
    districts: &["中山区", "西岗区", "沙河口区", "甘井子区"],
    roads: &["人民路", "中山路", "五四路", "西安路"],
};
const HARBIN: City = City {
    name: "哈尔滨市",
    area_code: "0451",
    districts: &["南岗区", "道里区", "香坊区", "道外区", "松北区"],
    roads: &["中山路", "红旗大街", "中央大街", "学府路", "长江路"],
};
const NANJING: City = City {
    name: "南京市",
    area_code: "025",
    districts: &["鼓楼区", "玄武区", "秦淮区", "建邺区", "江宁区"],
    roads: &["中山路", "北京东路", "汉中路", "江东中路", "双龙大道"],
};
const WUXI: City = City {
    name: "无锡市",
    area_code: "0510",
    districts: &["梁溪区", "滨湖区", "新吴区"],
    roads: &["中山路", "人民中路", "太湖大道"],
};
const SUZHOU: City = City {
    name: "苏州市",
    area_code: "0512",
    districts: &["姑苏区", "工业园区", "吴中区", "相城区", "虎丘区"],
    roads: &["干将路", "人民路", "星湖街", "金鸡湖大道", "东环路"],
};
const HANGZHOU: City = City {
    name: "杭州市",
    area_code: "0571",
    districts: &["西湖区", "上城区", "拱墅区", "滨江区", "余杭区", "萧山区"],
    roads: &["文三路", "延安路", "天目山路", "江南大道", "钱江路"],
};
const NINGBO: City = City {
    name: "宁波市",
    area_code: "0574",
    districts: &["海曙区", "江北区", "鄞州区", "镇海区"],
    roads: &["中山东路", "天童南路", "江东北路"],
};
const CHENGDU: City = City {
    name: "成都市",
    area_code: "028",
    districts: &["锦江区", "青羊区", "武侯区", "成华区", "金牛区", "高新区", "龙泉驿区"],
    roads: &["人民南路", "天府大道", "蜀都大道", "一环路南一段", "府青路"],
};
const JINAN: City = City {
    name: "济南市",
    area_code: "0531",
    districts: &["历下区", "市中区", "槐荫区", "天桥区", "历城区"],
    roads: &["经十路", "泉城路", "解放路", "二环东路"],
};
const QINGDAO: City = City {
    name: "青岛市",
    area_code: "0532",
    districts: &["市南区", "市北区", "崂山区", "李沧区", "黄岛区"],
    roads: &["香港中路", "山东路", "辽阳西路", "海尔路"],
};

const fn office(prefix: &'static str, city: &'static City, weight: u32, nev_weight: u32) -> Office {
    Office { prefix, city, weight, nev_weight }
}

pub(crate) static OFFICES: &[Office] = &[
    office("吉A", &CHANGCHUN, 354, 150),
    office("吉B", &JILIN, 40, 15),
    office("吉C", &SIPING, 12, 5),
    office("吉H", &YANJI, 12, 5),
    office("吉J", &SONGYUAN, 10, 5),
    office("京A", &BEIJING, 15, 12),
    // The taxi series: the odd Jetta or Bora taxi comes in for service.
    office("京B", &BEIJING, 2, 2),
    office("京C", &BEIJING, 8, 8),
    office("京D", &BEIJING, 2, 2),
    office("京E", &BEIJING, 8, 8),
    office("京F", &BEIJING, 8, 8),
    office("京G", &BEIJING, 4, 4),
    office("京H", &BEIJING, 5, 5),
    office("京J", &BEIJING, 5, 5),
    office("京K", &BEIJING, 6, 6),
    office("京L", &BEIJING, 6, 6),
    office("京M", &BEIJING, 6, 6),
    office("京N", &BEIJING, 10, 10),
    office("京P", &BEIJING, 8, 8),
    office("京Q", &BEIJING, 8, 8),
    office("津A", &TIANJIN, 12, 20),
    office("津B", &TIANJIN, 6, 10),
    office("沪A", &SHANGHAI, 20, 40),
    office("沪B", &SHANGHAI, 12, 30),
    office("沪D", &SHANGHAI, 8, 20),
    office("沪E", &SHANGHAI, 5, 10),
    office("粤A", &GUANGZHOU, 30, 50),
    office("粤B", &SHENZHEN, 35, 110),
    office("粤C", &ZHUHAI, 8, 15),
    office("粤E", &FOSHAN, 20, 30),
    office("粤S", &DONGGUAN, 15, 25),
    office("辽A", &SHENYANG, 35, 30),
    office("辽B", &DALIAN, 30, 30),
    office("黑A", &HARBIN, 40, 20),
    office("苏A", &NANJING, 20, 35),
    office("苏B", &WUXI, 10, 20),
    office("苏E", &SUZHOU, 25, 45),
    office("浙A", &HANGZHOU, 30, 70),
    office("浙B", &NINGBO, 15, 30),
    office("川A", &CHENGDU, 45, 60),
    office("鲁A", &JINAN, 20, 20),
    office("鲁B", &QINGDAO, 30, 30),
];

/// Residential compounds for addresses that go down to the flat.
const COMPOUNDS: &[&str] = &[
    "万科城",
    "恒大名都",
    "碧桂园",
    "保利罗兰香谷",
    "中海国际社区",
    "阳光小区",
    "绿地新里",
    "融创观澜府",
    "龙湖春江郦城",
    "金地格林小镇",
    "华润置地公馆",
    "幸福家园",
    "鑫苑名家",
    "富力城",
    "世纪花园",
    "和平小区",
];

/// A street address in `city`: sometimes just the street number (a shop or an
/// office), usually down to building, unit and flat.
pub(crate) fn address(rng: &mut impl Rng, city: &City) -> String {
    let district = one_of(rng, city.districts);
    let road = one_of(rng, city.roads);
    let number = rng.random_range(1..=3_999);
    if chance(rng, 0.3) {
        return format!("{}{district}{road}{number}号", city.name);
    }
    let compound = one_of(rng, COMPOUNDS);
    let building = rng.random_range(1..=32);
    let unit = rng.random_range(1..=6);
    let floor = rng.random_range(1..=33);
    let flat = rng.random_range(1..=4);
    format!("{}{district}{road}{number}号{compound}{building}栋{unit}单元{floor}{flat:02}室", city.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use caredesk_domain::validate;

    #[test]
    fn office_prefixes_are_real_plate_prefixes() {
        for office in OFFICES {
            let plate = format!("{}12345", office.prefix);
            assert!(validate::plate("plate", &plate).is_ok(), "{plate}");
            assert!(office.weight >= 1 && office.nev_weight >= 1, "{}", office.prefix);
            let area = format!("{}-62345678", office.city.area_code);
            assert_eq!(validate::phone("p", &area).unwrap(), area);
        }
        let mut prefixes: Vec<_> = OFFICES.iter().map(|o| o.prefix).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), OFFICES.len());
    }
}
