//! A compact trie (a radix tree) over sorted byte strings, walked one byte at a time.
//!
//! The matcher only ever walks its patterns **anchored**, from a word start, one byte after the
//! other, stopping at the first byte no pattern continues with: a trie walk. An Aho-Corasick
//! automaton (aho-corasick's NFAs) or a minimal automaton (fst) can be walked that way too, but
//! both are slow to build for ~68,000 names — the Aho-Corasick builder computes failure
//! transitions and match sets the anchored walk never uses (about 130 ms and 35 MB), fst
//! minimises the automaton (about 180 ms) — and that build was most of `relgraph`'s start-up.
//! This trie is built from the sorted patterns in one pass (a few milliseconds), shares the
//! patterns' bytes as edge labels, and costs about 20 bytes per branch instead of per byte.
//!
//! Layout: node 0 is the root. Each node has a label (a range of [`Trie::bytes`], empty for the
//! root), an optional value (the index of the key that ends at it) and its children, whose ids
//! are consecutive and ordered by the first byte of their labels. A [`State`] is a node and how
//! much of its label has been read.

/// A position in the trie: the node, and the offset in [`Trie::bytes`] of the next byte of its
/// label (its label's end once the label has been read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct State {
    node: u32,
    at: u32,
}

/// No key ends at a node.
const NONE: u32 = u32::MAX;

/// Per node, everything a walk reads.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Label: `bytes[label_start..label_end]`.
    label_start: u32,
    label_end: u32,
    /// Children: nodes `child_start..child_start + child_len`.
    child_start: u32,
    child_len: u32,
    /// Index of the key ending here, or [`NONE`].
    value: u32,
}

/// The trie of a sorted list of distinct byte strings; each key's value is its index.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    nodes: Vec<Node>,
    /// First byte of each node's label (the root's is 0), for finding a child.
    first: Vec<u8>,
    /// The keys, concatenated: the labels point into it.
    bytes: Vec<u8>,
}

impl Trie {
    /// Builds the trie of `keys`, which must be sorted and distinct (checked: a key out of
    /// order is a bug of the caller, and panics). The empty key is allowed (it ends at the root).
    pub fn new<K: AsRef<[u8]>>(keys: &[K]) -> Trie {
        let mut offsets = Vec::with_capacity(keys.len() + 1);
        let total: usize = keys.iter().map(|k| k.as_ref().len()).sum();
        assert!(
            u32::try_from(total).is_ok() && keys.len() < NONE as usize,
            "trie too large"
        );
        let mut bytes = Vec::with_capacity(total);
        for (i, k) in keys.iter().enumerate() {
            let k = k.as_ref();
            assert!(
                i == 0 || keys[i - 1].as_ref() < k,
                "trie keys must be sorted and distinct"
            );
            offsets.push(bytes.len() as u32);
            bytes.extend_from_slice(k);
        }
        offsets.push(bytes.len() as u32);
        let key = |i: usize| &bytes[offsets[i] as usize..offsets[i + 1] as usize];
        let mut nodes = Vec::with_capacity(keys.len() * 2 + 1);
        let mut first = Vec::with_capacity(keys.len() * 2 + 1);
        nodes.push(Node {
            label_start: 0,
            label_end: 0,
            child_start: 0,
            child_len: 0,
            value: NONE,
        });
        first.push(0);
        // Work: (node, keys lo..hi all sharing the node's path of `depth` bytes). The keys
        // ending exactly at the node have been taken off `lo` already.
        let mut work: Vec<(u32, usize, usize, usize)> = Vec::new();
        let mut lo = 0;
        if keys.first().is_some_and(|k| k.as_ref().is_empty()) {
            nodes[0].value = 0;
            lo = 1;
        }
        work.push((0, lo, keys.len(), 0));
        while let Some((node, lo, hi, depth)) = work.pop() {
            // Group keys lo..hi by their byte at `depth`; each group becomes a child.
            let child_start = nodes.len() as u32;
            let mut i = lo;
            while i < hi {
                let b = key(i)[depth];
                let mut j = i + 1;
                while j < hi && key(j)[depth] == b {
                    j += 1;
                }
                // The group's common prefix: that of its first and last keys (they are sorted).
                let (a, z) = (key(i), key(j - 1));
                let common = a.iter().zip(z).take_while(|(x, y)| x == y).count();
                let mut next = i;
                let value = if a.len() == common {
                    next += 1;
                    i as u32
                } else {
                    NONE
                };
                let id = nodes.len() as u32;
                nodes.push(Node {
                    label_start: offsets[i] + depth as u32,
                    label_end: offsets[i] + common as u32,
                    child_start: 0,
                    child_len: 0,
                    value,
                });
                first.push(b);
                if next < j {
                    work.push((id, next, j, common));
                }
                i = j;
            }
            let child_len = nodes.len() as u32 - child_start;
            let n = &mut nodes[node as usize];
            n.child_start = child_start;
            n.child_len = child_len;
        }
        Trie {
            nodes,
            first,
            bytes,
        }
    }

