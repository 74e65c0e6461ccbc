//! The policy of a `rules.toml`, validated: its invariants hold by construction.
//!
//! Pure: no IO. [`rules_toml`] turns the text of a rules file into a [`Policy`].

pub mod rules_toml;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::domain::ledger::Fields;
use crate::domain::money::Money;
use crate::domain::period::PeriodKind;

/// The two channels every alliance has; `[channels.NAME]` may add more.
pub const BUILT_IN_CHANNELS: [&str; 2] = ["field", "store"];

/// Index of a rep in [`Policy::reps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RepId(pub u32);

/// Index of a channel in [`Policy::channels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChannelId(pub u32);

/// `[claims]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRules {
    pub required: Fields,
    pub claim_within_days: u32,
    pub follow_up_every_days: u32,
    pub lapse_after_days: u32,
}

/// `[channels.NAME]`: a key that is not set means no such rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub name: String,
    pub expire_without_visit_days: Option<u32>,
    pub monthly_quota: Option<u32>,
}

/// `[territory]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Territory {
    pub enforce: bool,
    /// Folded reason codes.
    pub allowed_reasons: Vec<String>,
}

/// `attribution.repeat_deals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatDeals {
    FirstOwner,
    Closer,
}

/// `commission.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierMode {
    Marginal,
    Flat,
}

/// One commission tier: performance from `from` up is paid at `rate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    pub from: Money,
    pub rate: Decimal,
}

/// `[commission]`. Tiers start at 0 and rise strictly; rates lie in 0..=1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionRules {
    pub period: PeriodKind,
    pub mode: TierMode,
    pub tiers: Vec<Tier>,
    pub over_target_rate: Decimal,
    pub new_customer: Money,
    pub champion: Money,
}

/// One rep of the roster (`[reps."NAME"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rep {
    /// Folded name, as the ledgers must write it.
    pub name: String,
    pub channel: ChannelId,
    pub region: Option<String>,
    pub target: Option<Money>,
}

/// A validated rulebook.
#[derive(Debug, Clone)]
pub struct Policy {
    pub claims: ClaimRules,
    pub channels: Vec<Channel>,
    pub territory: Territory,
    pub repeat_deals: RepeatDeals,
    pub commission: CommissionRules,
    /// Sorted by name.
    pub reps: Vec<Rep>,
    rep_index: FxHashMap<String, RepId>,
    /// `[deals]`: the status words of the customer ledger (SPEC §13).
    pub statuses: DealStatuses,
}

/// What a customer-ledger `status` cell says about a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealStatus {
    Normal,
    Refunded,
}

/// `deals.refunded_status` and `deals.normal_status`, each word folded and
/// lowercased; no word is in both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealStatuses {
    pub refunded: Vec<String>,
    pub normal: Vec<String>,
    /// Whether rules.toml writes each list, else it is the built-in one: a
    /// word is added to a list written, while adding one to a built-in list
    /// means writing it out whole (a list given replaces it).
    pub refunded_given: bool,
    pub normal_given: bool,
}

/// The SPEC §10 default of `deals.refunded_status`.
pub const REFUNDED_STATUS: [&str; 13] =
    ["退单", "已退单", "退款", "已退款", "退定", "已退定", "退货", "已退货", "取消", "已取消", "作废", "refunded", "cancelled"];

/// The SPEC §10 default of `deals.normal_status`.
pub const NORMAL_STATUS: [&str; 22] = [
    "成交", "已成交", "下定", "已下定", "签约", "已签约", "付款", "已付款", "已收款", "正常", "完成", "已完成", "待交付",
    "已发货", "交付", "已交付", "待安装", "安装中", "已安装", "done", "closed", "paid",
];

/// A status word as it is compared: folded, letter case ignored.
pub fn status_key(raw: &str) -> String {
    crate::domain::text::fold(raw).to_lowercase()
}

impl DealStatuses {
    /// Reads a status cell: empty is a normal deal; `None` when the word is
    /// in neither list (a money decision is never guessed).
    pub fn classify(&self, raw: &str) -> Option<DealStatus> {
        let key = status_key(raw);
        if key.is_empty() || self.normal.contains(&key) {
            Some(DealStatus::Normal)
        } else if self.refunded.contains(&key) {
            Some(DealStatus::Refunded)
        } else {
            None
        }
    }
}

impl Default for DealStatuses {
    fn default() -> Self {
        let list = |words: &[&str]| words.iter().map(|w| status_key(w)).collect();
        DealStatuses { refunded: list(&REFUNDED_STATUS), normal: list(&NORMAL_STATUS), refunded_given: false, normal_given: false }
    }
}

impl Policy {
    /// Builds a policy from validated parts; `reps` may come in any order.
    pub fn new(
        claims: ClaimRules,
        channels: Vec<Channel>,
        territory: Territory,
        repeat_deals: RepeatDeals,
        commission: CommissionRules,
        mut reps: Vec<Rep>,
    ) -> Policy {
        reps.sort_by(|a, b| a.name.cmp(&b.name));
        let rep_index = reps.iter().enumerate().map(|(i, r)| (r.name.clone(), RepId(i as u32))).collect();
        Policy { claims, channels, territory, repeat_deals, commission, reps, rep_index, statuses: DealStatuses::default() }
    }

    /// The rep of a folded name, when the roster has one.
    pub fn rep_id(&self, name: &str) -> Option<RepId> {
        self.rep_index.get(name).copied()
    }

    pub fn rep(&self, id: RepId) -> &Rep {
        &self.reps[id.0 as usize]
    }

    pub fn channel(&self, id: ChannelId) -> &Channel {
        &self.channels[id.0 as usize]
    }

    pub fn channel_of(&self, rep: RepId) -> &Channel {
        self.channel(self.rep(rep).channel)
    }

    /// True when the territory rule lets a rep claim outside their region
    /// for this (folded) reason.
    pub fn allows_reason(&self, reason: &str) -> bool {
        self.territory.allowed_reasons.iter().any(|r| r == reason)
    }

    /// Every name on the roster, in roster order (messages pick the closest
    /// to a misspelt name for "did you mean" hints).
    pub fn rep_names(&self) -> impl Iterator<Item = &str> {
        self.reps.iter().map(|r| r.name.as_str())
    }
}

impl Default for ClaimRules {
    fn default() -> Self {
        use crate::domain::ledger::Field;
        ClaimRules {
            required: [Field::Customer, Field::Phone, Field::Address].into_iter().collect(),
            claim_within_days: 1,
            follow_up_every_days: 3,
            lapse_after_days: 10,
        }
    }
}

impl Default for Territory {
    fn default() -> Self {
        Territory {
            enforce: true,
            allowed_reasons: ["group_design", "unified_tender", "proxy_purchase"].map(String::from).to_vec(),
        }
    }
}

impl Default for CommissionRules {
    fn default() -> Self {
        let tier = |from: i64, rate: Decimal| Tier { from: Decimal::from(from), rate };
        CommissionRules {
            period: PeriodKind::Quarter,
            mode: TierMode::Marginal,
            tiers: vec![
                tier(0, Decimal::new(2, 2)),
                tier(100_000, Decimal::new(3, 2)),
                tier(300_000, Decimal::new(5, 2)),
            ],
            over_target_rate: Decimal::new(1, 2),
            new_customer: Decimal::from(200),
            champion: Decimal::from(2000),
        }
    }
}
