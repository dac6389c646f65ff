//! The command line: one args struct and one file per subcommand. Raw arguments are resolved
//! into configuration by [`crate::config`].

pub mod build;
pub mod check_rules;
pub mod common;
pub mod completions;
pub mod eval;
pub mod extract;
pub mod manpage;
pub mod merge;
pub mod push;
pub mod query;
pub mod render;
pub mod show;
pub mod train;

use clap::{Parser, Subcommand};

/// relgraph turns English text (news above all) into a typed, evidenced knowledge graph of
/// people, states, organizations and places.
#[derive(Debug, Parser)]
#[command(name = "relgraph", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  relgraph extract article.txt\n  relgraph build corpus/ -o graph.json\n  relgraph build corpus/ -f dot | dot -Tsvg > graph.svg\n\nExit status: 0 done; 3 done, but some inputs were skipped (see the warnings); 2 error, nothing written; 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(extract::ExtractArgs),
    Build(build::BuildArgs),
    CheckRules(check_rules::CheckRulesArgs),
    Merge(merge::MergeArgs),
    Query(query::QueryArgs),
    Push(push::PushArgs),
    Render(render::RenderArgs),
    Show(show::ShowArgs),
    Eval(eval::EvalArgs),
    Train(train::TrainArgs),
    Completions(completions::CompletionsArgs),
    Manpage(manpage::ManpageArgs),
}

/// Parses the process arguments and runs the command; returns the process exit code.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    crate::output::install_interrupt_handler();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Build(a) => build::run(a),
        Command::CheckRules(a) => check_rules::run(a).map(|()| 0),
        Command::Eval(a) => eval::run(a).map(|()| 0),
        Command::Train(a) => train::run(a).map(|()| 0),
        Command::Merge(a) => merge::run(a).map(|()| 0),
        Command::Query(a) => query::run(a).map(|()| 0),
        Command::Push(a) => push::run(a).map(|()| 0),
        Command::Render(a) => render::run(a).map(|()| 0),
        Command::Show(a) => show::run(a),
        Command::Completions(a) => completions::run(a).map(|()| 0),
        Command::Manpage(a) => manpage::run(a).map(|()| 0),
    };
    match result {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let message = e.to_string();
            eprintln!(
                "relgraph: error: {}",
                crate::text::terminal::printable(&message)
            );
            std::process::ExitCode::from(2)
        }
    }
}
