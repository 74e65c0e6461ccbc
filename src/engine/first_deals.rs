//! Each customer's first deal (SPEC §4 `after_deal`, §6 repeat deals):
//! decided before the claim walk, which needs it, and the attribution of
//! deals, which follows the walk.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::Ctx;
use crate::domain::phone::Phone;

/// A customer's first deal in deal order.
#[derive(Debug, Clone, Copy)]
pub struct FirstDeal {
    pub day: NaiveDate,
    pub deal: u32,
}

/// The first deal of every customer, by [`super::Customers::key`] (deals
/// with a bad phone belong to none).
pub(crate) struct FirstDeals(FxHashMap<Phone, FirstDeal>);

impl FirstDeals {
    pub fn get(&self, phone: Phone) -> Option<FirstDeal> {
        self.0.get(&phone).copied()
    }
}

/// Indices of the deals written by the as-of day, in deal order.
pub(crate) fn deal_order(ctx: &Ctx) -> Vec<usize> {
    let deals = &ctx.ledgers.deals.rows;
    let mut order: Vec<usize> = (0..deals.len()).filter(|&i| ctx.included(deals[i].day)).collect();
    order.sort_unstable_by_key(|&i| (deals[i].day, deals[i].line));
    order
}

pub(crate) fn first_deals(ctx: &Ctx) -> FirstDeals {
    let deals = &ctx.ledgers.deals.rows;
    let mut firsts = FxHashMap::default();
    for i in deal_order(ctx) {
        if let Some(phone) = deals[i].phone.valid() {
            firsts.entry(ctx.customers.key(phone)).or_insert(FirstDeal { day: deals[i].day, deal: i as u32 });
        }
    }
    FirstDeals(firsts)
}