    /// The root: nothing read.
    pub fn root(&self) -> State {
        State::default()
    }

    /// The state after reading `b` in `s`, or `None` if no key continues with it.
    #[inline]
    pub fn next(&self, s: State, b: u8) -> Option<State> {
        let n = &self.nodes[s.node as usize];
        if s.at < n.label_end {
            return (self.bytes[s.at as usize] == b).then_some(State {
                node: s.node,
                at: s.at + 1,
            });
        }
        let lo = n.child_start as usize;
        let kids = &self.first[lo..lo + n.child_len as usize];
        let k = if kids.len() <= 8 {
            kids.iter().position(|&c| c == b)?
        } else {
            kids.binary_search(&b).ok()?
        };
        let child = (lo + k) as u32;
        Some(State {
            node: child,
            at: self.nodes[child as usize].label_start + 1,
        })
    }

    /// The state after reading every byte of `s` from `from`.
    pub fn walk(&self, from: State, bytes: &[u8]) -> Option<State> {
        bytes.iter().try_fold(from, |s, &b| self.next(s, b))
    }

    /// The index of the key read so far, if it is a whole key.
    #[inline]
    pub fn value(&self, s: State) -> Option<u32> {
        let n = &self.nodes[s.node as usize];
        (s.at == n.label_end && n.value != NONE).then_some(n.value)
    }

    /// Whether some key is longer than what has been read and begins with it.
    pub fn continues(&self, s: State) -> bool {
        let n = &self.nodes[s.node as usize];
        s.at < n.label_end || n.child_len > 0
    }

    /// Number of nodes (for tests and statistics).
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The oracle: the keys that begin with `prefix`, and the one equal to it.
    fn naive(keys: &[Vec<u8>], prefix: &[u8]) -> (bool, Option<u32>) {
        let continues = keys
            .iter()
            .any(|k| k.len() > prefix.len() && k.starts_with(prefix));
        let value = keys.iter().position(|k| k == prefix).map(|i| i as u32);
        (continues, value)
    }

    fn check(keys: &[Vec<u8>], probes: &[Vec<u8>]) {
        let t = Trie::new(keys);
        for p in keys.iter().chain(probes) {
            // Every prefix of the probe: reachable exactly when some key begins with it (the
            // root always is).
            for l in 0..=p.len() {
                let prefix = &p[..l];
                let reachable = l == 0 || keys.iter().any(|k| k.starts_with(prefix));
                let s = t.walk(t.root(), prefix);
                assert_eq!(s.is_some(), reachable, "{prefix:?} in {keys:?}");
                if let Some(s) = s {
                    assert_eq!(
                        (t.continues(s), t.value(s)),
                        naive(keys, prefix),
                        "{prefix:?} in {keys:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn table() {
        let cases: &[&[&str]] = &[
            &[],
            &[""],
            &["", "a"],
            &["a"],
            &["a", "ab", "abc"],
            &["abc", "abd", "b"],
            &["korea", "korean", "koreans", "north korea", "north korean"],
            &["al qaeda", "al-qaeda", "al-shabaab"],
            &["the great hall", "the kremlin", "the people's republic"],
        ];
        for keys in cases {
            let keys: Vec<Vec<u8>> = keys.iter().map(|k| k.as_bytes().to_vec()).collect();
            check(&keys, &[b"kor".to_vec(), b"x".to_vec(), b"the k".to_vec()]);
        }
    }

    #[test]
    #[should_panic(expected = "sorted and distinct")]
    fn unsorted_keys_are_refused() {
        Trie::new(&["b", "a"]);
    }

    #[test]
    fn many_children_are_found_by_binary_search() {
        let keys: Vec<Vec<u8>> = (0u8..=255).map(|b| vec![b'x', b, b'y']).collect();
        check(&keys, &[vec![b'x', 7], vec![b'x', 200, b'y', 0]]);
    }

    proptest! {
        #[test]
        fn walks_agree_with_the_key_list(
            keys in proptest::collection::btree_set(proptest::collection::vec(0u8..4, 0..6), 0..40),
            probes in proptest::collection::vec(proptest::collection::vec(0u8..4, 0..7), 0..8),
        ) {
            let keys: Vec<Vec<u8>> = keys.into_iter().collect();
            check(&keys, &probes);
        }
    }
}
