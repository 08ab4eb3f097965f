//! `maxresults` / `$skiptoken` paging with absolute `nextLink`s.

use serde_json::{Value, json};

use crate::body::QueryMap;
use crate::errors::{ApiError, ApiResult};

/// Cuts `items` into the page the query asks for; `path` is the collection path (e.g. `/certificates`).
pub fn page(items: Vec<Value>, query: &QueryMap, base: &str, path: &str) -> ApiResult<Value> {
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
    let total = items.len();
    let value: Vec<Value> = items.into_iter().skip(skip).take(max).collect();
    let next = skip + value.len();
    let next_link = if next < total {
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
        Value::String(link)
    } else {
        Value::Null
    };
    Ok(json!({ "value": value, "nextLink": next_link }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn query(pairs: &[(&str, &str)]) -> QueryMap {
        QueryMap(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<HashMap<_, _>>(),
        )
    }

    #[test]
    fn pages_chain_through_next_links() {
        let items: Vec<Value> = (0..5).map(|i| json!(i)).collect();
        let first = page(
            items.clone(),
            &query(&[("maxresults", "2")]),
            "https://h",
            "/certificates",
        )
        .unwrap();
        assert_eq!(first["value"], json!([0, 1]));
        assert!(first["nextLink"].as_str().unwrap().contains("$skiptoken=2"));
        let last = page(
            items.clone(),
            &query(&[("maxresults", "2"), ("$skiptoken", "4")]),
            "https://h",
            "/c",
        )
        .unwrap();
        assert_eq!(last["value"], json!([4]));
        assert!(last["nextLink"].is_null());
        assert!(page(items, &query(&[("maxresults", "26")]), "https://h", "/c").is_err());
    }
}
