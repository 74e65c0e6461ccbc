//! The command line as people and scripts use it: init, stdin, quiet,
//! colors, completions, man page, rules discovery, streams, workbooks.

use std::path::Path;

use calamine::{Reader, open_workbook_auto};

use super::{CLAIMS, CUSTOMERS, RULES, folder, leadctl};

/// RULES naming claims.csv and customers.csv beside it.
fn rules_with_ledgers() -> String {
    format!("[ledgers]\nclaims = \"claims.csv\"\ncustomers = \"customers.csv\"\n\n{RULES}")
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn init_into_an_empty_folder_then_attribute_there() {
    let dir = tempfile::tempdir().unwrap();
    let a = leadctl().current_dir(dir.path()).args(["init", "alliance"]).assert().success();
    assert_eq!(
        stderr(&a),
        "wrote alliance/rules.toml\n\
         rules.toml says lang = \"zh\": everyone using this folder reads messages, statements and reports in Chinese; \
         for English, change it to lang = \"en\"\n\
         wrote alliance/claims.csv\nwrote alliance/claims-mistakes.csv\nwrote alliance/customers.csv\n\
         wrote alliance/rulings.csv\n\
         next: edit the roster in rules.toml, then run: cd alliance && leadctl check && leadctl attribute\n\
         to see what a mistake looks like: cd alliance && leadctl check claims-mistakes.csv\n"
    );
    let here = dir.path().join("alliance");
    // The suggested next step works: the samples are clean...
    let a = leadctl().current_dir(&here).args(["check"]).env("LEADCTL_TODAY", "2026-04-30").assert().code(0);
    assert!(stdout(&a).ends_with("：0个错误，0个提醒\n"), "{}", stdout(&a));
    // ...and the mistakes are kept apart, each one refused.
    let a = leadctl().current_dir(&here).args(["check", "claims-mistakes.csv"]).assert().code(1);
    let out = stdout(&a);
    let codes: Vec<&str> = out.lines().filter_map(|l| l.split("error[").nth(1)?.split(']').next()).collect();
    assert_eq!(codes, ["duplicate", "cross_region"]);
    let a = leadctl().current_dir(&here).args(["attribute", "--format", "json"]).assert().success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["reconciliation"]["balanced"], true);
    assert_eq!(doc["deals"].as_array().unwrap().len(), 3);
    let rules = std::fs::read_to_string(here.join("rules.toml")).unwrap();
    let lines: Vec<&str> = rules.lines().collect();
    for key in ["required", "claim_within_days", "follow_up_every_days", "lapse_after_days", "expire_without_visit_days",
        "monthly_quota", "enforce", "allowed_reasons", "repeat_deals", "period", "mode", "tiers", "over_target_rate",
        "new_customer", "champion", "channel", "region", "target"] {
        let line = lines.iter().position(|l| l.trim_start().starts_with(&format!("{key} ="))).unwrap_or_else(|| panic!("{key}"));
        let comments = lines[..line].iter().rev().take_while(|l| l.starts_with('#')).count() + usize::from(lines[line].contains('#'));
        assert!(comments > 0 || key == "channel" || key == "region" || key == "target", "{key} is not explained");
    }
    std::fs::write(here.join("claims.csv"), "mine").unwrap();
    let a = leadctl().current_dir(&here).args(["init", "--lang", "zh"]).assert().success();
    assert!(stderr(&a).contains("保留 ./claims.csv（已存在；leadctl init 从不覆盖）"), "{}", stderr(&a));
    // Nothing is said of the language when rules.toml is kept: it says what it says.
    assert!(!stderr(&a).contains("lang ="), "{}", stderr(&a));
    let a = leadctl().current_dir(&here).args(["--lang", "en", "init"]).assert().success();
    assert!(stderr(&a).contains("kept ./claims.csv (it exists; leadctl init never overwrites)"), "{}", stderr(&a));
    assert_eq!(std::fs::read_to_string(here.join("claims.csv")).unwrap(), "mine");
}

