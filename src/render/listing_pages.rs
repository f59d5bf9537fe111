//! Listing pages: the topics index, paginated topic pages and the archive calendar.

use serde::Serialize;

use super::context::{Card, Ctx, DayGroup, Head, Link};
use super::pages::{page, PageOut};

pub fn topics_index(ctx: &Ctx) -> PageOut {
    #[derive(Serialize)]
    struct Entry<'a> {
        name: &'a str,
        description: &'a str,
        url: String,
        count: usize,
        latest: Option<Card<'a>>,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        topics: Vec<Entry<'a>>,
    }
    let topics = ctx
        .site
        .topics
        .iter()
        .zip(&ctx.config.site.topics)
        .map(|(group, t)| Entry {
            name: &t.name,
            description: &t.description,
            url: ctx.url(&group.path),
            count: group.articles.len(),
            latest: group.articles.first().map(|&i| ctx.card(i)),
        })
        .collect();
    page("topics.html", "topics/", &P { page: ctx.head("Topics", "", "topics/", "topics"), topics })
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    newer: Option<String>,
    older: Option<String>,
}

pub(crate) fn topic_page_path(base: &str, page: usize) -> String {
    if page == 1 {
        base.to_owned()
    } else {
        format!("{base}page/{page}/")
    }
}

pub fn topic(ctx: &Ctx, t: usize, p: usize) -> PageOut {
    #[derive(Serialize)]
    struct TopicView<'a> {
        slug: &'a str,
        name: &'a str,
        description: &'a str,
        url: String,
        count: usize,
    }
    #[derive(Serialize)]
    struct P<'a> {
        page: Head,
        topic: TopicView<'a>,
        groups: Vec<DayGroup<'a>>,
        notes: Vec<Link>,
        pagination: Pagination,
    }
    let group = &ctx.site.topics[t];
    let conf = &ctx.config.site.topics[t];
    let per = ctx.config.site.paginate_by;
    let total = group.items.len().div_ceil(per).max(1);
    let slice = &group.items[((p - 1) * per).min(group.items.len())..(p * per).min(group.items.len())];
    let rel = topic_page_path(&group.path, p);
    let pagination = Pagination {
        current: p,
        total,
        newer: (p > 1).then(|| ctx.url(&topic_page_path(&group.path, p - 1))),
        older: (p < total).then(|| ctx.url(&topic_page_path(&group.path, p + 1))),
    };
    let title = if p == 1 { conf.name.clone() } else { format!("{} (page {p} of {total})", conf.name) };
    let mut head = ctx.head(title, conf.description.clone(), &rel, "topic");
    head.feeds.extend(super::meta::feed_links(ctx, &group.path, &conf.name));
    let value = P {
        page: head,
        topic: TopicView {
            slug: &conf.slug,
            name: &conf.name,
            description: &conf.description,
            url: ctx.url(&group.path),
            count: group.articles.len(),
        },
        groups: ctx.items_by_day(slice),
        notes: group.notes.iter().map(|&n| ctx.note_link(n)).collect(),
        pagination,
    };
    page("topic.html", &rel, &value)
}

/// The archive: one calendar per month, each day with an edition linked with its story count.
pub fn archive(ctx: &Ctx) -> PageOut {
    use chrono::Datelike;
    #[derive(Serialize)]
    struct Day {
        day: u32,
        url: Option<String>,
        stories: usize,
    }
    #[derive(Serialize)]
    struct Month {
        name: String,
        weeks: Vec<Vec<Option<Day>>>,
    }
    #[derive(Serialize)]
    struct Year {
        year: i32,
        months: Vec<Month>,
    }
    #[derive(Serialize)]
    struct P {
        page: Head,
        years: Vec<Year>,
    }
    let month_view = |year: i32, month: u32, eds: &[usize]| {
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
        let name = chrono::Month::try_from(month as u8).map(|m| m.name().to_owned()).unwrap_or_default();
        Month { name, weeks }
    };
    let years = ctx
        .site
        .archive
        .iter()
        .rev()
        .map(|(&year, months)| Year {
            year,
            months: months.iter().rev().map(|(&m, eds)| month_view(year, m, eds)).collect(),
        })
        .collect();
    page("archive.html", "archive/", &P { page: ctx.head("Archive", "", "archive/", "archive"), years })
}
