//! Word lists for generated ledgers: Chinese names, Shanghai districts and
//! roads by sales region, and the event words and reasons the SPEC accepts.

/// Single-character surnames, most common first.
pub const SURNAMES: [&str; 100] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
    "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
    "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
];

/// How many of [`SURNAMES`] count as "very common" (half of all customers).
pub const COMMON_SURNAMES: u64 = 12;

/// Characters of given names.
pub const GIVEN: [&str; 70] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
    "平", "刚", "华", "玉", "萍", "红", "玲", "芬", "燕", "建", "国", "志", "文", "斌", "海", "晓", "东", "丹",
    "鹏", "辉", "宇", "浩", "然", "欣", "怡", "涵", "轩", "雨", "桐", "思", "远", "嘉", "俊", "婷", "立", "新",
    "晨", "阳", "佳", "琪", "诺", "凯", "琳", "颖", "慧", "峰", "波", "亮", "博", "宁", "悦", "楠",
];

/// Sales regions, as written in the `region` column and the roster.
pub const REGIONS: [&str; 4] = ["east", "west", "north", "south"];

/// How customers spread over [`REGIONS`].
pub const REGION_WEIGHTS: [u64; 4] = [35, 30, 20, 15];

/// A Shanghai district and some of its roads.
pub struct District {
    pub name: &'static str,
    pub roads: &'static [&'static str],
}

const EAST: [District; 1] = [District {
    name: "浦东新区",
    roads: &["张杨路", "潍坊路", "锦绣路", "东方路", "花木路", "源深路", "世纪大道", "杨高中路", "浦东南路", "罗山路"],
}];

const WEST: [District; 2] = [
    District { name: "徐汇区", roads: &["漕溪北路", "田林路", "虹漕路", "钦州路", "龙华中路", "宜山路", "天钥桥路", "斜土路"] },
    District { name: "长宁区", roads: &["天山路", "仙霞路", "延安西路", "古北路"] },
];

const NORTH: [District; 3] = [
    District { name: "静安区", roads: &["共和新路", "广中路", "延长中路"] },
    District { name: "宝山区", roads: &["牡丹江路", "友谊路", "共康路"] },
    District { name: "普陀区", roads: &["真北路", "曹杨路", "中山北路"] },
];

const SOUTH: [District; 2] = [
    District { name: "闵行区", roads: &["七莘路", "莘庄路", "沪闵路", "都市路"] },
    District { name: "奉贤区", roads: &["南桥路", "解放东路"] },
];

/// The districts of region `r` (an index into [`REGIONS`]).
pub fn districts(r: usize) -> &'static [District] {
    match r {
        0 => &EAST,
        1 => &WEST,
        2 => &NORTH,
        _ => &SOUTH,
    }
}

/// Event words: English most of the time, the Chinese aliases sometimes.
pub const CLAIM_WORDS: [&str; 2] = ["claim", "报备"];
pub const FOLLOW_UP_WORDS: [&str; 2] = ["follow_up", "跟进"];
pub const VISIT_WORDS: [&str; 3] = ["visit", "量尺", "上门"];

/// Reason codes that make a cross-region claim acceptable (SPEC §10).
pub const CROSS_REGION_REASONS: [&str; 3] = ["group_design", "unified_tender", "proxy_purchase"];

/// Reasons a manager writes on a ruling that gives the customer to a rep.
pub const RULING_REASONS: [&str; 4] = [
    "客户首次到店有到店登记和聊天记录，报备在后的一方放弃，部门负责人裁定",
    "客户由小区推广活动首次接触，报备超过24小时但有带看记录，部门负责人裁定",
    "两位业务员同日接触客户，经核实微信记录，部门负责人裁定",
    "客户为老客户介绍，介绍人指定跟进人，部门负责人裁定",
];

/// The reason on a ruling that gives the customer to nobody (the house).
pub const HOUSE_REASON: &str = "客户为门店员工直系亲属，按内部价成交，部门负责人裁定归公司，不计个人业绩";
