//! Edge filters and the filtered view every query runs on.
//!
//! A [`View`] is a loaded [`KnowledgeGraph`] plus an [`EdgeFilter`]; the filter is evaluated once
//! per edge into a mask when the view is made, so traversals only test a bit.

use crate::error::Error;
use crate::export::bin::LazyEvidence;
use crate::gazetteer::Date;
use crate::gazetteer::date::active_on;
use crate::graph::{EdgeData, KnowledgeGraph};
use crate::query::load::Loaded;
use crate::types::{Origin, RelationType};
use crate::wire::graph::EvidenceItem;
use petgraph::Direction as PgDirection;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::cmp::Ordering;

/// Which edges a query sees. The default keeps every edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeFilter {
    /// Keep edges whose `count` is at least this.
    pub min_count: u64,
    /// Keep edges with at least one evidence item dated on or after this (partial dates overlap).
    pub since: Option<Date>,
    /// Keep edges with at least one evidence item dated on or before this.
    pub until: Option<Date>,
    /// Keep edges of this origin only.
    pub origin: Option<Origin>,
    /// Keep edges of these relation types only (empty: all).
    pub relations: Vec<RelationType>,
}

impl EdgeFilter {
    /// Whether the filter keeps every edge.
    pub fn is_trivial(&self) -> bool {
        self.min_count <= 1
            && !self.is_dated()
            && self.origin.is_none()
            && self.relations.is_empty()
    }

    /// Whether `--since` or `--until` is set.
    pub fn is_dated(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// Whether an evidence date falls in the date range. Undated evidence (documents without
    /// a date, facts added by `--facts all`) is outside any range that has a bound.
    pub fn keeps_date(&self, date: Option<Date>) -> bool {
        !self.is_dated() || date.is_some_and(|d| active_on(self.since, self.until, d))
    }

    /// Whether an evidence item falls in the date range.
    pub fn keeps_evidence(&self, ev: &EvidenceItem) -> bool {
        self.keeps_date(ev.date)
    }

    /// Whether the filter keeps an edge.
    pub fn keeps(&self, d: &EdgeData) -> bool {
        self.keeps_dated(d, d.evidence.iter().map(|ev| ev.date))
    }

    /// Whether the filter keeps an edge whose evidence dates are `dates`.
    pub fn keeps_dated(&self, d: &EdgeData, dates: impl IntoIterator<Item = Option<Date>>) -> bool {
        self.keeps_fields(d.rtype, d.origin, d.count) && self.keeps_dates(dates)
    }

    /// Whether the filter keeps an edge of this type, origin and count (dates aside).
    pub fn keeps_fields(&self, rtype: RelationType, origin: Origin, count: u64) -> bool {
        count >= self.min_count
            && self.origin.is_none_or(|o| origin == o)
            && (self.relations.is_empty() || self.relations.contains(&rtype))
    }

    /// Whether the filter keeps an edge whose evidence dates are `dates` (other fields aside).
    pub fn keeps_dates(&self, dates: impl IntoIterator<Item = Option<Date>>) -> bool {
        !self.is_dated() || dates.into_iter().any(|date| self.keeps_date(date))
    }
}

/// Direction of an edge seen from one of its ends, or the directions a traversal follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From this end to the other (this end is the source).
    Out,
    /// From the other end to this one (this end is the target).
    In,
    /// Either way: a symmetric relation (met_with, agreement_with, cooperates_with), or, as a
    /// traversal setting, edges of any direction.
    Both,
}

impl Direction {
    /// Whether an edge seen with direction `self` may be followed by a traversal set to `dir`.
    pub fn follows(self, dir: Direction) -> bool {
        dir == Direction::Both || self == Direction::Both || self == dir
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Both => "both",
        }
    }
}

/// An edge seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    pub edge: EdgeIndex,
    /// The other end (the same node for a self-loop).
    pub other: NodeIndex,
    pub direction: Direction,
}

/// A graph and the edges a query may use.
pub struct View<'g> {
    kg: &'g KnowledgeGraph,
    /// The evidence of a graph read lazily from a binary file.
    lazy: Option<&'g LazyEvidence>,
    filter: EdgeFilter,
    /// Per edge index: kept? `None` when the filter keeps everything.
    mask: Option<Vec<bool>>,
    /// Whether node indices follow id order (true of every graph read from a file, whose
    /// nodes are sorted), found out on first use.
    index_order: OnceCell<bool>,
}

