//! The archive (`/archive/`): one calendar per month, each day with an edition linked with
//! its story count.

use chrono::Datelike;
use serde::Serialize;

use crate::render::context::{Ctx, Head};
use crate::render::page::{page, PageOut};

#[derive(Serialize)]
struct Day {
    day: u32,
    url: Option<String>,
    stories: usize,
}

#[derive(Serialize)]
struct Month {
    /// The month's name on its own ("December"), CLDR's.
    name: String,
    /// The month and year ("December 2026", "2026年12月"), CLDR's.
    title: String,
    weeks: Vec<Vec<Option<Day>>>,
}

#[derive(Serialize)]
struct Year {
    year: i32,
    months: Vec<Month>,
}

#[derive(Serialize)]
struct ArchivePage {
    page: Head,
    years: Vec<Year>,
    /// The calendar's column heads from Monday, in the site's language.
    weekdays: Vec<Weekday>,
}

#[derive(Serialize)]
struct Weekday {
    long: String,
    short: String,
}

pub fn path() -> String {
    "archive/".into()
}

pub fn build(ctx: &Ctx) -> PageOut {
    let years = ctx
        .site
        .archive
        .iter()
        .rev()
        .map(|(&year, months)| Year {
            year,
            months: months.iter().rev().map(|(&m, eds)| month(ctx, year, m, eds)).collect(),
        })
        .collect();
    let rel = path();
    page(
        "archive.html",
        &rel,
        &ArchivePage {
            page: ctx.head(ctx.text("archive", None, &[]), "", &rel, "archive"),
            years,
            weekdays: ctx.lang.formats.weekdays().into_iter().map(|(long, short)| Weekday { long, short }).collect(),
        },
    )
}

/// The calendar of one month, weeks from Monday, with the daily editions `eds` linked.
fn month(ctx: &Ctx, year: i32, month: u32, eds: &[usize]) -> Month {
    let first = chrono::NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let mut weeks: Vec<Vec<Option<Day>>> = vec![Vec::new()];
    weeks[0].extend((0..first.weekday().num_days_from_monday()).map(|_| None));
    let mut day = first;
    while day.month() == month {
        let edition = eds.iter().map(|&e| &ctx.site.editions[e]).find(|e| e.day == day);
        if weeks.last().is_some_and(|w| w.len() == 7) {
            weeks.push(Vec::new());
        }
        if let Some(week) = weeks.last_mut() {
            week.push(Some(Day {
                day: day.day(),
                url: edition.map(|e| ctx.url(&e.path)),
                stories: edition.map_or(0, |e| e.items.len()),
            }));
        }
        day = day.succ_opt().unwrap_or(day + chrono::Duration::days(1));
    }
    if let Some(last) = weeks.last_mut() {
        last.resize_with(7, || None);
    }
    let f = &ctx.lang.formats;
    Month { name: f.month(month), title: f.month_year(year, month), weeks }
}
