//! How much to say and whether to color it: `--quiet`, `-v`, `--color`.
//!
//! Color follows `--color`; with `auto`, `CLICOLOR_FORCE` and `NO_COLOR` are
//! honoured and color is used only on a terminal (anstream's rules).

use anstyle::{AnsiColor, Style};

use crate::messages::Lang;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the user asked to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ui {
    /// Only the exit status and errors.
    pub quiet: bool,
    /// Say what was read: files, encodings, row counts, rules path.
    pub verbose: bool,
    /// Color standard output.
    pub color_out: bool,
    /// Color standard error.
    pub color_err: bool,
    /// Show progress on standard error (a terminal, and not `--quiet`).
    pub progress: bool,
    /// The language people read (SPEC §12).
    pub lang: Lang,
}

impl Ui {
    pub fn new(quiet: bool, verbose: bool, when: ColorWhen, lang: Lang) -> Ui {
        let decide = |auto: anstream::ColorChoice| match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => matches!(auto, anstream::ColorChoice::Always | anstream::ColorChoice::AlwaysAnsi),
        };
        Ui {
            quiet,
            verbose: verbose && !quiet,
            color_out: decide(anstream::AutoStream::choice(&std::io::stdout())),
            color_err: decide(anstream::AutoStream::choice(&std::io::stderr())),
            progress: !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
            lang,
        }
    }
}

pub const ERROR: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
pub const WARNING: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
pub const PLACE: Style = Style::new().bold();

/// `text` in `style` when `on`.
pub fn paint(text: &str, style: Style, on: bool) -> String {
    if on { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_string() }
}
