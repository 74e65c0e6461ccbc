//! Reads the text of a `rules.toml` (SPEC §10) into a validated [`Policy`].
//!
//! Pure: takes text, returns values. Raw serde structs first, then checks
//! that name the key and its line for every problem.

use std::collections::BTreeMap;
use std::ops::Range;
use std::str::FromStr;

use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::{
    BUILT_IN_CHANNELS, Channel, ChannelId, ClaimRules, CommissionRules, DealStatuses, Policy, Rep, RepeatDeals,
    Territory, Tier, TierMode, status_key,
};
use crate::domain::ledger::{Event, Field, Fields};
use crate::domain::columns::{NAMES, Words, header_text};
use crate::domain::money::AMOUNT_LIMIT;
use crate::domain::period::PeriodKind;
use crate::domain::text::fold;
use crate::messages::Lang;

/// The longest window or quota a rules file may set (about a century of days).
const MAX_DAYS: i64 = 36_500;

/// A rules file: its policy, the ledger paths it names, as written, and
/// the alliance's own header texts and event words (SPEC §11).
#[derive(Debug, Clone)]
pub struct RulesFile {
    pub policy: Policy,
    pub ledgers: LedgerPaths,
    /// `lang`: the language people read, unless `--lang` says otherwise.
    pub lang: Option<Lang>,
    /// `timezone`: what "today" means (SPEC §12).
    pub timezone: Tz,
    /// `[columns]` and `[events]`: the alliance's own header texts and event words (SPEC §11).
    pub words: Words,
}

/// The time zone "today" is taken in when rules.toml names none.
pub const DEFAULT_TIMEZONE: Tz = chrono_tz::Asia::Shanghai;

/// `[ledgers]`: paths relative to the rules file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerPaths {
    pub customers: Option<String>,
    pub claims: Option<String>,
    pub rulings: Option<String>,
    /// SPEC §15: links between phones of one customer.
    pub links: Option<String>,
    /// The folder of closed-period snapshots (SPEC §14); `None`: `closed`.
    pub closed: Option<String>,
}

/// The default of `ledgers.closed`.
pub const CLOSED_FOLDER: &str = "closed";

/// A problem in a rules file, with the key and the place it concerns
/// (worded in `messages::errors`).
pub use crate::messages::errors::{RulesError, RulesWhy};

