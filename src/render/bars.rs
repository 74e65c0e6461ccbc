//! Horizontal bars of performance against target, as inline SVG that any
//! browser draws without script. Geometry only uses floating point; every
//! figure shown as text is the exact amount.

use maud::html;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::money::{Money, cents};
use crate::engine::overview::RepBar;
use crate::messages::statements::Words;

const WIDTH: f64 = 700.0;
const NAME_END: f64 = 104.0;
const BAR_START: f64 = 110.0;
const BAR_END: f64 = 500.0;
const ROW: f64 = 26.0;
const TOP: f64 = 26.0;

/// `55%` of target, rounded down to a whole percent; `None` without a
/// target, or for a negative figure, which is no completion.
pub fn percent(performance: Money, target: Option<Money>) -> Option<String> {
    let target = target.filter(|t| *t > Decimal::ZERO && performance >= Decimal::ZERO)?;
    Some(format!("{}%", (performance * Decimal::from(100) / target).floor()))
}

/// The chart: one bar per rep, its earned performance, the target marked
/// by a red line.
pub fn performance_svg(bars: &[RepBar], w: &Words) -> String {
    let top = bars.iter().flat_map(|b| [Some(b.earned), b.target]).flatten().max().unwrap_or_default();
    let scale = if top > Decimal::ZERO { (BAR_END - BAR_START) / top.to_f64().unwrap_or(1.0) } else { 0.0 };
    let x = |m: Money| BAR_START + m.to_f64().unwrap_or(0.0) * scale;
    let height = TOP + ROW * bars.len() as f64 + 6.0;
    let px = |v: f64| format!("{v:.1}");
    html! {
        svg viewBox=(format!("0 0 {WIDTH} {}", px(height))) role="img" aria-label=(w.bars_title) {
            rect x=(px(BAR_START)) y="4" width="14" height="10" fill="#4a78b5" {}
            text x=(px(BAR_START + 18.0)) y="13" font-size="11" { (w.performance) }
            line x1=(px(BAR_START + 120.0)) y1="2" x2=(px(BAR_START + 120.0)) y2="16" stroke="#c0392b" stroke-width="2.5" {}
            text x=(px(BAR_START + 126.0)) y="13" font-size="11" { (w.target) }
            line x1=(px(BAR_START)) y1=(px(TOP - 4.0)) x2=(px(BAR_START)) y2=(px(height - 4.0)) stroke="#888" stroke-width="1" {}
            @for (i, b) in bars.iter().enumerate() {
                @let y = TOP + ROW * i as f64;
                @let reached = b.target.is_some_and(|t| b.earned >= t && t > Decimal::ZERO);
                text x=(px(NAME_END)) y=(px(y + 14.0)) font-size="12" text-anchor="end" { (short(b.rep)) }
                rect x=(px(BAR_START)) y=(px(y + 3.0)) width=(px((x(b.earned) - BAR_START).max(0.0))) height="15"
                    fill=(if reached { "#3f9a5a" } else { "#4a78b5" }) {}
                @if let Some(t) = b.target {
                    line x1=(px(x(t))) y1=(px(y)) x2=(px(x(t))) y2=(px(y + 21.0)) stroke="#c0392b" stroke-width="2.5" {}
                }
                text x=(px(BAR_END + 10.0)) y=(px(y + 14.0)) font-size="11" {
                    (cents(b.earned))
                    @match (b.target, percent(b.earned, b.target)) {
                        (Some(t), Some(p)) => { " / " (cents(t)) " · " (p) }
                        _ => { " · " (w.no_target) }
                    }
                }
            }
        }
    }
    .into_string()
}

/// A name cut to fit the label column.
fn short(name: &str) -> String {
    if name.chars().count() <= 8 { name.to_string() } else { name.chars().take(7).chain(['…']).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn percent_of_target_rounds_down() {
        assert_eq!(percent(dec!(109200.50), Some(dec!(200000))), Some("54%".into()));
        assert_eq!(percent(dec!(102000), Some(dec!(100000))), Some("102%".into()));
        assert_eq!(percent(dec!(5), None), None);
        assert_eq!(percent(dec!(5), Some(dec!(0))), None);
        assert_eq!(percent(dec!(-100000), Some(dec!(50000))), None, "a claw-back is no completion");
    }

    #[test]
    fn bars_scale_to_the_largest_figure_and_escape_names() {
        let bars = [
            RepBar { rep: "<b>", earned: dec!(50), adjustments: dec!(-500), target: Some(dec!(100)) },
            RepBar { rep: "乙", earned: dec!(0), adjustments: dec!(0), target: None },
        ];
        let svg = performance_svg(&bars, &crate::messages::statements::EN);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"), "{svg}");
        // 50 of 100 fills half the bar area (adjustments are no part of it); the target sits at its end.
        assert!(svg.contains(r#"width="195.0""#), "{svg}");
        assert!(svg.contains(r#"x1="500.0""#), "{svg}");
        assert!(!svg.contains("http"), "{svg}");
    }
}
