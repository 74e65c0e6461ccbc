//! Wording of the reason behind each decision: which rule fired, which
//! rules.toml key, and with what numbers.
//!
//! Pure: formats values the engine decided; decides nothing itself.

use crate::domain::day::{Ymd, add_days};
use crate::domain::ledger::{PhoneCell, RowName};
use crate::domain::money::cents;
use crate::engine::ownership::CloserWhy;
use crate::engine::{Basis, CommissionLine, EndCause, Invalid, Orphan, Ownership, Settled, ValidClaim, ValidId};
use crate::policy::TierMode;

/// `SO-1 (customers.csv:2)`: a deal named in a sentence. Written straight
/// into the sentence, never a String of its own (one per report row).
pub struct DealName<'a> {
    id: &'a str,
    at: RowName<'a>,
}

impl std::fmt::Display for DealName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.id, self.at)
    }
}

/// `2026-01-05 → 2026-01-18`: the days a claim protects.
pub struct Span(chrono::NaiveDate, chrono::NaiveDate);

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {}", Ymd(self.0), Ymd(self.1))
    }
}

impl<'a> Settled<'a> {
    fn valid(&self, v: ValidId) -> &'a ValidClaim {
        &self.outcome.valid[v.ix()]
    }

    fn rep_name(&self, claim: &ValidClaim) -> &'a str {
        &self.policy.rep(claim.rep).name
    }

    fn claim_row(&self, claim: &ValidClaim) -> RowName<'a> {
        let row = &self.ledgers.claims.rows[claim.row as usize];
        self.ledgers.claims.at(row.line)
    }

    fn deal_name(&self, deal: u32) -> DealName<'a> {
        let d = &self.ledgers.deals.rows[deal as usize];
        DealName { id: self.ledgers.text(d.id), at: self.ledgers.deals.at(d.line) }
    }

    /// `2026-01-05 → 2026-01-18`: the days a claim protects.
    pub fn span(&self, claim: &ValidClaim) -> Span {
        Span(claim.protection.start, claim.protection.end().0)
    }

    /// Why a claim is not valid (the rule, its key and the numbers).
    pub fn invalid(&self, row: usize, why: &Invalid) -> String {
        let r = &self.ledgers.claims.rows[row];
        let rules = &self.policy.claims;
        match why {
            Invalid::UnknownRep => match r.rep {
                None => "no rep named; every claim needs the rep who registers it".into(),
                Some(rep) => format!("`{}` is not in the roster ([reps] in rules.toml)", super::shown(self.ledgers.text(rep))),
            },
            Invalid::MissingFields(fields) => format!("{fields} missing (claims.required)"),
            Invalid::BadPhone => match r.phone {
                PhoneCell::Bad(text, why) => super::bad_phone("phone", self.ledgers.text(text), why),
                _ => "no phone: the customer cannot be identified".into(),
            },
            Invalid::AfterDeal { first_deal, deal } => format!(
                "registered after the customer's first deal {} on {first_deal}; a claim must come on or before the deal day",
                self.deal_name(*deal)
            ),
            Invalid::LateClaim { first_contact, days } => format!(
                "registered {days} days after first contact on {first_contact}; claims.claim_within_days = {}",
                rules.claim_within_days
            ),
            Invalid::CrossRegion { region } => {
                let rep = self.row_rep(row);
                format!(
                    "customer region `{}` is outside {}'s region `{}` and no allowed cross_region_reason is given (territory.allowed_reasons)",
                    self.ledgers.text(*region),
                    rep.map_or("", |r| r.name.as_str()),
                    rep.and_then(|r| r.region.as_deref()).unwrap_or("")
                )
            }
            Invalid::Duplicate { holder } => {
                let h = self.valid(*holder);
                format!("{} {} protects this customer {} (先报先保)", self.rep_name(h), self.claim_row(h), self.span(h))
            }
            Invalid::OverQuota { held } => {
                let channel = self.row_rep(row).map(|r| self.policy.channel(r.channel));
                format!(
                    "already {held} valid claims this month on customers without a deal; channels.{}.monthly_quota = {}",
                    channel.map_or("?", |c| c.name.as_str()),
                    channel.and_then(|c| c.monthly_quota).unwrap_or(0)
                )
            }
        }
    }

    /// The roster entry of a claim row's rep.
    fn row_rep(&self, row: usize) -> Option<&'a crate::policy::Rep> {
        let name = self.ledgers.claims.rows[row].rep?;
        self.policy.rep_id(self.ledgers.text(name)).map(|id| self.policy.rep(id))
    }

    /// How a valid claim ended, or was won.
    pub fn valid_claim(&self, v: ValidId) -> String {
        let claim = self.valid(v);
        let p = &claim.protection;
        let (end, cause) = p.end();
        let clock = match cause {
            EndCause::Lapse => format!(
                "lapse: last touch {} + claims.lapse_after_days {} = {}",
                Ymd(p.last_touch), p.lapse_after_days, Ymd(end)
            ),
            EndCause::Expiry => format!(
                "expiry: no visit by {} (channels.{}.expire_without_visit_days {})",
                Ymd(add_days(p.start, p.expire_without_visit_days.unwrap_or(0))),
                self.policy.channel_of(claim.rep).name,
                p.expire_without_visit_days.unwrap_or(0)
            ),
        };
        match claim.won_by {
            Some(deal) => format!("won deal {}; protected {}; {clock}", self.deal_name(deal), self.span(claim)),
            None => format!("protected {}; {clock}", self.span(claim)),
        }
    }

    /// Why a deal went to its owner.
    pub fn ownership(&self, deal: usize, o: &Ownership) -> String {
        let d = &self.ledgers.deals.rows[deal];
        match o.basis {
            Basis::Ruling(r) => {
                let ruling = &self.ledgers.rulings.rows[r as usize];
                let owner = o.owner.map_or("the house (nobody)".to_string(), |s| self.ledgers.text(s).to_string());
                let reason = ruling.reason.map_or(String::new(), |s| format!(": {}", self.ledgers.text(s)));
                format!("ruling {} gives the customer to {owner}{reason}", self.ledgers.rulings.at(ruling.line))
            }
            Basis::Repeat(first) => format!(
                "repeat deal: the customer's first deal is {}; attribution.repeat_deals = first_owner",
                self.deal_name(first)
            ),
            Basis::Claim(v) => {
                let c = self.valid(v);
                format!("{} {} protects {} on the deal day {}", self.rep_name(c), self.claim_row(c), self.span(c), Ymd(d.day))
            }
            Basis::Closer(CloserWhy::NoClaim) => format!("no valid claim protects the customer on {}", Ymd(d.day)),
            Basis::Closer(CloserWhy::BadPhone) => "bad phone: the deal belongs to no customer, so to its closer".into(),
            Basis::Closer(CloserWhy::Repeat(first)) => format!(
                "repeat deal (first deal {}); attribution.repeat_deals = closer",
                self.deal_name(first)
            ),
        }
    }

    /// A deal refunded in full (its `status`), for `explain`.
    pub fn refund_in_full(&self, deal: usize, day: chrono::NaiveDate) -> String {
        let d = &self.ledgers.deals.rows[deal];
        if self.outcome.as_of.is_some_and(|as_of| day > as_of) {
            return format!("refund of {} in full on {day}: after --as-of, left out", self.ledgers.text(d.id));
        }
        format!(
            "{} refunded in full ({}): net 0.00; it keeps its owner and its place as the customer's first deal, \
             and counts in the period of its own day {}",
            self.ledgers.text(d.id),
            cents(d.amount),
            Ymd(d.day)
        )
    }

    /// For a deal in a closed period: what it counted for when the period
    /// was paid, and what it counts for now (SPEC §14), for `explain`.
    pub fn closed_deal<'s>(&self, s: &'s crate::engine::closing::Settlement, deal: usize) -> Option<(&'s crate::engine::closing::Snapshot, String)> {
        let d = &self.ledgers.deals.rows[deal];
        let crate::engine::DealDecision::Owned(o) = self.outcome.deals[deal] else { return None };
        let snap = s.closed(crate::domain::period::Period::of(d.day, self.policy.commission.period))?;
        let full = d.refunded_on.is_some_and(|day| day <= snap.as_of);
        let partial: crate::domain::money::Money =
            self.ledgers.refunds.iter().filter(|r| r.deal as usize == deal && r.day <= snap.as_of).map(|r| r.amount).sum();
        let then = if full { rust_decimal::Decimal::ZERO } else { d.amount - partial };
        let now = d.amount - self.outcome.refunded[deal];
        let owner = o.owner.map_or("the house", |s| self.ledgers.text(s));
        let moved = match s.next_open {
            Some(next) if then != now => format!("; the difference is in {next}, in the adjustment restating {}", snap.period),
            _ => "; unchanged since".to_string(),
        };
        let text = format!(
            "{} closed as of {} ({}): {} counted {} net when paid; now {} (owner {owner}){moved}",
            snap.period, snap.as_of, snap.name, self.ledgers.text(d.id), cents(then), cents(now)
        );
        Some((snap, text))
    }

    /// A partial refund row, for `explain`.
    pub fn partial_refund(&self, k: usize) -> String {
        let r = &self.ledgers.refunds[k];
        let d = &self.ledgers.deals.rows[r.deal as usize];
        if self.outcome.as_of.is_some_and(|as_of| r.day > as_of) {
            return format!("refund of {}: {}, after --as-of, left out", self.deal_name(r.deal), cents(r.amount));
        }
        format!(
            "refund of {}: {}; net {} as of {}, counted in the period of the deal's day {}",
            self.deal_name(r.deal),
            cents(r.amount),
            cents(d.amount - self.outcome.refunded[r.deal as usize]),
            self.outcome.as_of.map_or(String::new(), |a| a.to_string()),
            Ymd(d.day)
        )
    }

    /// Why a follow-up or visit touched no claim.
    pub fn orphan(&self, why: Orphan) -> String {
        match why {
            Orphan::UnknownRep => "the rep is not in the roster".into(),
            Orphan::BadPhone => "the phone does not identify a customer".into(),
            Orphan::NoClaim => "the rep holds no claim on this customer at that moment".into(),
            Orphan::Ended(v) => {
                let c = self.valid(v);
                format!("the rep's claim {} ended on {}", self.claim_row(c), c.protection.end().0)
            }
        }
    }

    /// How a commission line was computed.
    pub fn commission(&self, c: &CommissionLine) -> String {
        let rules = &self.policy.commission;
        let mode = match rules.mode {
            TierMode::Marginal => "marginal",
            TierMode::Flat => "flat",
        };
        let mut parts = vec![format!("{mode} tiers on {}", cents(c.performance))];
        if !c.over_target.is_zero() {
            parts.push(format!("over target: {} × excess = {}", rules.over_target_rate, c.over_target));
        }
        if c.new_customers > 0 {
            parts.push(format!("{} new customers × {}", c.new_customers, rules.new_customer));
        }
        if c.champion {
            parts.push(format!("champion {}", rules.champion));
        }
        parts.join("; ")
    }
}

