//! Work split over threads, for the steps where each part stands alone: parsing a long
//! file's runs of items, making reports, checking assessments (`smm_check`), writing JSON.

/// `work` on each of `parts`, each on a thread of its own; results in the parts' order, so
/// the output never depends on timing. A panic in one part is resumed here.
pub fn each<T: Sync, R: Send>(parts: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .iter()
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// How many threads the machine runs at once.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_parts() {
        for n in [0, 1, 2, 7] {
            let parts: Vec<usize> = (0..n).collect();
            assert_eq!(
                super::each(&parts, |i| i * 2),
                (0..n).map(|i| i * 2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    #[should_panic(expected = "part 3")]
    fn a_panic_in_a_part_is_resumed() {
        super::each(&[1, 2, 3], |&i| assert!(i < 3, "part {i}"));
    }
}