/// Parses and validates the text of a rules file.
pub fn parse(text: &str) -> Result<RulesFile, RulesError> {
    let raw: Raw = toml::from_str(text).map_err(|e| from_toml_error(text, &e))?;
    Check { text }.rules(raw)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    lang: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    ledgers: RawLedgers,
    #[serde(default)]
    claims: RawClaims,
    #[serde(default)]
    channels: BTreeMap<Spanned<String>, RawChannel>,
    #[serde(default)]
    territory: RawTerritory,
    #[serde(default)]
    attribution: RawAttribution,
    #[serde(default)]
    commission: RawCommission,
    #[serde(default)]
    reps: BTreeMap<Spanned<String>, RawRep>,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    events: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    deals: RawDeals,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDeals {
    refunded_status: Option<Vec<Spanned<String>>>,
    normal_status: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLedgers {
    customers: Option<String>,
    claims: Option<String>,
    rulings: Option<String>,
    links: Option<String>,
    closed: Option<String>,
}

/// SPEC §10 caps `commission.tiers` at 100 entries.
const MAX_TIERS: usize = 100;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawClaims {
    required: Option<Vec<Spanned<String>>>,
    claim_within_days: Option<Spanned<i64>>,
    follow_up_every_days: Option<Spanned<i64>>,
    lapse_after_days: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    expire_without_visit_days: Option<Spanned<i64>>,
    monthly_quota: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTerritory {
    enforce: Option<bool>,
    allowed_reasons: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAttribution {
    repeat_deals: Option<RepeatDeals>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RawPeriod {
    Quarter,
    Month,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCommission {
    period: Option<RawPeriod>,
    mode: Option<TierMode>,
    tiers: Option<Spanned<Vec<Spanned<RawTier>>>>,
    over_target_rate: Option<Spanned<Value>>,
    new_customer: Option<Spanned<Value>>,
    champion: Option<Spanned<Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    from: Spanned<Value>,
    rate: Spanned<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRep {
    channel: Spanned<String>,
    region: Option<String>,
    target: Option<Spanned<Value>>,
}

/// Validation of the raw structs against the text they came from.
struct Check<'a> {
    text: &'a str,
}

impl Check<'_> {
    fn rules(&self, raw: Raw) -> Result<RulesFile, RulesError> {
        let claims = self.claims(raw.claims)?;
        let channels = self.channels(raw.channels)?;
        let territory = territory(raw.territory);
        let commission = self.commission(raw.commission)?;
        let reps = self.reps(raw.reps, &channels)?;
        let repeat = raw.attribution.repeat_deals.unwrap_or(RepeatDeals::FirstOwner);
        let ledgers = LedgerPaths {
            customers: raw.ledgers.customers,
            claims: raw.ledgers.claims,
            rulings: raw.ledgers.rulings,
            links: raw.ledgers.links,
            closed: raw.ledgers.closed,
        };
        let mut policy = Policy::new(claims, channels, territory, repeat, commission, reps);
        policy.statuses = self.statuses(raw.deals)?;
        let lang = raw.lang.map(|l| self.lang(&l)).transpose()?;
        let timezone = raw.timezone.map_or(Ok(DEFAULT_TIMEZONE), |tz| self.timezone(&tz))?;
        let words = Words { columns: self.columns(raw.columns)?, events: self.events(raw.events)? };
        Ok(RulesFile { policy, ledgers, lang, timezone, words })
    }

    fn lang(&self, raw: &Spanned<String>) -> Result<Lang, RulesError> {
        Lang::parse(raw.get_ref()).ok_or_else(|| {
            self.error(raw.span(), "lang", RulesWhy::NotLang { value: raw.get_ref().clone() })
        })
    }

    fn timezone(&self, raw: &Spanned<String>) -> Result<Tz, RulesError> {
        raw.get_ref().parse::<Tz>().map_err(|_| {
            self.error(raw.span(), "timezone", RulesWhy::NotTimezone { value: raw.get_ref().clone() })
        })
    }

    /// `[deals]`: a list given replaces the default one; a word in both
    /// lists is an error on the second list's word.
    fn statuses(&self, raw: RawDeals) -> Result<DealStatuses, RulesError> {
        let d = DealStatuses::default();
        let list = |words: &Option<Vec<Spanned<String>>>| words.as_ref().map(|w| w.iter().map(|s| status_key(s.get_ref())).collect());
        let refunded: Vec<String> = list(&raw.refunded_status).unwrap_or(d.refunded);
        let normal: Vec<String> = list(&raw.normal_status).unwrap_or(d.normal);
        // A clash with a built-in list names it so, with the line that writes it without the word.
        let clash = |words: &Option<Vec<Spanned<String>>>, other: &[String], other_given: bool, key: &str, other_key: &'static str| {
            for w in words.iter().flatten() {
                let word = status_key(w.get_ref());
                if other.contains(&word) {
                    let built_in = (!other_given).then(|| other.iter().filter(|o| **o != word).cloned().collect());
                    let m = RulesWhy::StatusInBoth { word: w.get_ref().clone(), other_key, built_in };
                    return Err(self.error(w.span(), key, m));
                }
            }
            Ok(())
        };
        let (refunded_given, normal_given) = (raw.refunded_status.is_some(), raw.normal_status.is_some());
        clash(&raw.normal_status, &refunded, refunded_given, "deals.normal_status", "refunded_status")?;
        clash(&raw.refunded_status, &normal, normal_given, "deals.refunded_status", "normal_status")?;
        Ok(DealStatuses { refunded, normal, refunded_given, normal_given })
    }

    /// `[columns]`: header text → a column name of any ledger.
    fn columns(&self, raw: BTreeMap<Spanned<String>, Spanned<String>>) -> Result<Vec<(String, &'static str)>, RulesError> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (text, target) in raw {
            let key = format!("columns.\"{}\"", text.get_ref());
            let column = NAMES.iter().find(|n| n.name == target.get_ref().trim()).ok_or_else(|| {
                let known = NAMES.iter().map(|n| n.name.to_string()).collect();
                let m = RulesWhy::NotColumn { value: target.get_ref().clone(), known };
                self.error(target.span(), &key, m)
            })?;
            let folded = header_text(text.get_ref());
            if folded.is_empty() {
                return Err(self.error(text.span(), &key, RulesWhy::EmptyHeader));
            }
            if let Some((_, other)) = out.iter().find(|(t, _)| *t == folded) {
                let m = RulesWhy::SameHeader { other: other.to_string() };
                return Err(self.error(text.span(), &key, m));
            }
            out.push((folded, column.name));
        }
        Ok(out)
    }

    /// `[events]`: event name → words. A word may name one event only, and
    /// not another event than a built-in word of the same text.
    fn events(&self, raw: BTreeMap<Spanned<String>, Vec<Spanned<String>>>) -> Result<Vec<(String, Event)>, RulesError> {
        let mut out: Vec<(String, Event)> = Vec::new();
        for (name, list) in raw {
            let key = format!("events.{}", name.get_ref());
            let event = Event::from_name(name.get_ref()).ok_or_else(|| {
                self.error(name.span(), &key, RulesWhy::NotEvent { value: name.get_ref().clone() })
            })?;
            for word in list {
                let folded = header_text(word.get_ref());
                let built_in = Event::parse(&folded).filter(|_| !folded.is_empty());
                let taken = out.iter().find(|(w, _)| *w == folded).map(|(_, e)| *e).or(built_in);
                match taken {
                    _ if folded.is_empty() => return Err(self.error(word.span(), &key, RulesWhy::EmptyEventWord)),
                    Some(other) if other != event => {
                        let m = RulesWhy::EventTaken { word: word.get_ref().clone(), event: other.as_str().to_string() };
                        return Err(self.error(word.span(), &key, m));
                    }
                    _ => out.push((folded, event)),
                }
            }
        }
        Ok(out)
    }

    fn claims(&self, raw: RawClaims) -> Result<ClaimRules, RulesError> {
        let d = ClaimRules::default();
        let required = match raw.required {
            None => d.required,
            Some(list) => list.iter().map(|f| self.field(f)).collect::<Result<Fields, _>>()?,
        };
        Ok(ClaimRules {
            required,
            claim_within_days: self.days(raw.claim_within_days, "claims.claim_within_days", d.claim_within_days)?,
            follow_up_every_days: self.days(
                raw.follow_up_every_days,
                "claims.follow_up_every_days",
                d.follow_up_every_days,
            )?,
            lapse_after_days: self.days(raw.lapse_after_days, "claims.lapse_after_days", d.lapse_after_days)?,
        })
    }

    fn field(&self, name: &Spanned<String>) -> Result<Field, RulesError> {
        Field::parse(name.get_ref()).ok_or_else(|| {
            let known = Field::ALL.iter().map(|f| f.as_str().to_string()).collect();
            self.error(name.span(), "claims.required", RulesWhy::NotField { value: name.get_ref().clone(), known })
        })
    }

    fn channels(&self, raw: BTreeMap<Spanned<String>, RawChannel>) -> Result<Vec<Channel>, RulesError> {
        let mut channels: Vec<Channel> = BUILT_IN_CHANNELS
            .iter()
            .map(|n| Channel { name: n.to_string(), expire_without_visit_days: None, monthly_quota: None })
            .collect();
        for (name, ch) in raw {
            let key = |k: &str| format!("channels.{}.{k}", name.get_ref());
            let channel = Channel {
                name: name.get_ref().clone(),
                expire_without_visit_days: self.opt_days(ch.expire_without_visit_days, &key("expire_without_visit_days"))?,
                monthly_quota: self.opt_days(ch.monthly_quota, &key("monthly_quota"))?,
            };
            match channels.iter_mut().find(|c| c.name == channel.name) {
                Some(slot) => *slot = channel,
                None => channels.push(channel),
            }
        }
        Ok(channels)
    }

    fn commission(&self, raw: RawCommission) -> Result<CommissionRules, RulesError> {
        let d = CommissionRules::default();
        let period = match raw.period {
            None => d.period,
            Some(RawPeriod::Quarter) => PeriodKind::Quarter,
            Some(RawPeriod::Month) => PeriodKind::Month,
        };
        let tiers = match raw.tiers {
            None => d.tiers,
            Some(tiers) => self.tiers(tiers)?,
        };
        Ok(CommissionRules {
            period,
            mode: raw.mode.unwrap_or(d.mode),
            tiers,
            over_target_rate: self.opt(raw.over_target_rate, "commission.over_target_rate", d.over_target_rate, Kind::Rate)?,
            new_customer: self.opt(raw.new_customer, "commission.new_customer", d.new_customer, Kind::Money)?,
            champion: self.opt(raw.champion, "commission.champion", d.champion, Kind::Money)?,
        })
    }

    fn tiers(&self, raw: Spanned<Vec<Spanned<RawTier>>>) -> Result<Vec<Tier>, RulesError> {
        const KEY: &str = "commission.tiers";
        if let Some(extra) = raw.get_ref().get(MAX_TIERS) {
            return Err(self.error(extra.span(), KEY, RulesWhy::TooManyTiers { count: raw.get_ref().len(), max: MAX_TIERS }));
        }
        let mut tiers: Vec<Tier> = Vec::new();
        for t in raw.get_ref() {
            let tier = Tier {
                from: self.number(&t.get_ref().from, KEY, Kind::Money)?,
                rate: self.number(&t.get_ref().rate, KEY, Kind::Rate)?,
            };
            match tiers.last() {
                None if !tier.from.is_zero() => {
                    return Err(self.error(t.span(), KEY, RulesWhy::FirstTier { from: tier.from.to_string() }));
                }
                Some(prev) if tier.from <= prev.from => {
                    let m = RulesWhy::TiersRise { from: tier.from.to_string(), prev: prev.from.to_string() };
                    return Err(self.error(t.span(), KEY, m));
                }
                _ => tiers.push(tier),
            }
        }
        if tiers.is_empty() {
            return Err(self.error(raw.span(), KEY, RulesWhy::NoTiers));
        }
        Ok(tiers)
    }

    fn reps(&self, raw: BTreeMap<Spanned<String>, RawRep>, channels: &[Channel]) -> Result<Vec<Rep>, RulesError> {
        let mut reps: Vec<Rep> = Vec::with_capacity(raw.len());
        for (name, r) in raw {
            let folded = fold(name.get_ref()).into_owned();
            let key = format!("reps.\"{}\"", name.get_ref());
            if folded.is_empty() {
                return Err(self.error(name.span(), &key, RulesWhy::RepNoName));
            }
            if reps.iter().any(|rep| rep.name == folded) {
                return Err(self.error(name.span(), &key, RulesWhy::RepTwice { name: folded.clone() }));
            }
            let channel = channels.iter().position(|c| c.name == *r.channel.get_ref()).ok_or_else(|| {
                let known = channels.iter().map(|c| c.name.clone()).collect();
                let m = RulesWhy::UnknownChannel { value: r.channel.get_ref().clone(), known };
                self.error(r.channel.span(), &format!("{key}.channel"), m)
            })?;
            let target = match &r.target {
                None => None,
                Some(t) => Some(self.number(t, &format!("{key}.target"), Kind::Money)?),
            };
            let region = r.region.as_deref().map(fold).filter(|s| !s.is_empty()).map(|s| s.into_owned());
            reps.push(Rep { name: folded, channel: ChannelId(channel as u32), region, target });
        }
        Ok(reps)
    }

    fn days(&self, v: Option<Spanned<i64>>, key: &str, default: u32) -> Result<u32, RulesError> {
        Ok(self.opt_days(v, key)?.unwrap_or(default))
    }

    fn opt_days(&self, v: Option<Spanned<i64>>, key: &str) -> Result<Option<u32>, RulesError> {
        let Some(v) = v else { return Ok(None) };
        match *v.get_ref() {
            n @ 0..=MAX_DAYS => Ok(Some(n as u32)),
            n => Err(self.error(v.span(), key, RulesWhy::Days { value: n, max: MAX_DAYS })),
        }
    }

    fn opt(&self, v: Option<Spanned<Value>>, key: &str, default: Decimal, kind: Kind) -> Result<Decimal, RulesError> {
        v.map_or(Ok(default), |v| self.number(&v, key, kind))
    }

    /// Reads a number exactly as written: `0.015` is 0.015, never a float.
    fn number(&self, v: &Spanned<Value>, key: &str, kind: Kind) -> Result<Decimal, RulesError> {
        let value = match v.get_ref() {
            Value::Integer(i) => Some(Decimal::from(*i)),
            Value::Float(_) => exact(&self.text[v.span()]),
            other => {
                return Err(self.error(v.span(), key, RulesWhy::NotNumber { found: other.type_str().to_string() }));
            }
        };
        let value = value.ok_or_else(|| self.error(v.span(), key, RulesWhy::NotFinite))?;
        let (ok, why) = match kind {
            Kind::Rate => (value >= Decimal::ZERO && value <= Decimal::ONE, RulesWhy::Rate { value: value.to_string() }),
            Kind::Money => (value >= Decimal::ZERO && value < AMOUNT_LIMIT, RulesWhy::Money { value: value.to_string() }),
        };
        if !ok {
            return Err(self.error(v.span(), key, why));
        }
        Ok(value.normalize())
    }

    fn error(&self, span: Range<usize>, key: &str, why: RulesWhy) -> RulesError {
        let (line, column) = line_col(self.text, span.start);
        RulesError { line, column, key: Some(key.to_string()), why }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Rate,
    Money,
}

fn territory(raw: RawTerritory) -> Territory {
    let d = Territory::default();
    Territory {
        enforce: raw.enforce.unwrap_or(d.enforce),
        allowed_reasons: raw
            .allowed_reasons
            .map(|list| list.iter().map(|r| fold(r).into_owned()).filter(|r| !r.is_empty()).collect())
            .unwrap_or(d.allowed_reasons),
    }
}

/// The exact decimal of a TOML float literal (`0.015`, `1_000.5`, `2.5e-2`).
fn exact(literal: &str) -> Option<Decimal> {
    let s: String = literal.trim().chars().filter(|c| *c != '_').collect();
    let s = s.strip_prefix('+').unwrap_or(&s);
    if s.contains(['e', 'E']) { Decimal::from_scientific(s).ok() } else { Decimal::from_str(s).ok() }
}

fn from_toml_error(text: &str, e: &toml::de::Error) -> RulesError {
    let start = e.span().map_or(0, |s| s.start);
    let (line, column) = line_col(text, start);
    RulesError { line, column, key: key_at(text, start), why: RulesWhy::of_parser(e.message()) }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The dotted key written on the line holding `offset`, prefixed with the
/// table header above it: a best effort for naming the key of a serde error.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let header = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    let key = line.split_once('=').map(|(k, _)| k.trim().to_string()).filter(|k| !k.starts_with('['));
    match (header, key) {
        (Some(h), Some(k)) => Some(format!("{h}.{k}")),
        (None, Some(k)) => Some(k),
        (Some(h), None) => Some(h),
        (None, None) => None,
    }
}

/// The policy sections of SPEC §10 with the SPEC's values, as rules.toml
/// text (no ledgers, no roster): what the benchmark's generator writes and
/// the fuzz targets run under. A test checks it equals the built-in defaults.
pub const SPEC_POLICY_TOML: &str = r#"[claims]
required = ["customer", "phone", "address"]
claim_within_days = 1
follow_up_every_days = 3
lapse_after_days = 10

[channels.field]
expire_without_visit_days = 15
monthly_quota = 20

[channels.store]

[territory]
enforce = true
allowed_reasons = ["group_design", "unified_tender", "proxy_purchase"]

[attribution]
repeat_deals = "first_owner"

[commission]
period = "quarter"
mode = "marginal"
tiers = [{ from = 0, rate = 0.02 }, { from = 100000, rate = 0.03 }, { from = 300000, rate = 0.05 }]
over_target_rate = 0.01
new_customer = 200
champion = 2000
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// rules.toml with the SPEC's policy, ledgers and a roster of one.
    fn spec_defaults() -> String {
        format!(
            "[ledgers]\ncustomers = \"examples/customers.csv\"\nclaims = \"examples/claims.csv\"\n\
             rulings = \"examples/rulings.csv\"\n\n{SPEC_POLICY_TOML}\n[reps.\"张伟\"]\nchannel = \"field\"\n\
             region = \"east\"\ntarget = 300000\n"
        )
    }

    fn err(text: &str) -> RulesError {
        parse(text).expect_err("should be rejected")
    }

    #[test]
    fn spec_defaults_equal_the_built_in_defaults() {
        let rules = parse(&spec_defaults()).unwrap();
        let empty = parse("").unwrap();
        assert_eq!(rules.policy.claims, empty.policy.claims);
        assert_eq!(rules.policy.commission, empty.policy.commission);
        assert_eq!(rules.policy.territory, empty.policy.territory);
        assert_eq!(rules.ledgers.claims.as_deref(), Some("examples/claims.csv"));
        let field = &rules.policy.channels[0];
        assert_eq!((field.expire_without_visit_days, field.monthly_quota), (Some(15), Some(20)));
        let rep = rules.policy.rep(rules.policy.rep_id("张伟").unwrap());
        assert_eq!(rep.target, Some(dec!(300000)));
    }

    /// The policy a rules file writes out, without its roster and ledgers.
    /// The status lists are compared by their words, given or built in.
    fn policy_of(text: &str) -> (ClaimRules, CommissionRules, Territory, Vec<Channel>, [Vec<String>; 2]) {
        let p = parse(text).expect("the rules file parses").policy;
        (p.claims, p.commission, p.territory, p.channels, [p.statuses.refunded, p.statuses.normal])
    }

    /// The SPEC's defaults live in one place (the `Default`s of `policy`);
    /// the text the generator and the fuzz targets use, the shipped
    /// rules.toml and `init`'s template are held to it.
    #[test]
    fn every_written_policy_is_the_spec_default() {
        let spec = policy_of(SPEC_POLICY_TOML);
        assert_eq!(policy_of(include_str!("../../rules.toml")), spec, "the shipped rules.toml");
        assert_eq!(policy_of(include_str!("../commands/init/rules.toml")), spec, "init's rules.toml");
        let (claims, commission, territory, _, statuses) = policy_of("");
        assert_eq!((&claims, &commission, &territory, &statuses), (&spec.0, &spec.1, &spec.2, &spec.4), "the built-in defaults");
    }

    #[test]
    fn channels_not_set_have_no_expiry_or_quota() {
        let rules = parse("[reps.a]\nchannel = \"field\"\n").unwrap();
        let field = rules.policy.channel_of(rules.policy.rep_id("a").unwrap());
        assert_eq!((field.expire_without_visit_days, field.monthly_quota), (None, None));
    }

    #[test]
    fn rates_are_exact_decimals() {
        let rules = parse("[commission]\ntiers = [{ from = 0, rate = 0.015 }, { from = 1_000.5, rate = 2.5e-2 }]\nnew_customer = 100.5\n").unwrap();
        let tiers = &rules.policy.commission.tiers;
        assert_eq!(tiers[0].rate.to_string(), "0.015");
        assert_eq!(tiers[1].from, dec!(1000.5));
        assert_eq!(tiers[1].rate.to_string(), "0.025");
        assert_eq!(rules.policy.commission.new_customer.to_string(), "100.5");
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = err("[claims]\nlapse_after_day = 10\n");
        assert_eq!((e.line, e.column), (2, 1));
        assert!(matches!(&e.why, RulesWhy::UnknownKey { key, expected } if key == "lapse_after_day" && expected.len() == 4), "{:?}", e.why);
        assert_eq!(e.text("rules.toml", Lang::En).split(": ").next(), Some("rules.toml:2:1"));
        assert!(e.text("rules.toml", Lang::Zh).contains("没有 `lapse_after_day` 这个键"), "{}", e.text("rules.toml", Lang::Zh));
    }

    #[test]
    fn wrong_type_names_key_and_line() {
        let e = err("\n[claims]\nlapse_after_days = \"ten\"\n");
        assert_eq!(e.line, 3);
        assert_eq!(e.key.as_deref(), Some("claims.lapse_after_days"));
    }

    #[test]
    fn tiers_must_start_at_zero_and_rise() {
        let e = err("[commission]\ntiers = [{ from = 10, rate = 0.02 }]\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("commission.tiers")));
        assert!(e.why.text(Lang::En).contains("start at 0"));
        let e = err("[commission]\ntiers = [{ from = 0, rate = 0.02 },\n  { from = 0, rate = 0.03 }]\n");
        assert_eq!(e.line, 3);
        assert!(e.why.text(Lang::En).contains("must rise"));
    }

    #[test]
    fn rates_outside_zero_to_one_are_rejected() {
        let e = err("[commission]\nover_target_rate = 1.5\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("commission.over_target_rate")));
        let e = err("[commission]\ntiers = [{ from = 0, rate = -0.1 }]\n");
        assert!(e.why.text(Lang::En).contains("out of range"));
    }

    #[test]
    fn roster_problems() {
        let e = err("[reps.\"a\"]\nchannel = \"online\"\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("reps.\"a\".channel")));
        let e = err("[reps.\"a\"]\nchannel = \"field\"\n[reps.\" a \"]\nchannel = \"store\"\n");
        assert!(e.why.text(Lang::En).contains("twice"), "{}", e.why.text(Lang::En));
        let e = err("[reps.\"a\"]\nregion = \"east\"\n");
        assert!(e.why.text(Lang::En).contains("channel"), "{}", e.why.text(Lang::En));
        let ok = parse("[channels.online]\nmonthly_quota = 5\n[reps.\"a\"]\nchannel = \"online\"\n").unwrap();
        assert_eq!(ok.policy.channel_of(ok.policy.rep_id("a").unwrap()).monthly_quota, Some(5));
    }

    #[test]
    fn the_init_template_writes_the_default_status_lists() {
        let rules = parse(include_str!("../commands/init/rules.toml")).unwrap();
        let (s, d) = (&rules.policy.statuses, crate::policy::DealStatuses::default());
        assert_eq!((&s.refunded, &s.normal, s.refunded_given, s.normal_given), (&d.refunded, &d.normal, true, true));
        assert_eq!(rules.ledgers.closed.as_deref(), Some(CLOSED_FOLDER));
    }

    #[test]
    fn status_lists_replace_the_defaults_and_never_overlap() {
        let rules = parse("[deals]\nrefunded_status = [\"Void\"]\n").unwrap();
        let s = &rules.policy.statuses;
        assert_eq!(s.refunded, ["void"]);
        assert_eq!(s.classify(" VOID "), Some(crate::policy::DealStatus::Refunded));
        assert_eq!(s.classify("退单"), None);
        assert_eq!(s.classify("已成交"), Some(crate::policy::DealStatus::Normal));
        let e = err("[deals]\nrefunded_status = [\"退单\"]\nnormal_status = [\"成交\",\n  \"退单\"]\n");
        assert_eq!((e.line, e.key.as_deref()), (4, Some("deals.normal_status")));
        assert_eq!(e.why.text(Lang::En), "`退单` is also in deals.refunded_status; a status word means one thing: remove one");
        // The other list built in: it says so, with the line that writes it without the word.
        let e = err("[deals]\nnormal_status = [\"成交\", \"作废\"]\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("deals.normal_status")));
        let rest = "[\"退单\", \"已退单\", \"退款\", \"已退款\", \"退定\", \"已退定\", \"退货\", \"已退货\", \"取消\", \"已取消\", \"refunded\", \"cancelled\"]";
        assert_eq!(
            e.why.text(Lang::En),
            format!("`作废` is also in the built-in refunded_status (rules.toml writes no refunded_status); a status word means one thing: \
                     remove it here, or write refunded_status without it under [deals]: refunded_status = {rest}")
        );
        let e = err("[deals]\nrefunded_status = [\"Paid\"]\nnormal_status = [\"paid\"]\n");
        assert_eq!((e.line, e.key.as_deref()), (3, Some("deals.normal_status")));
    }

    #[test]
    fn at_most_100_tiers() {
        let list = |n: usize| (0..n).map(|i| format!("{{ from = {i}, rate = 0.01 }}")).collect::<Vec<_>>().join(", ");
        assert!(parse(&format!("[commission]\ntiers = [{}]\n", list(100))).is_ok());
        let e = err(&format!("[commission]\ntiers = [{}]\n", list(101)));
        assert_eq!((e.line, e.key.as_deref(), e.why.text(Lang::En).as_str()), (2, Some("commission.tiers"), "101 tiers; at most 100 are allowed: merge tiers that share a rate"));
    }

    #[test]
    fn columns_and_events() {
        let ok = parse("[columns]\n\"登记人\" = \"rep\"\n\"顾客手机*\" = \"phone\"\n[events]\nfollow_up = [\"短信跟进\"]\nvisit = [\"量房\", \"量尺\"]\n").unwrap();
        assert_eq!(ok.words.columns, [("登记人".to_string(), "rep"), ("顾客手机".to_string(), "phone")]);
        assert_eq!(ok.words.event("量房"), Some(Event::Visit));
        let e = err("\n[columns]\n\"登记人\" = \"salesman\"\n");
        assert_eq!((e.line, e.key.as_deref()), (3, Some("columns.\"登记人\"")));
        assert!(e.why.text(Lang::En).contains("`salesman` is not a column name"), "{}", e.why.text(Lang::En));
        let e = err("[events]\nfollow_up = [\"量房\"]\nvisit = [\"量房\"]\n");
        assert_eq!((e.line, e.key.as_deref()), (3, Some("events.visit")));
        let e = err("[events]\nvisit = [\"跟进\"]\n");
        assert!(e.why.text(Lang::En).contains("already means follow_up"), "{}", e.why.text(Lang::En));
        let e = err("[events]\ndeal = [\"成交\"]\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("events.deal")));
    }

    #[test]
    fn negative_days_and_unknown_required_fields() {
        let e = err("[claims]\nlapse_after_days = -1\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("claims.lapse_after_days")));
        let e = err("[claims]\nrequired = [\"customer\", \"email\"]\n");
        assert!(e.why.text(Lang::En).contains("`email`"));
        let e = err("[attribution]\nrepeat_deals = \"last_owner\"\n");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn more_than_a_hundred_tiers_are_refused_at_the_first_extra_one() {
        let tiers: Vec<String> = (0..100_000).map(|i| format!("{{ from = {}, rate = 0.02 }}", i * 10)).collect();
        let text = format!("[commission]\ntiers = [\n{}\n]\n", tiers.join(",\n"));
        let started = std::time::Instant::now();
        let e = err(&text);
        assert_eq!((e.line, e.key.as_deref()), (103, Some("commission.tiers")));
        assert!(e.why.text(Lang::En).contains("100000 tiers; at most 100"), "{}", e.why.text(Lang::En));
        assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
        let hundred = format!("[commission]\ntiers = [\n{}\n]\n", tiers[..100].join(",\n"));
        assert_eq!(parse(&hundred).unwrap().policy.commission.tiers.len(), 100);
    }
}
