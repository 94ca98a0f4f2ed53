//! Calendar dates as the checker needs them: whether a date exists, and days between two.
//! The finding for one that does not is `Finding::impossible_date`.

use smm_syntax::ast::Date;

/// A date known to be on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        (year > 0 && (1..=days_in_month).contains(&day)).then_some(Day { year, month, day })
    }

    pub fn from_ast(date: &Date) -> Option<Day> {
        Day::new(date.year, date.month, date.day)
    }

    /// `YYYY-MM-DD`, as on a command line.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar: only differences matter.
    fn ordinal(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 12)
        } else {
            (i64::from(self.year), i64::from(self.month))
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(self.day) - 1
    }

    /// The same day `months` months later, or the last day of that month when it is shorter
    /// (2026-11-30 plus 3 months is 2027-02-28).
    pub fn months_later(self, months: u32) -> Day {
        let index = u32::from(self.month) - 1 + months;
        let year = self
            .year
            .saturating_add(u16::try_from(index / 12).unwrap_or(u16::MAX));
        let month = (index % 12) as u8 + 1;
        (1..=self.day)
            .rev()
            .find_map(|day| Day::new(year, month, day))
            .unwrap_or(self)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        later.ordinal() - self.ordinal()
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::Day;

    #[test]
    fn the_calendar() {
        assert!(Day::new(2026, 2, 30).is_none());
        assert!(Day::new(2026, 2, 29).is_none());
        assert!(Day::new(2024, 2, 29).is_some());
        assert!(Day::new(1900, 2, 29).is_none());
        assert!(Day::new(2000, 2, 29).is_some());
        assert!(Day::new(2026, 13, 1).is_none());
        assert!(Day::new(2026, 4, 31).is_none());
        assert!(Day::new(2026, 1, 0).is_none());
        assert_eq!(Day::parse("2026-11-10"), Day::new(2026, 11, 10));
        assert_eq!(Day::parse("2026-1-10"), None);
        assert_eq!(Day::parse("2026-11-10-1"), None);
    }

    #[test]
    fn days_between() {
        let d = |s| Day::parse(s).unwrap();
        assert_eq!(d("2026-11-10").days_until(d("2026-11-11")), 1);
        assert_eq!(d("2026-12-31").days_until(d("2027-01-01")), 1);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
        assert_eq!(d("2026-01-01").days_until(d("2027-01-01")), 365);
        assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
        assert_eq!(d("2027-01-01").days_until(d("2026-01-01")), -365);
    }

    #[test]
    fn months_later() {
        let d = |s| Day::parse(s).unwrap();
        assert_eq!(d("2026-11-10").months_later(3), d("2027-02-10"));
        assert_eq!(d("2026-11-30").months_later(3), d("2027-02-28"));
        assert_eq!(d("2027-11-30").months_later(3), d("2028-02-29"));
        assert_eq!(d("2026-01-31").months_later(0), d("2026-01-31"));
        assert_eq!(d("2026-12-15").months_later(12), d("2027-12-15"));
    }
}