#[test]
fn stdin_as_an_input() {
    let dir = folder(&[("rules.toml", RULES), ("customers.csv", CUSTOMERS)]);
    let a = leadctl()
        .current_dir(dir.path())
        .args(["attribute", "--claims", "-", "--customers", "customers.csv", "--format", "json"])
        .write_stdin(CLAIMS)
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["claims"][1]["row"], "<stdin>:3");
    let a = leadctl().current_dir(dir.path()).args(["check", "--as-of", "2026-03-31", "-"]).write_stdin(CLAIMS).assert().code(1);
    assert!(stdout(&a).starts_with("<stdin>:3:5: error[duplicate]: 张伟 <stdin>:2 protects this customer"), "{}", stdout(&a));
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--claims", "-", "--customers", "-"]).assert().code(2);
    assert_eq!(stderr(&a), "error: only one input can be `-` (standard input)\n");
}

#[test]
fn quiet_prints_only_errors() {
    let rules = rules_with_ledgers();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--quiet", "--out", "out"]).assert().success();
    assert_eq!((stdout(&a).as_str(), stderr(&a).as_str()), ("", ""));
    assert!(dir.path().join("out/deals.csv").exists());
    let a = leadctl().current_dir(dir.path()).args(["-q", "check", "--as-of", "2026-03-03", "claims.csv"]).assert().code(1);
    assert_eq!(stdout(&a), "claims.csv:3:5: error[duplicate]: 张伟 claims.csv:2 protects this customer 2026-03-01 → 2026-03-11 (先报先保)\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", "date,rep,customer,phone,address\n"), ("customers.csv", "oops\n")]);
    let a = leadctl().current_dir(dir.path()).args(["attribute", "-q"]).assert().code(2);
    assert!(stderr(&a).starts_with("customers.csv:1: error[unknown_table]: no header row"), "{}", stderr(&a));
}

#[test]
fn colors_follow_the_flag_and_the_environment() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = leadctl();
        cmd.current_dir(dir.path()).args(["check", "--as-of", "2026-03-03", "claims.csv"]).args(args);
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.assert().code(1)).contains("\u{1b}[")
    };
    assert!(!run(&[], &[]), "no color when not a terminal");
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]), "NO_COLOR wins");
    assert!(run(&["--color", "always"], &[("NO_COLOR", "1")]), "an explicit --color always wins");
    assert!(!run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
}

#[test]
fn completions_and_man_page() {
    let a = leadctl().args(["completions", "bash"]).assert().success();
    let bash = stdout(&a);
    assert!(bash.contains("complete -F _leadctl") && bash.contains("attribute") && bash.contains("--as-of"), "{bash}");
    for shell in ["zsh", "fish", "powershell"] {
        leadctl().args(["completions", shell]).assert().success();
    }
    let a = leadctl().args(["man", "--lang", "en"]).assert().success();
    let man = stdout(&a);
    assert!(man.contains(".TH leadctl 1") && man.contains("attribute") && man.contains("Settles who owns each sale"), "{man}");
    let a = leadctl().args(["man", "--lang", "zh"]).assert().success();
    let man = stdout(&a);
    assert!(man.contains(".TH leadctl 1") && man.contains("裁定每一单归谁") && man.contains("显示帮助"), "{man}");
}

#[test]
fn every_subcommand_has_help_with_an_example_and_there_is_a_version() {
    for sub in ["attribute", "check", "explain", "init", "completions", "man"] {
        let a = leadctl().args([sub, "--help", "--lang", "en"]).assert().success();
        assert!(stdout(&a).contains("Example"), "{sub} --help has no example");
        let a = leadctl().args(["--lang", "zh", sub, "--help"]).assert().success();
        assert!(stdout(&a).contains("示例"), "{sub} --help has no example in zh");
    }
    let a = leadctl().arg("--version").assert().success();
    assert_eq!(stdout(&a), format!("leadctl {}\n", env!("CARGO_PKG_VERSION")));
}

