//! `maxresults` / `$skiptoken` paging with absolute `nextLink`s.

use serde::Serialize;

use crate::domain::error::{ApiError, ApiResult};
use crate::http::body::QueryMap;

/// One page of a collection: `{"nextLink": …, "value": […]}` (keys in alphabetical order, the
/// order of the service's other maps).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    next_link: Option<String>,
    value: Vec<T>,
}

/// Cuts `items` into the page the query asks for, rendering only that page's items;
/// `path` is the collection path (e.g. `/certificates`).
pub fn page<S, T>(
    mut items: impl Iterator<Item = S>,
    render: impl FnMut(S) -> T,
    query: &QueryMap,
    base: &str,
    path: &str,
) -> ApiResult<Page<T>> {
    let max = match query.0.get("maxresults") {
        None => 25,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=25).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_parameter(format!(
                    "Invalid maxresults '{v}': must be an integer between 1 and 25."
                )));
            }
        },
    };
    let skip = match query.0.get("$skiptoken") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| ApiError::bad_parameter(format!("Invalid $skiptoken '{v}'.")))?,
    };
    let value: Vec<T> = items.by_ref().skip(skip).take(max).map(render).collect();
    let next = skip + value.len();
    let next_link = if items.next().is_some() {
        let version = query
            .0
            .get("api-version")
            .map(String::as_str)
            .unwrap_or("2025-07-01");
        let mut link =
            format!("{base}{path}?api-version={version}&$skiptoken={next}&maxresults={max}");
        if query.0.contains_key("includepending") {
            link.push_str(&format!(
                "&includePending={}",
                query.flag("includepending")?
            ));
        }
        Some(link)
    } else {
        None
    };
    Ok(Page { next_link, value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::collections::HashMap;

    fn query(pairs: &[(&str, &str)]) -> QueryMap {
        QueryMap(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<HashMap<_, _>>(),
        )
    }

    fn json_page(pairs: &[(&str, &str)], total: usize) -> ApiResult<Value> {
        let page = page(0..total, |i| i * 10, &query(pairs), "https://h", "/c")?;
        Ok(serde_json::to_value(page).unwrap())
    }

    #[test]
    fn pages_chain_through_next_links() {
        let first = json_page(&[("maxresults", "2")], 5).unwrap();
        assert_eq!(
            first,
            json!({
                "nextLink": "https://h/c?api-version=2025-07-01&$skiptoken=2&maxresults=2",
                "value": [0, 10],
            })
        );
        let last = json_page(&[("maxresults", "2"), ("$skiptoken", "4")], 5).unwrap();
        assert_eq!(last, json!({ "nextLink": null, "value": [40] }));
        let exact = json_page(&[("maxresults", "2"), ("$skiptoken", "3")], 5).unwrap();
        assert_eq!(exact, json!({ "nextLink": null, "value": [30, 40] }));
        let beyond = json_page(&[("$skiptoken", "9")], 5).unwrap();
        assert_eq!(beyond, json!({ "nextLink": null, "value": [] }));
        assert!(json_page(&[("maxresults", "26")], 5).is_err());
    }
}
