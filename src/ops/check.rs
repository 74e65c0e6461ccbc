//! `check`: every finding about the files asked about, as data (SPEC §9,
//! §11): what each file is, what cannot be read, and what `attribute` would
//! decide. Nothing is printed here; the command renders the report.

use chrono_tz::Tz;
use thiserror::Error;

use crate::check::{self, Horizon, Scope};
use crate::diag::{Code, Diagnostic, Findings, Found, Severity};
use crate::domain::columns::{SheetWhat, TableKind};
use crate::domain::ledger::{Field, Fields};
use crate::engine::{self, closing};
use crate::load::decode::InputFormat;
use crate::load::table::TableStats;
use crate::load::{self, Input, LedgerInputs, LoadError, LoadOptions, Loaded, Sniffed};
use crate::engine::Settled;
use crate::policy::{ClaimRules, Policy};

/// What to check and how.
pub struct CheckOptions<'a> {
    /// The files asked about, in the order given.
    pub given: Vec<Input>,
    /// The ledgers rules.toml names: the context of files given alone.
    pub context: LedgerInputs,
    pub policy: &'a Policy,
    /// How the files are read (`limit` caps the findings kept).
    pub load: LoadOptions,
    pub horizon: Horizon,
    /// Closed-period snapshots, to warn about rows edited since (SPEC §14).
    pub snapshots: &'a [closing::Snapshot],
    /// The time zone "today" was taken in, when the as-of day was not given.
    pub today_in: Option<Tz>,
}

/// Everything `check` found.
pub struct CheckReport {
    /// Sorted by place, repeats said once.
    pub findings: Findings,
    /// Each file (or sheet) looked at, in the order given.
    pub checked: Vec<Checked>,
    pub horizon: Horizon,
    pub today_in: Option<Tz>,
}

/// Why `check` could not run.
#[derive(Debug, Error)]
pub enum CheckError {
    /// A file that cannot be used, or a snapshot whose stored rules no longer read.
    #[error("{0}")]
    Load(#[from] LoadError),
}

/// What a checked file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckedKind {
    Table(TableKind),
    Empty,
    Unknown,
    /// A sheet of a workbook that holds no ledger.
    Skipped,
}

impl CheckedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckedKind::Table(kind) => kind.as_str(),
            CheckedKind::Empty => "empty",
            CheckedKind::Unknown => "unknown",
            CheckedKind::Skipped => "skipped",
        }
    }
}

/// One checked file (or sheet: `FILE[SHEET]`), for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub file: String,
    pub kind: CheckedKind,
    /// How it was read: a text encoding or a workbook format.
    pub format: Option<InputFormat>,
    pub rows: u64,
    /// Why a sheet was skipped.
    pub skipped: Option<SheetWhat>,
}


/// Checks the files given: sniffs each one's kind, reads them in groups
/// (each claim ledger with the first customer ledger, rulings and links),
/// and adds what the engine would decide. `on_read` hears of each group
/// read (for `-v`).
pub fn check(options: &CheckOptions, on_read: &mut dyn FnMut(&LedgerInputs, &Loaded)) -> Result<CheckReport, CheckError> {
    let given = &options.given;
    let mut run = CheckRun { options, findings: Findings::new(options.load.limit), checked: Vec::new(), reported: Vec::new() };
    let mut by_kind: [Vec<Input>; 4] = Default::default();
    for input in given {
        match load::sniff_kind(input, &options.load)? {
            Sniffed::Kinds(kinds) => kinds.into_iter().for_each(|kind| by_kind[kind as usize].push(input.clone())),
            Sniffed::Unknown { place, line, found } => run.unrecognised(input, &place, line, Code::UnknownTable, found),
            Sniffed::Empty => run.unrecognised(input, &input.name, None, Code::EmptyFile, Found::EmptyFile { kind: None }),
        }
    }
    for group in groups(&by_kind, &options.context) {
        run.group(&group, given, on_read)?;
    }
    let CheckRun { mut findings, mut checked, .. } = run;
    checked.sort_by_key(|c| given.iter().position(|g| g.name == c.file));
    findings.sort();
    findings.dedup();
    Ok(CheckReport { findings, checked, horizon: options.horizon, today_in: options.today_in })
}