/// `help [COMMAND]` gives the page `--help` gives, in the language asked:
/// clap's own help subcommand listed itself in English and headed `help
/// help` with `Usage:`.
#[test]
fn the_help_command_is_the_help_flag_in_either_language() {
    let page = |args: &[&str]| stdout(&leadctl().args(args).assert().success());
    for lang in ["zh", "en"] {
        let main = page(&["--lang", lang, "--help"]);
        assert_eq!(page(&["--lang", lang, "help"]), main);
        assert_eq!(page(&["help", "help", "--lang", lang]), main);
        assert_eq!(page(&["--lang", lang, "help", "check"]), page(&["--lang", lang, "check", "--help"]));
    }
    let zh = page(&["--lang", "zh", "help"]) + &page(&["--lang", "zh", "help", "help"]);
    assert!(!zh.contains("Usage") && !zh.contains("Print this message") && zh.contains("显示某个命令的帮助"), "{zh}");
    let a = leadctl().args(["--lang", "zh", "help", "nosuch"]).assert().code(2);
    assert!(stderr(&a).contains("`nosuch`"), "{}", stderr(&a));
    // A help request never runs the command, whatever follows `--`.
    let dir = tempfile::tempdir().unwrap();
    let init = stdout(&leadctl().current_dir(dir.path()).args(["--lang", "en", "init", "--help"]).assert().success());
    assert_eq!(stdout(&leadctl().current_dir(dir.path()).args(["--lang", "en", "help", "init", "--"]).assert().success()), init);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "help init -- created files");
}

#[test]
fn rules_are_found_in_a_parent_folder_and_verbose_says_so() {
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let deep = dir.path().join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    let a = leadctl()
        .current_dir(&deep)
        .args(["attribute", "-v", "--claims", "../../claims.csv", "--customers", "../../customers.csv", "--format", "json"])
        .assert()
        .success();
    let said: String = stderr(&a).lines().filter(|l| !l.contains(" in ") || !l.ends_with(" s")).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        said,
        "leadctl: rules: ../../rules.toml\n\
         leadctl: read ../../claims.csv: claim ledger, UTF-8, 2 rows (0 blank)\n\
         leadctl: read ../../customers.csv: customer ledger, UTF-8, 1 row (0 blank)\n\
         leadctl: as of 2026-03-05\n"
    );
    let empty = tempfile::tempdir().unwrap();
    let a = leadctl().current_dir(empty.path()).arg("attribute").assert().code(2);
    assert!(stderr(&a).contains("no rules.toml here or in any parent folder"), "{}", stderr(&a));
}

#[test]
fn out_dash_streams_one_csv_table() {
    let rules = rules_with_ledgers();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--format", "csv", "--out", "-"]).assert().success();
    let text = stdout(&a);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.get(0), Some("report"));
    let reports: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_string()).collect();
    assert_eq!(reports, ["deals", "claims", "claims", "commissions"]);
    assert!(!text.starts_with('\u{feff}'), "a stream for pipes has no BOM");
    let a = leadctl().current_dir(dir.path()).args(["attribute", "--out", "-"]).assert().code(2);
    assert_eq!(stderr(&a), "error: --out - streams to standard output; give --format csv or --format json\n");
}

#[test]
fn csv_files_have_a_bom_unless_no_bom() {
    let rules = rules_with_ledgers();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    leadctl().current_dir(dir.path()).args(["attribute", "--out", "bom"]).assert().success();
    leadctl().current_dir(dir.path()).args(["attribute", "--out", "plain", "--no-bom"]).assert().success();
    let bom = std::fs::read(dir.path().join("bom/deals.csv")).unwrap();
    let plain = std::fs::read(dir.path().join("plain/deals.csv")).unwrap();
    assert!(bom.starts_with(b"\xEF\xBB\xBFdeal_id,"));
    assert_eq!(&bom[3..], &plain[..]);
}

