//! Reads the text of a `rules.toml` (SPEC §10) into a validated [`Policy`].
//!
//! Pure: takes text, returns values. Raw serde structs first, then checks
//! that name the key and its line for every problem.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::{
    BUILT_IN_CHANNELS, Channel, ChannelId, ClaimRules, CommissionRules, Policy, Rep, RepeatDeals, Territory,
    Tier, TierMode,
};
use crate::domain::ledger::{Field, Fields};
use crate::domain::money::AMOUNT_LIMIT;
use crate::domain::period::PeriodKind;
use crate::domain::text::fold;

/// The longest window or quota a rules file may set (about a century of days).
const MAX_DAYS: i64 = 36_500;

/// A rules file: its policy and the ledger paths it names, as written.
#[derive(Debug, Clone)]
pub struct RulesFile {
    pub policy: Policy,
    pub ledgers: LedgerPaths,
}

/// `[ledgers]`: paths relative to the rules file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerPaths {
    pub customers: Option<String>,
    pub claims: Option<String>,
    pub rulings: Option<String>,
}

/// A problem in a rules file, with the key and the place it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    pub line: usize,
    pub column: usize,
    /// The dotted key, when known (`commission.tiers`).
    pub key: Option<String>,
    pub message: String,
}

impl RulesError {
    /// The error as `FILE:LINE:COL: key `K`: message`.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        struct D<'a>(&'a RulesError, &'a str);
        impl fmt::Display for D<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let e = self.0;
                write!(f, "{}:{}:{}: error[rules]: ", self.1, e.line, e.column)?;
                if let Some(key) = &e.key {
                    write!(f, "key `{key}`: ")?;
                }
                f.write_str(&e.message)
            }
        }
        D(self, file)
    }
}