/// The engine runs over one claim ledger at a time, with the first customer
/// ledger, rulings and links given (or those rules.toml names, as context);
/// further customer ledgers, rulings and links are checked on their own.
fn groups(by_kind: &[Vec<Input>; 4], context: &LedgerInputs) -> Vec<LedgerInputs> {
    let [claims, customers, rulings, links] = by_kind;
    let customers0 = customers.first().cloned().or_else(|| context.customers.clone());
    let rulings0 = rulings.first().cloned().or_else(|| context.rulings.clone());
    let links0 = links.first().cloned().or_else(|| context.links.clone());
    let with = |claims: Option<Input>| LedgerInputs {
        claims,
        customers: customers0.clone(),
        rulings: rulings0.clone(),
        links: links0.clone(),
    };
    let mut groups: Vec<LedgerInputs> = claims.iter().map(|c| with(Some(c.clone()))).collect();
    if claims.is_empty() && (!customers.is_empty() || !rulings.is_empty() || !links.is_empty()) {
        groups.push(with(context.claims.clone()));
    }
    groups.extend(customers.iter().skip(1).map(|c| LedgerInputs { customers: Some(c.clone()), ..Default::default() }));
    groups.extend(rulings.iter().skip(1).map(|r| LedgerInputs { rulings: Some(r.clone()), ..Default::default() }));
    groups.extend(links.iter().skip(1).map(|l| LedgerInputs { links: Some(l.clone()), ..Default::default() }));
    groups
}

struct CheckRun<'a> {
    options: &'a CheckOptions<'a>,
    findings: Findings,
    checked: Vec<Checked>,
    /// Files whose reading findings are already in `findings`.
    reported: Vec<String>,
}