/// Reads a sheet of a workbook as rows of text.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.iter().map(leadctl::load::xlsx::cell_text).collect()).collect()
}

#[test]
fn the_xlsx_workbook_holds_the_same_rows_as_the_csv_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let book = out.path().join("report.xlsx");
    leadctl().current_dir(root).args(["--lang", "en", "attribute", "--format", "xlsx", "--out"]).arg(&book).assert().success();
    leadctl().current_dir(root).args(["--lang", "en", "attribute", "--raw", "--out"]).arg(out.path().join("csv")).assert().success();
    for name in ["deals", "claims", "commissions"] {
        let csv_text = std::fs::read_to_string(out.path().join(format!("csv/{name}.csv"))).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let want: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let got = sheet(&book, name);
        assert_eq!(got.len(), want.len(), "{name}");
        // The header is for people: titles, not the CSV's names.
        assert!(name == "commissions" || got[0].iter().zip(&want[0]).any(|(g, w)| g != w), "{name}: {:?}", got[0]);
        for (g, w) in got.iter().zip(&want).skip(1) {
            // Money is a number in the workbook: 12800 there is 12800.00 in CSV;
            // a deal of the house says so.
            let same = |a: &String, b: &String| {
                a == b || (a == "(house)" && b.is_empty()) || (a.parse::<f64>().ok().zip(b.parse::<f64>().ok())).is_some_and(|(x, y)| x == y)
            };
            assert!(g.iter().zip(w).all(|(a, b)| same(a, b)), "{name}: {g:?} vs {w:?}");
        }
    }
    // In Chinese: sheet names, headers and the labels of stable values.
    let zh = out.path().join("zh.xlsx");
    leadctl().current_dir(root).args(["attribute", "--format", "xlsx", "--out"]).arg(&zh).assert().success();
    let deals = sheet(&zh, "成交");
    assert_eq!(deals[0][..3], ["单号", "日期", "客户"]);
    assert_eq!(deals[1][9], "报备", "basis claim as its label");
    assert_eq!(sheet(&zh, "报备")[0][0], "行");
    assert!(sheet(&zh, "提成").iter().any(|r| r.iter().any(|c| c == "调整")), "an adjustment line");
    let err = leadctl().current_dir(root).args(["attribute", "--format", "xlsx"]).assert().code(2);
    assert_eq!(stderr(&err), "error: --format xlsx 只能写进文件：请加 --out 文件名.xlsx\n", "the example's rules.toml says lang = \"zh\"");
    let err = leadctl().current_dir(root).args(["attribute", "--format", "xlsx", "--lang", "en"]).assert().code(2);
    assert_eq!(stderr(&err), "error: --format xlsx needs --out FILE.xlsx\n");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs: [(&[&str], i32); 4] = [
        (&["attribute", "--format", "csv"], 0),
        (&["attribute", "--format", "json"], 0),
        (&["check", "--format", "json", "--as-of", "2026-06-30"], 1),
        (&["explain", "--format", "json", "examples/claims.csv:41"], 0),
    ];
    for (args, code) in runs {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_leadctl"))
            .current_dir(root)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("error:"), "{args:?}: {err}");
    }
}

/// `-v` and `--color` are not offered where nothing is read or colored, yet
/// still accepted, as scripts pass them everywhere.
#[test]
fn ui_flags_are_offered_only_where_they_mean_something() {
    let help = |sub: &str| stdout(&leadctl().args([sub, "--help"]).assert().success());
    for sub in ["completions", "man"] {
        let h = help(sub);
        assert!(!h.contains("--quiet") && !h.contains("--verbose") && !h.contains("--color"), "{sub}: {h}");
    }
    let h = help("init");
    assert!(h.contains("--quiet") && !h.contains("--verbose") && !h.contains("--color"), "{h}");
    for sub in ["check", "attribute", "explain"] {
        let h = help(sub);
        assert!(h.contains("--quiet") && h.contains("--verbose") && h.contains("--color"), "{sub}: {h}");
    }
    leadctl().args(["man", "-q", "-v", "--color", "never"]).assert().success();
}

