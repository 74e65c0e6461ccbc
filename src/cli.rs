//! The command line: subcommands and the flags they share.

use std::ffi::OsString;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;
use crate::messages::Lang;
use crate::messages::help::{self, UsageWhy};
use crate::ui::ColorWhen;

/// The command line. Every word of its help comes from
/// `messages::help` through [`command`]; the doc comments here are for
/// developers.
#[derive(Debug, Parser)]
#[command(name = "leadctl", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Print only errors; the exit status says the rest
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say what was read: the rules file used, each file's kind, encoding and row count
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// When to color output (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// The language of messages, tables and help: zh or en [default: rules.toml lang, else the locale]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(text: &str) -> Result<Lang, crate::messages::errors::ArgWhy> {
    Lang::parse(text).ok_or(crate::messages::errors::ArgWhy::Lang)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide who owns each deal, which claims are invalid, and commissions
    Attribute(commands::attribute::Args),
    /// Check spreadsheets before they are handed in: every problem, with its place
    Check(commands::check::Args),
    /// List phones that are probably one customer and not linked yet, as a links.csv to edit
    Dupes(commands::dupes::Args),
    /// Close a paid commission period: freeze its lines in a snapshot (closed/2026Q1.json)
    Close(commands::close::Args),
    /// Show one customer's timeline: every claim, touch, deal and ruling, and why
    Explain(commands::explain::Args),
    /// Write each rep's statement (提成明细) for a period: PERIOD-NAME.xlsx and .html
    Statement(commands::statement::Args),
    /// Write the manager's overview of a period as one printable HTML page
    Report(commands::report::Args),
    /// Start a folder: a commented rules.toml and sample ledgers (never overwrites)
    Init(commands::init::Args),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(commands::completions::Args),
    /// Print the man page (roff)
    Man(commands::completions::ManArgs),
}


/// The command line in `lang`: about, examples, each flag's help and value
/// name, and the headings, from `messages::help`.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = localize(Cli::command(), "", lang);
    let heading = if lang == Lang::Zh { Some(help::headings(lang).options) } else { None };
    cmd = cmd.disable_version_flag(true).arg(
        Arg::new("version").short('V').long("version").action(ArgAction::Version).help(help::arg("", "version", lang)).help_heading(heading),
    );
    // The `help` subcommand exists once the command is built.
    cmd.build();
    // Only words change on a built command: an argument added now would not be built.
    cmd.mut_subcommands(|sub| match help::command(sub.get_name(), lang).filter(|_| sub.get_name() == "help") {
        Some(words) => sub.about(words.about).mut_args(|arg| match help::arg("help", arg.get_id().as_str(), lang) {
            Some(text) => arg.help(text),
            None => arg,
        }),
        None => sub,
    })
}

fn localize(mut cmd: clap::Command, name: &str, lang: Lang) -> clap::Command {
    let headings = help::headings(lang);
    if let Some(words) = help::command(name, lang) {
        cmd = cmd.about(words.about).long_about(words.long_about);
        if !words.after_help.is_empty() {
            cmd = cmd.after_help(words.after_help).after_long_help(words.after_help);
        }
    }
    if lang == Lang::Zh {
        // clap ends a heading with an ASCII colon; Chinese takes `：`, so
        // the sections are written here (`{options}` lists every option,
        // whatever its heading).
        let mut sections = String::new();
        if cmd.has_subcommands() {
            sections.push_str(&format!("{}：\n{{subcommands}}\n\n", headings.commands));
        }
        if cmd.get_positionals().next().is_some() {
            sections.push_str(&format!("{}：\n{{positionals}}\n\n", headings.arguments));
        }
        sections.push_str(&format!("{}：\n{{options}}", headings.options));
        cmd = cmd
            .help_template(format!("{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{sections}{{after-help}}", headings.usage))
            .subcommand_help_heading(headings.commands);
    }
    cmd = cmd.mut_args(|arg| {
        let id = arg.get_id().as_str().to_string();
        let mut arg = match (id.as_str(), help::arg(name, &id, lang)) {
            ("encoding", _) => arg.help(help::encoding(&crate::load::decode::TextEncoding::choices(), lang)),
            (_, Some(text)) => arg.help(text),
            (_, None) => arg,
        };
        if let Some(names) = arg.get_value_names() {
            let shown: Vec<&'static str> = names.iter().filter_map(|n| help::value_name(n.as_str(), lang)).collect();
            if !shown.is_empty() && shown.len() == names.len() {
                arg = arg.value_names(shown);
            }
        }
        if lang == Lang::Zh {
            let heading = if arg.is_positional() { headings.arguments } else { headings.options };
            // clap's own "[default: …]" and "[possible values: …]" are English.
            let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
            let choices: Vec<String> = arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
            let mut text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let takes_value = arg.get_action().takes_values();
            if takes_value && !choices.is_empty() && !arg.is_hide_possible_values_set() {
                text.push_str(&help::choices(&choices, lang));
                arg = arg.hide_possible_values(true);
            }
            if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
                text.push_str(&help::default_value(&defaults.join(", "), lang));
                arg = arg.hide_default_value(true);
            }
            arg = arg.help(text).help_heading(heading);
        }
        arg
    });
    if name != "help" {
        cmd = cmd.disable_help_flag(true).arg(
            Arg::new("help").short('h').long("help").action(ArgAction::Help).help(help::arg(name, "help", lang)).help_heading(
                if lang == Lang::Zh { Some(headings.options) } else { None },
            ),
        );
    }
    cmd.mut_subcommands(|sub| {
        let sub_name = sub.get_name().to_string();
        localize(sub, &sub_name, lang)
    })
}

