//! Chinese personal names: a surname drawn by its frequency in the population,
//! and a given name of one or two characters in the fashion of the person's
//! generation (秀英 and 建国 for the 1950s–60s, 伟 and 芳 for the 1970s–80s,
//! 浩宇 and 欣怡 for the 1990s on). Common names such as 张伟 and 王芳 repeat, as
//! they do in any real archive.

use rand::Rng;

use crate::pick::{Weighted, chance, front_weighted_char};

/// Surnames with their approximate share per ten thousand people, commonest
/// first; the two-character surnames at the end are rare.
#[rustfmt::skip]
static SURNAMES: &[(&str, u32)] = &[
    ("王", 710), ("李", 707), ("张", 676), ("刘", 538), ("陈", 461), ("杨", 308), ("黄", 225), ("赵", 200), ("吴", 199), ("周", 190),
    ("徐", 150), ("孙", 150), ("马", 130), ("朱", 126), ("胡", 120), ("郭", 115), ("何", 110), ("林", 101), ("高", 100), ("罗", 94),
    ("郑", 90), ("梁", 85), ("谢", 70), ("宋", 65), ("唐", 63), ("许", 62), ("韩", 60), ("冯", 60), ("邓", 60), ("曹", 55),
    ("彭", 53), ("曾", 52), ("肖", 51), ("田", 50), ("董", 50), ("袁", 45), ("潘", 45), ("于", 45), ("蒋", 45), ("蔡", 44),
    ("余", 43), ("杜", 42), ("叶", 42), ("程", 40), ("苏", 38), ("魏", 37), ("吕", 36), ("丁", 36), ("任", 35), ("沈", 34),
    ("姚", 33), ("卢", 33), ("姜", 32), ("崔", 32), ("钟", 31), ("谭", 30), ("陆", 30), ("汪", 28), ("范", 28), ("金", 27),
    ("石", 26), ("廖", 26), ("贾", 26), ("夏", 25), ("韦", 25), ("付", 25), ("方", 24), ("白", 23), ("邹", 23), ("孟", 22),
    ("熊", 22), ("秦", 22), ("邱", 22), ("江", 21), ("尹", 21), ("薛", 20), ("闫", 20), ("段", 20), ("雷", 20), ("侯", 19),
    ("龙", 19), ("史", 19), ("陶", 18), ("黎", 18), ("贺", 18), ("顾", 17), ("毛", 17), ("郝", 17), ("龚", 16), ("邵", 16),
    ("万", 16), ("钱", 16), ("严", 15), ("覃", 15), ("武", 15), ("戴", 15), ("莫", 14), ("孔", 14), ("向", 13), ("汤", 13),
    ("常", 13), ("温", 12), ("康", 12), ("施", 12), ("文", 12), ("牛", 12), ("樊", 12), ("葛", 11), ("邢", 11), ("安", 11),
    ("齐", 10), ("易", 10), ("乔", 10), ("伍", 10), ("庞", 10), ("颜", 10), ("倪", 10), ("庄", 9), ("聂", 9), ("章", 9),
    ("鲁", 9), ("岳", 9), ("翟", 9), ("殷", 9), ("詹", 8), ("申", 8), ("耿", 8), ("关", 8), ("兰", 8), ("焦", 8),
    ("俞", 8), ("左", 8), ("柳", 8), ("甘", 7), ("祝", 7), ("包", 7), ("宁", 7), ("尚", 7), ("符", 7), ("舒", 7),
    ("阮", 7), ("柯", 7), ("纪", 7), ("梅", 7), ("童", 7), ("凌", 6), ("毕", 6), ("单", 6), ("季", 6), ("裴", 6),
    ("霍", 6), ("涂", 6), ("成", 6), ("苗", 6), ("谷", 6), ("盛", 6), ("曲", 6), ("翁", 6), ("冉", 6), ("骆", 6),
    ("蓝", 6), ("路", 6), ("游", 6), ("辛", 5), ("靳", 5), ("管", 5), ("柴", 5), ("蒙", 5), ("鲍", 5), ("华", 5),
    ("喻", 5), ("祁", 5), ("蒲", 5), ("房", 5), ("滕", 5), ("屈", 5), ("饶", 5), ("解", 5), ("牟", 5), ("艾", 5),
    ("尤", 5), ("时", 5), ("穆", 5), ("司", 4), ("卓", 4), ("古", 4), ("吉", 4), ("缪", 4), ("简", 4), ("车", 4),
    ("项", 4), ("连", 4), ("芦", 4), ("麦", 4), ("褚", 4), ("娄", 4), ("窦", 4), ("戚", 4), ("岑", 4), ("景", 4),
    ("党", 4), ("宫", 4), ("费", 4), ("卜", 4), ("冷", 4), ("晏", 4), ("席", 4), ("卫", 4), ("米", 4), ("柏", 4),
    ("宗", 4), ("瞿", 3), ("桂", 3), ("全", 3), ("佟", 3), ("应", 3), ("臧", 3), ("闵", 3), ("苟", 3), ("邬", 3),
    ("边", 3), ("卞", 3), ("姬", 3), ("师", 3), ("栾", 3), ("隋", 3), ("商", 3), ("刁", 3), ("沙", 3), ("荣", 3),
    ("巫", 3), ("寇", 3), ("桑", 3), ("郎", 3), ("甄", 3), ("丛", 3), ("仲", 3), ("虞", 3), ("敖", 3), ("巩", 3),
    ("池", 3), ("迟", 3), ("苑", 3), ("欧阳", 3), ("司马", 1), ("上官", 1), ("诸葛", 1), ("东方", 1), ("皇甫", 1), ("慕容", 1),
    ("令狐", 1), ("尉迟", 1), ("公孙", 1),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
}