/// The rules `init` writes pin Chinese, as its samples are, whatever the
/// locale it ran under (a server's is often C): only `--lang en` pins
/// English. `init` says which it pinned, in the language it speaks.
#[test]
fn init_pins_chinese_unless_told_english() {
    let dir = tempfile::tempdir().unwrap();
    let lang_line = |rules: &str| rules.lines().filter(|l| l.starts_with("lang =")).collect::<Vec<_>>().join("\n");
    for locale in ["C.UTF-8", "en_US.UTF-8", "zh_CN.UTF-8"] {
        let a = leadctl().current_dir(dir.path()).args(["init", locale]).env("LANG", locale).assert().success();
        assert_eq!(lang_line(&std::fs::read_to_string(dir.path().join(locale).join("rules.toml")).unwrap()), "lang = \"zh\"", "{locale}");
        let said = if locale.starts_with("zh") {
            "rules.toml 里写了 lang = \"zh\"：用这个文件夹的人看到的提示、提成明细和报表都是中文；要用英文，改成 lang = \"en\"\n"
        } else {
            "rules.toml says lang = \"zh\": everyone using this folder reads messages, statements and reports in Chinese; for English, change it to lang = \"en\"\n"
        };
        assert!(stderr(&a).contains(said), "{locale}: {}", stderr(&a));
    }
    // The folder then speaks Chinese on an English machine.
    let a = leadctl().current_dir(dir.path().join("C.UTF-8")).args(["check"]).env("LEADCTL_TODAY", "2026-04-30").env("LANG", "C.UTF-8").assert().code(0);
    assert!(stdout(&a).ends_with("：0个错误，0个提醒\n"), "{}", stdout(&a));

    let a = leadctl().current_dir(dir.path()).args(["--lang", "en", "init", "shop"]).env("LANG", "zh_CN.UTF-8").assert().success();
    assert_eq!(lang_line(&std::fs::read_to_string(dir.path().join("shop/rules.toml")).unwrap()), "lang = \"en\"");
    assert!(stderr(&a).contains("rules.toml says lang = \"en\" (from --lang en): everyone using this folder reads messages, statements and reports in English; for Chinese, change it to lang = \"zh\"\n"), "{}", stderr(&a));
    let a = leadctl().current_dir(dir.path().join("shop")).args(["check"]).env("LEADCTL_TODAY", "2026-04-30").env("LANG", "zh_CN.UTF-8").assert().code(0);
    assert!(stdout(&a).ends_with(": 0 errors, 0 warnings\n"), "{}", stdout(&a));
    let a = leadctl().current_dir(dir.path()).args(["init", "--lang", "zh", "zh"]).assert().success();
    assert!(stderr(&a).contains("rules.toml 里写了 lang = \"zh\"（按 --lang zh）：用这个"), "{}", stderr(&a));
}

/// A cell longer than Excel holds (32,767 characters) is cut with `…` in the
/// workbook, which is written; the CSV keeps it whole.
#[test]
fn a_cell_too_long_for_excel_is_cut_in_the_workbook_only() {
    let name = "王".repeat(40_000);
    let claims = format!("date,rep,event,customer,phone,address\n2026-03-01,张伟,claim,{name},13800000001,上海\n");
    let rules = rules_with_ledgers();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", &claims), ("customers.csv", CUSTOMERS)]);
    leadctl().current_dir(dir.path()).args(["--lang", "en", "attribute", "--format", "xlsx", "--out", "x.xlsx"]).assert().success();
    leadctl().current_dir(dir.path()).args(["attribute", "--out", "out"]).assert().success();
    let rows = sheet(&dir.path().join("x.xlsx"), "claims");
    let cut = rows.iter().flatten().find(|c| c.starts_with("王王王")).expect("the customer's cell");
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.ends_with('…'));
    assert!(std::fs::read_to_string(dir.path().join("out/claims.csv")).unwrap().contains(&name));
}

