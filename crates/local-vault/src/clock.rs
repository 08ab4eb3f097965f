//! Time: Unix seconds, per-vault clock shifts and month arithmetic for validity periods.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{Month, OffsetDateTime};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// The machine's Unix time in seconds.
pub fn real_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A vault's clock: real time shifted by the days the admin API added.
pub fn vault_now(shift_days: i64) -> i64 {
    real_now() + shift_days * DAY
}

/// Unix seconds as an `OffsetDateTime` (clamped to the representable range).
pub fn to_offset(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `unix` plus `months` calendar months, the day clamped to the target month's length.
pub fn add_months(unix: i64, months: u32) -> i64 {
    let start = to_offset(unix);
    let total = start.month() as i64 - 1 + months as i64;
    let year = start.year() + (total / 12) as i32;
    let month = Month::try_from((total % 12 + 1) as u8).unwrap_or(Month::January);
    let day = start.day().min(month.length(year));
    start
        .replace_day(1)
        .and_then(|d| d.replace_year(year))
        .and_then(|d| d.replace_month(month))
        .and_then(|d| d.replace_day(day))
        .map(|d| d.unix_timestamp())
        .unwrap_or(unix + months as i64 * 30 * DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_clamp_to_month_end() {
        // 2025-01-31 + 1 month = 2025-02-28
        assert_eq!(to_offset(add_months(1_738_281_600, 1)).day(), 28);
        // 12 months later is 365 days in a common year.
        assert_eq!(add_months(1_762_999_853, 12) - 1_762_999_853, 365 * DAY);
    }
}
