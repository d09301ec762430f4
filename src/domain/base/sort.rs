//! One sort for the whole core. `slice::sort*` is generic over the element and the comparison,
//! so each call site compiles a copy of the whole sort (3–4 KB of WebAssembly each: the core's
//! 21 sorts were 72 KB of the 2 MB wasm). Here the sort runs once, over positions, with the
//! comparison behind `dyn`; only the small wrappers are generic. What the core sorts is short
//! (messages, codes, months, declarations, log events), so the indirect call costs nothing that
//! can be measured. A tidy test keeps `slice::sort*` out of the rest of `src/`.

use std::cmp::Ordering;
use std::hash::{BuildHasher, Hash};

/// Sorts by `compare`, stably: equal elements keep their order.
pub fn by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts by the key `key` gives each element, stably.
pub(crate) fn by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts in ascending order (stable; equal elements are indistinguishable anyway).
pub(crate) fn ascending<T: Ord>(items: &mut [T]) {
    by(items, T::cmp);
}

/// The positions `0..len` in sorted order: the one place the standard sort is compiled.
fn positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// The positions `0..len` whose keys occur more than once, one group per key, each group in
/// ascending position and the groups in the order of their first position. Unique keys cost
/// a hash each and no map: at a million lines a map of every key was most of the
/// reconciliation (a table of 150 MB, missed in the cache at every probe), while sorting
/// (hash, position) pairs reads memory in order. Equal hashes of different keys are told
/// apart by comparing the keys.
pub(crate) fn repeats<K: Hash + Eq>(len: usize, key: impl Fn(usize) -> K) -> Vec<Vec<usize>> {
    let hasher = rustc_hash::FxBuildHasher;
    let mut hashed: Vec<(u64, usize)> = (0..len).map(|i| (hasher.hash_one(key(i)), i)).collect();
    // The one unstable sort: of plain pairs, where a stable sort's order cannot differ.
    hashed.sort_unstable();
    let mut groups = Vec::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let mut keys: Vec<(K, Vec<usize>)> = Vec::new();
        for &(_, i) in run {
            let k = key(i);
            match keys.iter_mut().find(|(other, _)| *other == k) {
                Some((_, group)) => group.push(i),
                None => keys.push((k, vec![i])),
            }
        }
        groups.extend(keys.into_iter().map(|(_, group)| group).filter(|group| group.len() > 1));
    }
    by_key(&mut groups, |group| group[0]);
    groups
}

/// Moves `items[order[k]]` to position `k`, one cycle of the permutation at a time. Along a
/// cycle only the start's element is displaced, and it is what the cycle's last position needs.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut here = start;
        while !placed[here] {
            placed[here] = true;
            let next = order[here];
            if next == start {
                break;
            }
            items.swap(here, next);
            here = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs (key, original position): stability shows in the second field.
        let mut seed = 7u64;
        for len in [0usize, 1, 2, 3, 5, 17, 100, 1000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 33) % 10, i)
                })
                .collect();
            let mut ours = items.clone();
            by_key(&mut ours, |p| p.0);
            let mut std = items.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
        }
    }

    #[test]
    fn repeats_are_grouped_in_order_and_unique_keys_left_out() {
        let keys = ["b", "a", "c", "a", "b", "a", "d"];
        assert_eq!(repeats(keys.len(), |i| keys[i]), vec![vec![0, 4], vec![1, 3, 5]]);
        assert!(repeats(0, |i| keys[i]).is_empty());
        // Keys whose hashes collide are still told apart: a key type hashing to one value.
        #[derive(PartialEq, Eq)]
        struct Same(u8);
        impl Hash for Same {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                state.write_u8(0);
            }
        }
        let values = [1u8, 2, 1, 3, 2, 4];
        assert_eq!(repeats(values.len(), |i| Same(values[i])), vec![vec![0, 2], vec![1, 4]]);
    }

    #[test]
    fn sorts_strings_and_reversed_input() {
        let mut words = vec!["z", "b", "a", "y", "b"];
        ascending(&mut words);
        assert_eq!(words, ["a", "b", "b", "y", "z"]);
        let mut numbers: Vec<u32> = (0..50).rev().collect();
        by(&mut numbers, |a, b| a.cmp(b));
        assert_eq!(numbers, (0..50).collect::<Vec<_>>());
    }
}