/// A period that does not read: `attribute` takes a year too; `close`,
/// `statement` and `report` take a commission period, and their hint names
/// only what they take.
#[test]
fn a_bad_period_is_answered_with_what_the_command_takes() {
    let a = leadctl().args(["--lang", "zh", "attribute", "--period", "2026Q5"]).assert().code(2);
    assert!(stderr(&a).starts_with("error: `--period <结算期>` 的值 `2026Q5` 不对：请写季度如 2026Q1、月份如 2026-03，或年份如 2026\n"), "{}", stderr(&a));
    for args in [&["statement", "--out", "x", "--period"][..], &["report", "--html", "x.html", "--period"], &["close"]] {
        let a = leadctl().args(["--lang", "zh"]).args(args).arg("2026Q5").assert().code(2);
        assert!(stderr(&a).contains("的值 `2026Q5` 不对：请写季度如 2026Q1，或月份如 2026-03\n"), "{args:?}: {}", stderr(&a));
    }
    let a = leadctl().args(["--lang", "en", "statement", "--out", "x", "--period", "2026-13"]).assert().code(2);
    assert!(stderr(&a).contains("write a quarter like 2026Q1 or a month like 2026-03\n"), "{}", stderr(&a));
}

/// A single `--out FILE` that is a link is written through: the file it
/// names is replaced, the link kept (a link onto an input is refused); a
/// path that is no regular file — `/dev/stdout`, a pipe — is written into,
/// never replaced by a file (trial 7: a cron job's `/dev/stdout` link was
/// replaced and stdout stayed empty).
#[test]
fn out_file_through_a_link_or_into_a_pipe() {
    let rules = rules_with_ledgers();
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", CUSTOMERS)]);
    let root = dir.path();
    std::os::unix::fs::symlink("/proc/self/fd/1", root.join("stdout-link")).unwrap();
    let a = leadctl().current_dir(root).args(["attribute", "--quiet", "--format", "json", "--out", "stdout-link"]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&a)).expect("the report on standard output");
    assert!(json["deals"].is_array(), "{json}");
    assert!(std::fs::symlink_metadata(root.join("stdout-link")).unwrap().file_type().is_symlink());

    std::fs::write(root.join("target.json"), "old").unwrap();
    std::os::unix::fs::symlink("target.json", root.join("link.json")).unwrap();
    leadctl().current_dir(root).args(["attribute", "--quiet", "--format", "json", "--out", "link.json"]).assert().success();
    assert!(std::fs::symlink_metadata(root.join("link.json")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(root.join("target.json")).unwrap().starts_with('{'));

    std::os::unix::fs::symlink("loop-b.json", root.join("loop-a.json")).unwrap();
    std::os::unix::fs::symlink("loop-a.json", root.join("loop-b.json")).unwrap();
    let a = leadctl().current_dir(root).args(["--lang", "zh", "attribute", "--format", "json", "--out", "loop-a.json"]).assert().code(2);
    assert!(stderr(&a).ends_with("链接绕成了圈（指向的链接又指回来）；把链接改成指向真正的文件\n"), "{}", stderr(&a));

    std::os::unix::fs::symlink("claims.csv", root.join("onto-input.json")).unwrap();
    let a = leadctl().current_dir(root).args(["--lang", "en", "attribute", "--format", "json", "--out", "onto-input.json"]).assert().code(2);
    assert!(stderr(&a).contains("onto-input.json"), "{}", stderr(&a));
    assert_eq!(std::fs::read_to_string(root.join("claims.csv")).unwrap(), CLAIMS);
}