/// Parses and validates the text of a rules file.
pub fn parse(text: &str) -> Result<RulesFile, RulesError> {
    let raw: Raw = toml::from_str(text).map_err(|e| from_toml_error(text, &e))?;
    Check { text }.rules(raw)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
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
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLedgers {
    customers: Option<String>,
    claims: Option<String>,
    rulings: Option<String>,
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
        };
        let policy = Policy::new(claims, channels, territory, repeat, commission, reps);
        Ok(RulesFile { policy, ledgers })
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
            let known: Vec<_> = Field::ALL.iter().map(|f| f.as_str()).collect();
            self.error(
                name.span(),
                "claims.required",
                format!("`{}` is not a claim-ledger field; expected one of {}", name.get_ref(), known.join(", ")),
            )
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
            return Err(self.error(extra.span(), KEY, crate::messages::too_many_tiers(raw.get_ref().len(), MAX_TIERS)));
        }
        let mut tiers: Vec<Tier> = Vec::new();
        for t in raw.get_ref() {
            let tier = Tier {
                from: self.number(&t.get_ref().from, KEY, Kind::Money)?,
                rate: self.number(&t.get_ref().rate, KEY, Kind::Rate)?,
            };
            match tiers.last() {
                None if !tier.from.is_zero() => {
                    return Err(self.error(t.span(), KEY, format!("the first tier must start at 0, not {}", tier.from)));
                }
                Some(prev) if tier.from <= prev.from => {
                    return Err(self.error(
                        t.span(),
                        KEY,
                        format!("tiers must rise: `from = {}` does not come after {}", tier.from, prev.from),
                    ));
                }
                _ => tiers.push(tier),
            }
        }
        if tiers.is_empty() {
            return Err(self.error(raw.span(), KEY, "needs at least one tier, e.g. [{ from = 0, rate = 0.02 }]".into()));
        }
        Ok(tiers)
    }

    fn reps(&self, raw: BTreeMap<Spanned<String>, RawRep>, channels: &[Channel]) -> Result<Vec<Rep>, RulesError> {
        let mut reps: Vec<Rep> = Vec::with_capacity(raw.len());
        for (name, r) in raw {
            let folded = fold(name.get_ref()).into_owned();
            let key = format!("reps.\"{}\"", name.get_ref());
            if folded.is_empty() {
                return Err(self.error(name.span(), &key, "a rep needs a name".into()));
            }
            if reps.iter().any(|rep| rep.name == folded) {
                return Err(self.error(name.span(), &key, format!("`{folded}` is in the roster twice")));
            }
            let channel = channels.iter().position(|c| c.name == *r.channel.get_ref()).ok_or_else(|| {
                let known: Vec<_> = channels.iter().map(|c| c.name.as_str()).collect();
                self.error(
                    r.channel.span(),
                    &format!("{key}.channel"),
                    format!("unknown channel `{}`; expected one of {}", r.channel.get_ref(), known.join(", ")),
                )
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
            n => Err(self.error(v.span(), key, format!("{n} is out of range; expected a whole number from 0 to {MAX_DAYS}"))),
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
                return Err(self.error(v.span(), key, format!("expected a number, found {}", other.type_str())));
            }
        };
        let value = value.ok_or_else(|| self.error(v.span(), key, "expected a finite decimal number".into()))?;
        let (ok, expected) = match kind {
            Kind::Rate => (value >= Decimal::ZERO && value <= Decimal::ONE, "a rate from 0 to 1 (0.03 is 3%)"),
            Kind::Money => (value >= Decimal::ZERO && value < AMOUNT_LIMIT, "an amount of at least 0"),
        };
        if !ok {
            return Err(self.error(v.span(), key, format!("{value} is out of range; expected {expected}")));
        }
        Ok(value.normalize())
    }

    fn error(&self, span: Range<usize>, key: &str, message: String) -> RulesError {
        let (line, column) = line_col(self.text, span.start);
        RulesError { line, column, key: Some(key.to_string()), message }
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
    RulesError { line, column, key: key_at(text, start), message: e.message().trim().to_string() }
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
        assert!(e.message.contains("unknown field `lapse_after_day`"), "{}", e.message);
        assert_eq!(e.display("rules.toml").to_string().split(": ").next(), Some("rules.toml:2:1"));
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
        assert!(e.message.contains("start at 0"));
        let e = err("[commission]\ntiers = [{ from = 0, rate = 0.02 },\n  { from = 0, rate = 0.03 }]\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("must rise"));
    }

    #[test]
    fn rates_outside_zero_to_one_are_rejected() {
        let e = err("[commission]\nover_target_rate = 1.5\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("commission.over_target_rate")));
        let e = err("[commission]\ntiers = [{ from = 0, rate = -0.1 }]\n");
        assert!(e.message.contains("out of range"));
    }

    #[test]
    fn roster_problems() {
        let e = err("[reps.\"a\"]\nchannel = \"online\"\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("reps.\"a\".channel")));
        let e = err("[reps.\"a\"]\nchannel = \"field\"\n[reps.\" a \"]\nchannel = \"store\"\n");
        assert!(e.message.contains("twice"), "{}", e.message);
        let e = err("[reps.\"a\"]\nregion = \"east\"\n");
        assert!(e.message.contains("channel"), "{}", e.message);
        let ok = parse("[channels.online]\nmonthly_quota = 5\n[reps.\"a\"]\nchannel = \"online\"\n").unwrap();
        assert_eq!(ok.policy.channel_of(ok.policy.rep_id("a").unwrap()).monthly_quota, Some(5));
    }

    #[test]
    fn negative_days_and_unknown_required_fields() {
        let e = err("[claims]\nlapse_after_days = -1\n");
        assert_eq!((e.line, e.key.as_deref()), (2, Some("claims.lapse_after_days")));
        let e = err("[claims]\nrequired = [\"customer\", \"email\"]\n");
        assert!(e.message.contains("`email`"));
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
        assert!(e.message.contains("100000 tiers; at most 100"), "{}", e.message);
        assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
        let hundred = format!("[commission]\ntiers = [\n{}\n]\n", tiers[..100].join(",\n"));
        assert_eq!(parse(&hundred).unwrap().policy.commission.tiers.len(), 100);
    }
}
