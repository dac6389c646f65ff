//! The `relgraph` binary: everything lives in the library (`relgraph::run`).

/// mimalloc: loading the gazetteer makes ~10^6 small allocations, which the system allocator
/// serves markedly slower (docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    relgraph::run()
}
