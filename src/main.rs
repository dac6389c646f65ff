//! The `relgraph` binary: everything lives in the library (`relgraph::run`).

/// mimalloc: loading the gazetteer makes ~10^6 small allocations, which the system allocator
/// serves markedly slower; its version 2 (the crate's `v2` feature) leaves start-up 17 MB less
/// resident than version 3, as fast (docs/performance.md, "Start-up: where the time goes").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    relgraph::run()
}