/// The reconciliation footer: each identity with its terms, wrapped at its
/// `+` signs to fit 80 columns, marked `ok` or `MISMATCH`.
pub fn reconciliation(r: &crate::engine::reconcile::Reconciliation) -> Vec<String> {
    let mark = |ok: bool| if ok { "ok" } else { "MISMATCH" };
    let identities = [
        (
            format!("claim-ledger rows {}", r.claim_rows_read),
            vec![
                format!("{} valid", r.valid),
                format!("{} invalid", r.invalid),
                format!("{} refresh", r.refresh),
                format!("{} touches", r.touches),
                format!("{} orphans", r.orphans),
                format!("{} blank", r.blank),
                format!("{} totals", r.totals),
                format!("{} after as-of", r.after_as_of),
            ],
            r.rows_balance(),
        ),
        (
            format!("deal rows {}", r.deal_rows_read),
            vec![
                format!("{} attributed", r.deals_attributed),
                format!("{} refund rows", r.refund_rows),
                format!("{} blank", r.deal_blank),
                format!("{} totals", r.deal_totals),
                format!("{} after as-of", r.deals_after_as_of),
            ],
            r.deals_balance(),
        ),
        (
            format!("deal amounts {}", cents(r.amount)),
            vec![
                format!("{} credited to reps", cents(r.credited_to_reps)),
                format!("{} owned by the house", cents(r.owned_by_house)),
                format!("{} refunded", cents(r.refunded)),
            ],
            r.money_balances(),
        ),
    ];
    let mut lines = Vec::new();
    for (total, mut terms, ok) in identities {
        // A totals term shows only when a ledger had totals rows (合计).
        terms.retain(|t| !t.starts_with("0 totals"));
        let mut line = format!("{total} = {}", terms[0]);
        for term in &terms[1..] {
            if line.chars().count() + term.len() + 3 > 72 {
                lines.push(line);
                line = format!("    + {term}");
            } else {
                line = format!("{line} + {term}");
            }
        }
        lines.push(format!("{line}: {}", mark(ok)));
    }
    lines
}