/// Parses the command line with help and usage errors in `lang`.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let matches = command(lang).try_get_matches_from(help_as_flag(args))?;
    Cli::from_arg_matches(&matches)
}

/// `help [COMMAND]` read as `[COMMAND] --help`. clap words the page of its
/// own `help` subcommand from a copy of the command taken before the words
/// of the language are put in (`leadctl help` listed `help` in English, and
/// `help help` had English headings); `--help` is worded in full.
fn help_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    // The first word that is neither a flag nor the value of a global flag;
    // after `--` every word is a value.
    let mut at = 1;
    loop {
        match args.get(at).and_then(|a| a.to_str()) {
            Some("--lang" | "--color") => at += 2,
            Some("--") | None => return args,
            Some(w) if w.starts_with('-') && w != "-" => at += 1,
            Some(_) => break,
        }
    }
    if args[at] != "help" {
        return args;
    }
    // `help help`: the page that lists the commands.
    while args.get(at).is_some_and(|w| w == "help") {
        args.remove(at);
    }
    // Right after the command, before anything a `--` makes a value.
    let command = args.get(at).and_then(|w| w.to_str()).is_some_and(|w| !w.starts_with('-'));
    args.insert(if command { at + 1 } else { at }, "--help".into());
    args
}

/// Prints what clap stopped on (help, the version, or a usage error, worded
/// in `lang`) and returns the exit status: 0 for help and version, 2 for a
/// usage error.
pub fn report(e: clap::Error, lang: Lang, args: &[OsString]) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp if lang == Lang::Zh => {
            anstream::print!("{}", help::placeholders(&e.render().ansi().to_string(), lang));
            return 0;
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return 0;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand if lang == Lang::Zh => {
            anstream::eprint!("{}", help::placeholders(&e.render().ansi().to_string(), lang));
            return 2;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return 2;
        }
        _ => {}
    }
    if lang == Lang::En {
        let _ = e.print();
        return 2;
    }
    let (mut usage, mut help) = usage_of(&e);
    if usage.is_empty() {
        // Errors about a value carry no usage: the subcommand's own.
        let mut cmd = command(lang);
        let sub = args.iter().skip(1).filter_map(|a| a.to_str()).find(|a| cmd.find_subcommand(a).is_some()).map(str::to_string);
        let shown = match &sub {
            Some(name) => cmd.find_subcommand_mut(name).map(|s| s.render_usage().to_string()),
            None => Some(cmd.render_usage().to_string()),
        };
        let text = shown.unwrap_or_default();
        usage = text.trim().split_once(' ').map_or(String::new(), |(_, rest)| rest.trim().to_string());
        help = match sub {
            Some(name) => format!("leadctl {name} --help"),
            None => "leadctl --help".to_string(),
        };
    }
    eprint!("{}", help::usage_error(&usage_why(&e, lang), &help::placeholders(&usage, lang), &help, lang));
    2
}

/// The usage line of a clap error without its title, and the command that
/// prints the whole help (`leadctl check --help`).
fn usage_of(e: &clap::Error) -> (String, String) {
    use clap::error::{ContextKind, ContextValue};
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => String::new(),
    };
    let usage = usage.trim().split_once(' ').map_or(usage.trim().to_string(), |(_, rest)| rest.trim().to_string());
    let mut words = usage.split_whitespace();
    let help = match (words.next(), words.next()) {
        (Some(bin), Some(sub)) if !sub.starts_with(['[', '<', '-']) => format!("{bin} {sub} --help"),
        (Some(bin), _) => format!("{bin} --help"),
        _ => "leadctl --help".to_string(),
    };
    (usage, help)
}

/// A clap error as data.
fn usage_why(e: &clap::Error, lang: Lang) -> UsageWhy {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    };
    let flag = || text(ContextKind::InvalidArg).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => UsageWhy::UnknownFlag { flag: flag(), suggested: text(ContextKind::SuggestedArg) },
        ErrorKind::InvalidSubcommand => UsageWhy::UnknownCommand {
            command: text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggested: text(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_some_and(|v| v.is_empty()) => UsageWhy::MissingValue { flag: flag() },
        ErrorKind::InvalidValue => UsageWhy::BadChoice {
            flag: flag(),
            value: text(ContextKind::InvalidValue).unwrap_or_default(),
            choices: list(ContextKind::ValidValue),
        },
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<crate::messages::errors::ArgWhy>())
                .map(|w| w.text(lang))
                .or_else(|| flag().starts_with("--threads").then(|| crate::messages::errors::ArgWhy::Threads.text(lang)));
            UsageWhy::BadValue { flag: flag(), value: text(ContextKind::InvalidValue).unwrap_or_default(), why }
        }
        ErrorKind::MissingRequiredArgument => UsageWhy::Missing { args: list(ContextKind::InvalidArg) },
        ErrorKind::ArgumentConflict => UsageWhy::Conflict { flag: flag(), other: text(ContextKind::PriorArg) },
        ErrorKind::TooManyValues if text(ContextKind::InvalidValue).is_some() => {
            UsageWhy::TooMany { value: text(ContextKind::InvalidValue).unwrap_or_default() }
        }
        ErrorKind::MissingSubcommand => UsageWhy::NoCommand,
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => UsageWhy::MissingValue { flag: flag() },
        _ => UsageWhy::Other,
    }
}
