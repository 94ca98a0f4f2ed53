//! Work spread over the machine's cores, for the steps where each item stands alone: reading
//! and parsing files, checking assessments.

/// `work` on each item, split over the cores when there are enough items to be worth a
/// thread; results in the items' order, so the output never depends on timing.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const WORTH_A_THREAD: usize = 8;
    let threads = smm_syntax::parallel::threads()
        .min(items.len() / WORTH_A_THREAD)
        .max(1);
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let chunks: Vec<&[T]> = items.chunks(items.len().div_ceil(threads)).collect();
    smm_syntax::parallel::each(&chunks, |part| part.iter().map(&work).collect::<Vec<_>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        for n in [0, 1, 7, 8, 9, 16, 17, 100, 1001] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = super::map(&items, |i| i * 2);
            assert_eq!(
                doubled,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "{n}"
            );
        }
    }
}
