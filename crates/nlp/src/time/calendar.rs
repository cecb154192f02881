//! Proleptic Gregorian calendar arithmetic on plain dates, enough for resolving news time
//! expressions (no time zones, no times of day).

use std::fmt;

/// A calendar date. Always valid when built through [`Date::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// `None` for impossible dates (`2023-02-30`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// First day of a month (`month` is 1..=12).
    pub fn month_start(year: i32, month: u32) -> Date {
        Date {
            year,
            month: month.clamp(1, 12),
            day: 1,
        }
    }

    pub fn month_end(year: i32, month: u32) -> Date {
        let month = month.clamp(1, 12);
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// `(year, month)` shifted by `n` months.
    pub fn shift_month(year: i32, month: u32, n: i32) -> (i32, u32) {
        let index = year * 12 + month as i32 - 1 + n;
        (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }

    /// The same day `n` months later (earlier for negative `n`), clamped to the month's end.
    pub fn add_months(self, n: i32) -> Date {
        let (year, month) = Date::shift_month(self.year, self.month, n);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    pub fn add_years(self, n: i32) -> Date {
        self.add_months(n * 12)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for days in [-800_000, -1, 0, 1, 19_858, 20_000, 60_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        let d = Date::new(2024, 5, 15).unwrap();
        assert_eq!(d.weekday(), 3, "2024-05-15 was a Wednesday");
        assert_eq!(d.add_days(-15).to_string(), "2024-04-30");
        assert_eq!(
            Date::new(2024, 3, 31).unwrap().add_months(-1).to_string(),
            "2024-02-29"
        );
        assert_eq!(Date::shift_month(2024, 1, -1), (2023, 12));
        assert_eq!(Date::new(2023, 2, 29), None);
    }
}
