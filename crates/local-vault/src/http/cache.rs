//! Serialized GET responses of one vault, valid for one state generation: list pages and
//! bundles are re-read far more often than the vault changes.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use axum::body::Bytes;

use crate::domain::error::ApiResult;

/// Entries kept at most; past that the cache starts over (a page is a few KiB).
const MAX_ENTRIES: usize = 256;

#[derive(Default)]
struct Entries {
    generation: u64,
    bodies: HashMap<String, Bytes>,
}

/// Response bodies by request (`base` + path and query), all of a single state generation.
#[derive(Default)]
pub struct ResponseCache {
    entries: Mutex<Entries>,
}

impl ResponseCache {
    fn lock(&self) -> MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The body for `key` rendered at `generation`, rendering (and keeping) it on a miss.
    /// The caller holds the state's read lock, so the generation cannot move meanwhile.
    pub fn get_or_render(
        &self,
        generation: u64,
        key: &str,
        render: impl FnOnce() -> ApiResult<Bytes>,
    ) -> ApiResult<Bytes> {
        {
            let mut entries = self.lock();
            if entries.generation != generation {
                entries.bodies.clear();
                entries.generation = generation;
            }
            if let Some(body) = entries.bodies.get(key) {
                return Ok(body.clone());
            }
        }
        let body = render()?;
        let mut entries = self.lock();
        if entries.generation == generation {
            if entries.bodies.len() >= MAX_ENTRIES {
                entries.bodies.clear();
            }
            entries.bodies.insert(key.to_string(), body.clone());
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::ApiError;

    #[test]
    fn a_new_generation_renders_again() {
        let cache = ResponseCache::default();
        let body = |text: &'static str| move || Ok(Bytes::from_static(text.as_bytes()));
        assert_eq!(cache.get_or_render(1, "k", body("a")).unwrap(), "a");
        assert_eq!(cache.get_or_render(1, "k", body("b")).unwrap(), "a");
        assert_eq!(cache.get_or_render(1, "other", body("c")).unwrap(), "c");
        assert_eq!(cache.get_or_render(2, "k", body("d")).unwrap(), "d");
        let failed = cache.get_or_render(3, "k", || Err(ApiError::internal("no")));
        assert!(failed.is_err(), "errors are not kept");
        assert_eq!(cache.get_or_render(3, "k", body("e")).unwrap(), "e");
    }
}