impl CheckRun<'_> {
    fn unrecognised(&mut self, input: &Input, place: &str, line: Option<crate::domain::ledger::Line>, code: Code, found: Found) {
        let kind = if code == Code::UnknownTable { CheckedKind::Unknown } else { CheckedKind::Empty };
        self.findings.push(Diagnostic::error(place, line, None, code, found));
        self.checked.push(Checked { file: input.name.clone(), kind, format: None, rows: 0, skipped: None });
    }

    /// Reads a group of ledgers, keeps the findings about files that were
    /// asked about, and adds what the engine would decide.
    fn group(&mut self, group: &LedgerInputs, given: &[Input], on_read: &mut dyn FnMut(&LedgerInputs, &Loaded)) -> Result<(), CheckError> {
        let asked = |i: &Option<Input>| i.as_ref().is_some_and(|i| given.iter().any(|g| g.name == i.name));
        let scope = Scope { claims: asked(&group.claims), deals: asked(&group.customers), rulings: asked(&group.rulings), links: asked(&group.links) };
        let loaded = load::load_ledgers(group, self.options.load.clone())?;
        on_read(group, &loaded);
        let stats = [
            (&group.claims, &loaded.claims, TableKind::Claims),
            (&group.customers, &loaded.customers, TableKind::Customers),
            (&group.rulings, &loaded.rulings, TableKind::Rulings),
            (&group.links, &loaded.links, TableKind::Links),
        ];
        for (input, stat, kind) in stats {
            if let Some(input) = input.as_ref().filter(|_| asked(input)) {
                self.note(input, stat, kind);
            }
        }
        let from_given = |place: &str| given.iter().any(|g| is_of(place, &g.name));
        // What stops `attribute`: an error of these codes (a sheet that
        // names one column is an `unknown_table` warning, and does not).
        let blocking = |d: &Diagnostic| {
            d.severity == Severity::Error
                && matches!(d.code, Code::MissingColumn | Code::EmptyFile | Code::BadEncoding | Code::UnknownTable | Code::WrongKind)
        };
        let inputs: Vec<String> = group.iter().map(|i| i.name.clone()).collect();
        let errors_in = |file: &str| loaded.findings.tally_where(|place| is_of(place, file)).errors;
        let mut blocked: Vec<&str> = loaded.findings.kept.iter().filter(|d| from_given(&d.file) && blocking(d)).map(|d| d.file.as_str()).collect();
        blocked.sort_unstable();
        blocked.dedup();
        let blocked: Vec<(String, u64)> = blocked.into_iter().map(|place| (place.to_string(), errors_in(place))).collect();
        // The claims.required columns a refused place lacks: its rows are
        // looked at without them, so a bad phone is not hidden behind them.
        let lacking: Vec<&'static str> = loaded.findings.kept.iter().filter(|d| from_given(&d.file) && blocking(d)).filter_map(|d| match &d.found {
            Found::MissingColumn { column, kind: TableKind::Claims, .. } => Some(column.name),
            _ => None,
        }).collect();
        let broken_context = inputs.iter().find(|f| !from_given(f) && errors_in(f) > 0).map(|f| (f.clone(), errors_in(f)));
        // A file read again as the context of another group is reported once.
        let fresh: Vec<String> = inputs.into_iter().filter(|f| from_given(f) && !self.reported.contains(f)).collect();
        let mut loaded = loaded;
        let found = std::mem::replace(&mut loaded.findings, Findings::new(0));
        self.findings.extend_files(found, |place| fresh.iter().any(|f| is_of(place, f)));
        self.reported.extend(fresh);
        if let Some((file, errors)) = broken_context {
            let found = Found::PolicySkipped { file: file.clone(), errors, rows: false };
            self.findings.push(Diagnostic::warning(&file, None, None, Code::PolicySkipped, found));
            return Ok(());
        }
        if !blocked.is_empty() {
            self.row_findings(&loaded, scope, &blocked, &lacking);
            return Ok(());
        }
        let outcome = self.decide(&loaded, scope);
        if !self.options.snapshots.is_empty() {
            let settlement = closing::settle(&loaded.ledgers, &outcome, self.options.snapshots.to_vec()).map_err(|e| {
                CheckError::Load(LoadError::StoredRules { snapshot: e.snapshot, error: Box::new(e.error) })
            })?;
            let mut edited = Findings::new(self.options.load.limit);
            check::closed_period_findings(&loaded.ledgers, &settlement, &mut edited);
            // A period left open before the first closed one is said once, by the snapshot.
            let mut snapshots_said = Vec::new();
            for d in edited.kept.into_iter() {
                let once = d.code == Code::OpenBeforeClosed && !self.reported.contains(&d.file);
                if once {
                    snapshots_said.push(d.file.clone());
                }
                if from_given(&d.file) || once {
                    self.findings.push(d);
                }
            }
            self.reported.extend(snapshots_said);
        }
        Ok(())
    }

    /// Decides the run and adds its policy findings. The likely duplicate
    /// customers need only the ledgers and their links: with two threads
    /// they are found on the second while this one decides and finds the
    /// rest, and are added at their usual turn.
    fn decide(&mut self, loaded: &Loaded, scope: Scope) -> engine::Outcome {
        let (policy, horizon, ledgers) = (self.options.policy, self.options.horizon, &loaded.ledgers);
        let maps = loaded.maps();
        let customers = engine::Customers::new(ledgers);
        let mut find = Some(|| check::duplicate_customers(ledgers, &customers, &maps, scope));
        std::thread::scope(|threads| {
            let beside = if self.options.load.parallel { find.take().map(|f| threads.spawn(f)) } else { None };
            let dupes = || match beside {
                Some(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => find.map_or_else(Vec::new, |f| f()),
            };
            let outcome = engine::decide(ledgers, policy, Some(horizon.as_of));
            let x = Settled { ledgers, policy, outcome: &outcome };
            check::policy_findings(&x, &maps, scope, horizon, dupes, &mut self.findings);
            outcome
        })
    }

    /// A group that `attribute` would refuse (a sheet or file without a
    /// column it needs, …) is not decided as a whole: what its readable rows
    /// hold can still be said where no other row changes it — an unknown
    /// rep, a missing field, a bad phone (SPEC §4 steps 1–3, before any
    /// other row is looked at) — and a warning says the checks across rows
    /// were skipped, so a workbook with one broken sheet does not hide the
    /// problems of the others. `blocked`: each place (file or sheet) with
    /// such an error, and its errors; `lacking`: the `claims.required`
    /// columns they lack, left out when their own rows are looked at (every
    /// row would miss them, and a bad phone or another missing field would
    /// hide behind that).
    fn row_findings(&mut self, loaded: &Loaded, scope: Scope, blocked: &[(String, u64)], lacking: &[&str]) {
        let ledgers = &loaded.ledgers;
        if ledgers.claims.rows.is_empty() && ledgers.deals.rows.is_empty() {
            // No row could be read: the errors say it all.
            return;
        }
        let in_blocked = |place: &str| blocked.iter().any(|(b, _)| is_of(place, b));
        // A row without the rep or phone a missing column would hold: said once, by the column.
        let said = |d: &Diagnostic| {
            in_blocked(&d.file)
                && match d.found {
                    Found::NoRep => lacking.contains(&"rep"),
                    Found::NoPhone => lacking.contains(&"phone"),
                    _ => false,
                }
        };
        let on_its_own = |d: &Diagnostic| matches!(d.code, Code::UnknownRep | Code::MissingFields | Code::BadPhone) && !said(d);
        let lacking: Fields = lacking.iter().filter_map(|name| Field::parse(name)).collect();
        let policy = self.options.policy;
        // The refused places' rows, without the columns they lack; the others as they are.
        let mut without = policy.clone();
        without.claims = ClaimRules { required: policy.claims.required.without(lacking), ..policy.claims.clone() };
        let passes = if lacking.is_empty() { vec![(policy, None)] } else { vec![(policy, Some(false)), (&without, Some(true))] };
        for (policy, refused) in passes {
            let horizon = self.options.horizon;
            let outcome = engine::decide(ledgers, policy, Some(horizon.as_of));
            let x = Settled { ledgers, policy, outcome: &outcome };
            let mut all = Findings::new(usize::MAX);
            check::policy_findings(&x, &loaded.maps(), scope, horizon, Vec::new, &mut all);
            let here = |d: &Diagnostic| refused.is_none_or(|refused| in_blocked(&d.file) == refused);
            for d in all.kept.into_iter().filter(|d| on_its_own(d) && here(d)) {
                self.findings.push(d);
            }
        }
        for (place, errors) in blocked {
            let found = Found::PolicySkipped { file: place.clone(), errors: *errors, rows: true };
            self.findings.push(Diagnostic::warning(place, None, None, Code::PolicySkipped, found));
        }
    }

    /// Adds each table of a file read as `kind` to the summary: sheets read,
    /// and sheets skipped with the reason (a sheet of another kind is noted
    /// when it is read as its own).
    fn note(&mut self, input: &Input, stats: &TableStats, kind: TableKind) {
        if stats.sheets.is_empty() && self.checked.iter().all(|c| c.file != input.name) {
            self.checked.push(Checked { file: input.name.clone(), kind: CheckedKind::Table(kind), format: stats.format, rows: stats.rows, skipped: None });
        }
        for note in &stats.sheets {
            if self.checked.iter().any(|c| c.file == note.place) {
                continue;
            }
            let checked = match note.what {
                SheetWhat::Read(kind) => Checked { file: note.place.clone(), kind: CheckedKind::Table(kind), format: stats.format, rows: note.rows, skipped: None },
                SheetWhat::Other(_) => continue,
                what => Checked { file: note.place.clone(), kind: CheckedKind::Skipped, format: None, rows: 0, skipped: Some(what) },
            };
            self.checked.push(checked);
        }
    }
}

/// Whether a finding's place (`FILE` or `FILE[SHEET]`) is in `file`.
pub fn is_of(place: &str, file: &str) -> bool {
    place == file || place.strip_prefix(file).is_some_and(|rest| rest.starts_with('[') && rest.ends_with(']'))
}
