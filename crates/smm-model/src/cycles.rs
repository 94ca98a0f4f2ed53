//! How a cycle of names (profiles that extend each other, editions that supersede each other)
//! is named in a message: from one member round to itself, short even when the cycle is long,
//! so that reporting every member of a long cycle stays linear in its length.

/// The names around a cycle from its member `at` back to it, each followed by the next
/// (`members[at]` → `members[at + 1]` → …): all of a short cycle, the two ends of a long one
/// with how many `noun`s it holds.
pub fn shown_cycle(members: &[&str], at: usize, noun: &str) -> String {
    const SHOWN: usize = 8;
    let len = members.len() + 1;
    let around = |i: usize| members[(at + i) % members.len()];
    let join = |range: std::ops::Range<usize>| range.map(around).collect::<Vec<_>>().join(" → ");
    if len <= SHOWN {
        return join(0..len);
    }
    let (head, tail) = (join(0..SHOWN / 2), join(len - SHOWN / 2..len));
    format!("{head} → … → {tail} ({} {noun})", members.len())
}

#[cfg(test)]
mod tests {
    use super::shown_cycle;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}")).collect()
    }

    #[test]
    fn a_cycle_is_named_from_its_member_round_to_it() {
        assert_eq!(
            shown_cycle(&["a", "b", "c"], 1, "profiles"),
            "b → c → a → b"
        );
        assert_eq!(shown_cycle(&["a"], 0, "profiles"), "a → a");
        let seven = names(7);
        let seven: Vec<&str> = seven.iter().map(String::as_str).collect();
        assert_eq!(
            shown_cycle(&seven, 0, "profiles"),
            "p0 → p1 → p2 → p3 → p4 → p5 → p6 → p0"
        );
        let nine = names(9);
        let nine: Vec<&str> = nine.iter().map(String::as_str).collect();
        assert_eq!(
            shown_cycle(&nine, 2, "standards"),
            "p2 → p3 → p4 → p5 → … → p8 → p0 → p1 → p2 (9 standards)"
        );
    }
}
