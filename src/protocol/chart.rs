//! Page 1's summary by group: a table of each group's applicable standards, points and
//! percent, and a bar chart of the percents with the categories' thresholds as dashed
//! lines, so that whoever signs sees at a glance where the centre stands and why.

use super::layout::{Layout, MARGIN, Op, TEXT_W, Table, Weight};
use super::official;
use crate::catalogue::Catalogue;
use crate::signed::{Payload, ResultTally};

/// The summary table's font size.
const SIZE: f32 = 7.5;
/// One bar's row in the chart, and the bar's height in it.
const BAR_ROW: f32 = 10.5;
const BAR_H: f32 = 7.0;
/// Room above the bars for the thresholds' labels, and below them for the scale's.
const TOP_LABELS: f32 = 10.0;
const BOTTOM_LABELS: f32 = 11.0;
/// The chart's left column, for the groups' codes, and its right one, for the percents.
const CODE_W: f32 = 30.0;
const PERCENT_W: f32 = 40.0;

/// The summary table and the chart: the commission's figures, or for a centre's own print
/// its self-assessment's (`own`).
pub(super) fn summary(l: &mut Layout<'_>, payload: &Payload, catalogue: &Catalogue, own: bool) {
    let t = &payload.totals;
    let tally = |commission: &'_ ResultTally, own_tally: &'_ ResultTally| {
        if own { own_tally } else { commission }.clone()
    };
    let groups: Vec<(String, String, usize, u32, ResultTally)> = t
        .groups
        .iter()
        .map(|g| {
            let title = catalogue
                .group(&g.code)
                .map(|c| c.title.clone())
                .unwrap_or_default();
            let figures = tally(&g.commission, &g.self_assessment);
            (
                g.code.to_string(),
                title,
                g.applicable,
                g.max_points,
                figures,
            )
        })
        .collect();
    let columns = [
        ("Група", 0.0, 0.0),
        ("Назва групи", 0.0, 1.0),
        ("Застосовних стандартів", 0.0, 0.0),
        ("Бали / максимум", 0.0, 0.0),
        ("Відсоток", 0.0, 0.0),
    ];
    let widths = l.columns(&columns, SIZE);
    let mut rows: Vec<Vec<String>> = groups
        .iter()
        .map(|(code, title, applicable, max, figures)| {
            vec![
                code.clone(),
                title.clone(),
                applicable.to_string(),
                format!("{} / {max}", figures.points),
                format!("{} %", official::percent(figures.percent)),
            ]
        })
        .collect();
    let all = tally(&t.commission, &t.self_assessment);
    rows.push(vec![
        String::new(),
        "Усього".into(),
        t.applicable.to_string(),
        format!("{} / {}", all.points, t.max_points),
        format!("{} %", official::percent(all.percent)),
    ]);
    let header = columns.iter().map(|c| c.0).zip(widths).collect();
    let title = if own {
        "Самооцінка за групами стандартів"
    } else {
        "Результати за групами стандартів"
    };
    l.table(
        &[(title, 11.0, Weight::Bold)],
        &Table {
            header,
            rows,
            size: SIZE,
        },
    );
    l.gap(6.0);
    let bars: Vec<(String, Option<crate::scoring::Percent>)> = groups
        .into_iter()
        .map(|(code, _, _, _, figures)| (code, figures.percent))
        .collect();
    chart(l, &bars, catalogue);
}

/// The bar chart: one bar a group, its percent written after it, the scale from 0 to
/// 100 % below, and a dashed line at each category's least percent (from the catalogue,
/// as the category is computed) with that percent written above it.
pub(crate) fn chart(
    l: &mut Layout<'_>,
    bars: &[(String, Option<crate::scoring::Percent>)],
    catalogue: &Catalogue,
) {
    let height = TOP_LABELS + bars.len() as f32 * BAR_ROW + BOTTOM_LABELS;
    // The title, the chart and the legend below it stay on one page.
    l.ensure(14.0 + height + 14.0);
    l.paragraph("Відсоток балів за групами", 10.0, Weight::Bold);
    let top = l.y();
    let x0 = MARGIN + CODE_W;
    let scale = TEXT_W - CODE_W - PERCENT_W;
    let x_of = |percent: f32| x0 + scale * percent / 100.0;
    let bars_top = top + TOP_LABELS;
    let bars_bottom = bars_top + bars.len() as f32 * BAR_ROW;
    for (i, (code, percent)) in bars.iter().enumerate() {
        let y = bars_top + i as f32 * BAR_ROW;
        l.text_at(MARGIN, y + BAR_H, 8.0, Weight::Regular, code);
        if let Some(p) = percent {
            let w = scale * p.0 as f32 / 1000.0;
            if w > 0.0 {
                l.draw_op(Op::Bar {
                    x: x0,
                    y: y + (BAR_ROW - BAR_H) / 2.0,
                    w,
                    h: BAR_H,
                });
            }
        }
        // The percent in a column of its own, right-aligned: written at the bar's end it
        // would run over the dashed lines of the bars near a threshold.
        let shown = format!("{} %", official::percent(*percent));
        let w = l.text_width(&shown, 7.5, Weight::Regular);
        l.text_at(MARGIN + TEXT_W - w, y + BAR_H, 7.5, Weight::Regular, &shown);
    }
    // The axis: the left edge, the bottom, and the scale's marks.
    for (x1, y1, x2, y2) in [
        (x0, bars_top, x0, bars_bottom),
        (x0, bars_bottom, x_of(100.0), bars_bottom),
    ] {
        l.draw_op(Op::Line { x1, y1, x2, y2 });
    }
    for mark in [0.0, 25.0, 50.0, 100.0] {
        let x = x_of(mark);
        l.draw_op(Op::Line {
            x1: x,
            y1: bars_bottom,
            x2: x,
            y2: bars_bottom + 2.0,
        });
        let text = format!("{mark:.0} %");
        let w = l.text_width(&text, 7.0, Weight::Regular);
        l.text_at(x - w / 2.0, bars_bottom + 9.0, 7.0, Weight::Regular, &text);
    }
    for rule in &catalogue.categories {
        let x = x_of(rule.min_percent as f32);
        l.draw_op(Op::Dash {
            x1: x,
            y1: bars_top - 1.0,
            x2: x,
            y2: bars_bottom + 2.0,
        });
        let text = format!("{} %", rule.min_percent);
        let w = l.text_width(&text, 7.0, Weight::Bold);
        l.text_at(x - w / 2.0, top + 7.0, 7.0, Weight::Bold, &text);
    }
    l.gap(height);
    l.paragraph(&legend(catalogue), 8.0, Weight::Regular);
}

/// What the dashed lines mean, in the catalogue's words: `Пунктир — найменший відсоток
/// категорії: 92 % — вища, 81 % — перша, 75 % — друга.`
fn legend(catalogue: &Catalogue) -> String {
    let rules: Vec<String> = catalogue
        .categories
        .iter()
        .map(|r| format!("{} % — {}", r.min_percent, r.title))
        .collect();
    official::sentence(&format!(
        "Пунктир — найменший відсоток балів категорії: {}",
        rules.join(", ")
    ))
}