impl<'g> View<'g> {
    /// A view of a graph that holds its evidence.
    pub fn new(kg: &'g KnowledgeGraph, filter: EdgeFilter) -> View<'g> {
        View::with_evidence(kg, None, filter)
    }

    /// A view of a loaded graph (whose evidence may still be in the file bytes).
    pub fn of(loaded: &'g Loaded, filter: EdgeFilter) -> View<'g> {
        View::with_evidence(&loaded.kg, loaded.evidence.as_ref(), filter)
    }

    fn with_evidence(
        kg: &'g KnowledgeGraph,
        lazy: Option<&'g LazyEvidence>,
        filter: EdgeFilter,
    ) -> View<'g> {
        let mask = (!filter.is_trivial()).then(|| {
            let g = kg.graph();
            let mut mask = vec![false; g.edge_bound()];
            for e in g.edge_indices() {
                mask[e.index()] = match lazy {
                    None => filter.keeps(&g[e]),
                    Some(l) => filter.keeps_dated(&g[e], l.dates(e).iter().copied()),
                };
            }
            mask
        });
        View {
            kg,
            lazy,
            filter,
            mask,
            index_order: OnceCell::new(),
        }
    }

    /// Compares two nodes by entity id: the order every result uses to break ties. When node
    /// indices follow id order it compares indices, sparing string comparisons that cost cache
    /// misses in large sorts.
    #[inline]
    pub fn cmp_ids(&self, a: NodeIndex, b: NodeIndex) -> Ordering {
        let g = self.kg.graph();
        let sorted = *self.index_order.get_or_init(|| {
            let mut prev: Option<&str> = None;
            g.node_indices().all(|n| {
                let id = g[n].id.as_str();
                let ok = prev.is_none_or(|p| p < id);
                prev = Some(id);
                ok
            })
        });
        if sorted {
            a.index().cmp(&b.index())
        } else {
            g[a].id.cmp(&g[b].id)
        }
    }

    pub fn kg(&self) -> &'g KnowledgeGraph {
        self.kg
    }

    pub fn graph(&self) -> &'g StableDiGraph<crate::graph::NodeData, EdgeData> {
        self.kg.graph()
    }

    pub fn filter(&self) -> &EdgeFilter {
        &self.filter
    }

    /// The evidence items of an edge (decoded from the file bytes for a lazily read graph).
    pub fn evidence(&self, e: EdgeIndex) -> Result<Cow<'g, [EvidenceItem]>, Error> {
        match self.lazy {
            None => Ok(Cow::Borrowed(&self.kg.graph()[e].evidence)),
            Some(l) => l.items(e).map(Cow::Owned),
        }
    }

    /// Whether the query may use edge `e`.
    #[inline]
    pub fn keeps(&self, e: EdgeIndex) -> bool {
        self.mask.as_ref().is_none_or(|m| m[e.index()])
    }

    /// Kept edges at `n` that a traversal set to `dir` may follow, each seen from `n`.
    /// Self-loops appear once.
    pub fn incident(&self, n: NodeIndex, dir: Direction) -> impl Iterator<Item = Incident> + '_ {
        let g = self.kg.graph();
        let out = g
            .edges_directed(n, PgDirection::Outgoing)
            .map(|e| (e, true));
        let inc = g
            .edges_directed(n, PgDirection::Incoming)
            .filter(|e| e.source() != e.target())
            .map(|e| (e, false));
        out.chain(inc).filter_map(move |(e, outgoing)| {
            if !self.keeps(e.id()) {
                return None;
            }
            let d = e.weight();
            let direction = if d.rtype.is_symmetric() {
                Direction::Both
            } else if outgoing {
                Direction::Out
            } else {
                Direction::In
            };
            direction.follows(dir).then_some(Incident {
                edge: e.id(),
                other: if outgoing { e.target() } else { e.source() },
                direction,
            })
        })
    }

    /// Kept edges between `a` and `b` (either direction), seen from `a`.
    pub fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<Incident> {
        let g = self.kg.graph();
        // Walk the end with fewer edges.
        let deg = |n| {
            g.edges_directed(n, PgDirection::Outgoing).count()
                + g.edges_directed(n, PgDirection::Incoming).count()
        };
        if deg(a) <= deg(b) {
            self.incident(a, Direction::Both)
                .filter(|i| i.other == b)
                .collect()
        } else {
            self.incident(b, Direction::Both)
                .filter(|i| i.other == a)
                .map(|i| Incident {
                    edge: i.edge,
                    other: b,
                    direction: match i.direction {
                        Direction::Out => Direction::In,
                        Direction::In => Direction::Out,
                        Direction::Both => Direction::Both,
                    },
                })
                .collect()
        }
    }
}
