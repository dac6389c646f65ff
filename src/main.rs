fn main() -> std::process::ExitCode {
    relgraph::run()
}