/// The given names in fashion for one sex in one generation. Every pool lists
/// its commonest characters first.
struct Fashion {
    /// How often the given name is a single character (张伟, 王芳).
    single_share: f64,
    single: &'static str,
    first: &'static str,
    second: &'static str,
    /// How often a two-character name doubles one character (婷婷, 丹丹).
    doubled_share: f64,
}

/// Born before 1975, 1975–1989, 1990 on.
const MALE: [Fashion; 3] = [
    Fashion {
        single_share: 0.35,
        single: "军国明华平强刚林斌勇建东峰忠海春伟庆成文志金福山德杰",
        first: "建国志永德长庆宝玉振文立海金春明忠卫红洪学彦",
        second: "国华明军平林生民强东成山伟峰斌福荣庆新利忠发",
        doubled_share: 0.0,
    },
    Fashion {
        single_share: 0.45,
        single: "伟磊涛勇军杰强鹏斌超辉亮波刚健峰宇浩飞凯龙鑫帅明刚锋",
        first: "志建晓俊海文国明永家宏立伟小振德广春云",
        second: "伟强军峰涛杰斌明勇华辉刚鹏龙波亮磊超东林飞",
        doubled_share: 0.0,
    },
    Fashion {
        single_share: 0.25,
        single: "浩宇杰航博昊轩晨阳鑫凯旭帆哲睿磊鹏超宁",
        first: "子浩宇俊家嘉天一梓博思明晨文佳泽皓俊雨",
        second: "轩宇杰然豪阳辰博航瑞凯涵铭睿哲鑫帆翔洋",
        doubled_share: 0.0,
    },
];

const FEMALE: [Fashion; 3] = [
    Fashion {
        single_share: 0.35,
        single: "红英华萍霞梅玲芳兰丽敏燕娟琴云凤荣珍",
        first: "秀桂玉淑丽凤金春美素红翠淑桂",
        second: "英兰珍芳华梅荣琴霞云莲芬香",
        doubled_share: 0.0,
    },
    Fashion {
        single_share: 0.45,
        single: "芳娜敏静丽艳娟燕霞婷颖洁慧晶丹蕾莉雪萍",
        first: "晓丽海雪春红艳美小静文婷亚燕",
        second: "燕丽红静梅霞芳娟玲婷敏艳倩颖",
        doubled_share: 0.06,
    },
    Fashion {
        single_share: 0.25,
        single: "婷雪琪欣悦萌璐瑶佳莹倩蕊怡",
        first: "雨思佳欣梓诗子嘉雅可心梦婉一",
        second: "涵琪怡欣彤萱悦雯瑶晴妍婷然诺",
        doubled_share: 0.08,
    },
];

/// Draws full names; the surname table is built once.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    surnames: Weighted<(&'static str, u32)>,
}

impl Names {
    pub(crate) fn new() -> Self {
        Self { surnames: Weighted::new(SURNAMES, |&(_, share)| share) }
    }

    pub(crate) fn name(&self, rng: &mut impl Rng, sex: Sex, birth_year: i32) -> String {
        let generation = match birth_year {
            ..1975 => 0,
            1975..1990 => 1,
            _ => 2,
        };
        let fashion = match sex {
            Sex::Male => &MALE[generation],
            Sex::Female => &FEMALE[generation],
        };
        let mut name = String::with_capacity(12);
        name.push_str(self.surnames.pick(rng).0);
        if chance(rng, fashion.single_share) {
            name.push(front_weighted_char(rng, fashion.single));
        } else if chance(rng, fashion.doubled_share) {
            let c = front_weighted_char(rng, fashion.single);
            name.push(c);
            name.push(c);
        } else {
            name.push(front_weighted_char(rng, fashion.first));
            name.push(front_weighted_char(rng, fashion.second));
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{SeedableRng, rngs::StdRng};
    use std::collections::HashMap;

    #[test]
    fn names_are_two_to_four_chinese_characters_and_common_ones_repeat() {
        let names = Names::new();
        let mut rng = StdRng::seed_from_u64(1);
        let mut counts: HashMap<String, usize> = HashMap::new();
        for i in 0..20_000 {
            let sex = if i % 3 == 0 { Sex::Female } else { Sex::Male };
            let name = names.name(&mut rng, sex, 1960 + (i % 45));
            let len = name.chars().count();
            assert!((2..=4).contains(&len), "{name}");
            assert!(name.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{name}");
            *counts.entry(name).or_default() += 1;
        }
        let wang = counts.iter().filter(|(n, _)| n.starts_with('王')).map(|(_, c)| c).sum::<usize>();
        assert!((1_000..1_900).contains(&wang), "王: {wang}");
        assert!(counts.values().any(|&c| c >= 20), "no name repeats often");
    }
}
