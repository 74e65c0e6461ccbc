//! SPEC §13 refunds through the binary: status words, partial refund rows,
//! net amounts, and every refusal with its exact message.

use super::{CLAIMS, RULES, attribute, folder};

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

const HEAD: &str = "deal_id,date,phone,amount,closed_by,status,refund_date,refund_of\n";

/// `attribute` on `customers` rows (after HEAD), with `extra` flags, expecting exit 2.
fn refused(customers: &str, extra: &[&str]) -> String {
    let customers = format!("{HEAD}{customers}");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let a = attribute(dir.path(), extra).code(2);
    assert!(a.get_output().stdout.is_empty());
    stderr_of(&a)
}

const STOP1: &str = "error: the ledgers have 1 error; nothing was decided (fix it; `leadctl check` lists every problem)\n";

#[test]
fn an_unknown_status_word_stops_attribute_with_the_line_to_add() {
    // No [deals] in rules.toml: a list given replaces the built-in one, so the line repeats it.
    let err = refused("D1,2026-03-05,13800000001,12800,刘洋,Void,,\n", &[]);
    assert_eq!(
        err,
        format!(
            "customers.csv:2:6: error[bad_status]: `status` `Void` is neither a refunded nor a normal status, and money is never guessed: \
             if it means refunded, put this line under [deals] in rules.toml (the built-in words and \"void\"): \
             refunded_status = [\"退单\", \"已退单\", \"退款\", \"已退款\", \"退定\", \"已退定\", \"退货\", \"已退货\", \"取消\", \"已取消\", \"作废\", \"refunded\", \"cancelled\", \"void\"]; \
             if it is a normal deal, put this line under [deals] in rules.toml (the built-in words and \"void\"): \
             normal_status = [\"成交\", \"已成交\", \"下定\", \"已下定\", \"签约\", \"已签约\", \"付款\", \"已付款\", \"已收款\", \"正常\", \"完成\", \"已完成\", \"待交付\", \"已发货\", \"交付\", \"已交付\", \"待安装\", \"安装中\", \"已安装\", \"done\", \"closed\", \"paid\", \"void\"]\n{STOP1}"
        )
    );
}

/// With both lists in rules.toml (as `init` writes them), the hint names
/// the key and the word: a short line.
#[test]
fn an_unknown_status_word_with_lists_written_names_the_key_and_the_word() {
    let rules = format!("{RULES}\n[deals]\nrefunded_status = [\"退单\"]\nnormal_status = [\"成交\"]\n");
    let customers = format!("{HEAD}D1,2026-03-05,13800000001,12800,刘洋,退了,,\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let err = stderr_of(&attribute(dir.path(), &["--lang", "zh"]).code(2));
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        "customers.csv:2:6: error[bad_status]: 状态 `退了` 既不算退单也不算正常成交，金额不能靠猜：\
         如果是退单，在 rules.toml [deals] 的 refunded_status 里加上 \"退了\"；如果是正常成交，在 rules.toml [deals] 的 normal_status 里加上 \"退了\""
    );
}

/// A word of the list written that is in the other, built-in list: the
/// error says the list is built in and gives the line without the word.
#[test]
fn a_word_in_the_built_in_other_list_says_so_with_the_line_without_it() {
    let rules = format!("{RULES}\n[deals]\nrefunded_status = [\"退单\", \"完成\"]\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", HEAD)]);
    let err = stderr_of(&attribute(dir.path(), &["--lang", "zh"]).code(2));
    assert_eq!(
        err,
        "rules.toml:14:26: error[rules]: 键 `deals.refunded_status`：`完成` 也在内置的 normal_status 里（rules.toml 没写 normal_status，就用内置的词）；\
         一个状态词只能有一个意思：要么从这里删掉 `完成`，要么在 [deals] 下写上不带它的 normal_status = \
         [\"成交\", \"已成交\", \"下定\", \"已下定\", \"签约\", \"已签约\", \"付款\", \"已付款\", \"已收款\", \"正常\", \"已完成\", \"待交付\", \"已发货\", \"交付\", \"已交付\", \"待安装\", \"安装中\", \"已安装\", \"done\", \"closed\", \"paid\"]\n"
    );
}

#[test]
fn the_line_it_gives_works_and_a_given_list_replaces_the_default() {
    let rules = format!("{RULES}\n[deals]\nrefunded_status = [\"void\"]\n");
    let customers = format!("{HEAD}D1,2026-03-05,13800000001,12800,刘洋,VOID,,\nD2,2026-03-05,13800000002,100,刘洋,已成交,,\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let a = attribute(dir.path(), &["--format", "csv", "--out", "-"]).success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains(",12800.00,12800.00,0.00,"), "{out}");
    // 退单 is no longer a refunded word once the list is given.
    let customers = format!("{HEAD}D1,2026-03-05,13800000001,12800,刘洋,退单,,\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let err = stderr_of(&attribute(dir.path(), &[]).code(2));
    assert!(err.starts_with("customers.csv:2:6: error[bad_status]: `status` `退单` is neither"), "{err}");
}

#[test]
fn a_word_in_both_lists_is_a_rules_error() {
    let rules = format!("{RULES}\n[deals]\nrefunded_status = [\"退款\"]\nnormal_status = [\"成交\", \"退款\"]\n");
    let dir = folder(&[("rules.toml", &rules), ("claims.csv", CLAIMS), ("customers.csv", HEAD)]);
    let err = stderr_of(&attribute(dir.path(), &[]).code(2));
    assert_eq!(
        err,
        "rules.toml:15:24: error[rules]: key `deals.normal_status`: `退款` is also in deals.refunded_status; a status word means one thing: remove one\n"
    );
}

#[test]
fn each_bad_refund_names_its_rule_whatever_as_of() {
    let rows = "D1,2026-03-05,13800000001,12800,刘洋,,,\n\
        D2,2026-03-06,13800000002,5000,刘洋,退单,2026-03-01,\n\
        ,2026-03-07,,-500,,,,\n\
        ,2026-03-07,,500,,,,D1\n\
        ,2026-03-07,,-500,,,,D9\n\
        ,2026-03-01,,-500,,,,D1\n\
        ,2026-03-08,,-12000,,,,D1\n\
        R1,2026-04-09,,-1000,,,,D1\n\
        D3,2026-03-06,13800000003,3000,刘洋,退单,,\n\
        ,2026-03-09,,-1000,,,,D3\n\
        R1,2026-04-10,,-1,,,,D1\n";
    let want = "customers.csv:3:7: error[bad_refund]: `refund_date` 2026-03-01 is before the deal's own day 2026-03-06: a deal is refunded on or after its day\n\
        customers.csv:4:4: error[bad_refund]: `amount` `-500` is negative but `refund_of` (原单号) is empty: a refund row must name the deal_id it refunds\n\
        customers.csv:5:4: error[bad_refund]: `amount` `500` is not negative on a row whose `refund_of` is `D1`: a refund row's amount is the refund, written negative; write -500\n\
        customers.csv:12:1: error[duplicate_deal_id]: deal_id `R1` repeats customers.csv:9; every deal needs its own order number\n\
        customers.csv:7:8: error[bad_refund]: `refund_of` `D1` names a deal (customers.csv:2) dated 2026-03-05, after this refund on 2026-03-01: a deal is refunded on or after its day\n\
        customers.csv:6:8: error[bad_refund]: `refund_of` `D9` names no deal_id of this customer ledger: a refund must name the deal it refunds\n\
        customers.csv:11:8: error[bad_refund]: `refund_of` `D3` names a deal (customers.csv:10) whose status already marks it refunded in full: a partial refund of it would count twice\n\
        customers.csv:9:4: error[bad_refund]: the refunds of `D1` (customers.csv:2) add up to 13000.00 with this row, more than its amount 12800.00: refunds of a deal never exceed it\n\
        error: the ledgers have 8 errors; nothing was decided (fix them; `leadctl check` lists every problem)\n";
    assert_eq!(refused(rows, &[]), want);
    // The same refusals as of a day before every refund: the checks read the whole ledger.
    assert_eq!(refused(rows, &["--as-of", "2026-03-05"]), want);
}

#[test]
fn net_amounts_and_the_reconciliation() {
    let customers = format!(
        "{HEAD}D1,2026-03-05,13800000001,12800,刘洋,已成交,,\nD2,2026-03-06,13800000002,5000,刘洋,退单,2026-04-02,\n\
         R1,2026-04-01,,-800,,,,D1\n"
    );
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let a = attribute(dir.path(), &["--out", "out"]).success();
    let deals = std::fs::read_to_string(dir.path().join("out/deals.csv")).unwrap();
    let head: Vec<String> = deals.lines().map(|l| l.splitn(8, ',').take(7).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(head, [
        "\u{feff}deal_id,date,customer,phone,amount,refunded,net_amount",
        "D1,2026-03-05,,13800000001,12800.00,800.00,12000.00",
        "D2,2026-03-06,,13800000002,5000.00,5000.00,0.00",
    ]);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("deal rows 3 = 2 attributed + 1 refund rows + 0 blank + 0 after as-of: ok"), "{out}");
    assert!(out.contains("deal amounts 17800.00 = 12000.00 credited to reps\n      + 0.00 owned by the house + 5800.00 refunded: ok"), "{out}");
    // As of 2026-04-01 the full refund of D2 (2026-04-02) has not happened yet.
    let a = attribute(dir.path(), &["--as-of", "2026-04-01", "--format", "json"]).success();
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let d2 = &doc["deals"][1];
    assert_eq!((d2["refunded"].as_str(), d2["net_amount"].as_str()), (Some("0.00"), Some("5000.00")));
    assert_eq!(doc["reconciliation"]["refunded"].as_str(), Some("800.00"));
}

/// A 合计 under partial refund rows may state the deals' sum or the sheet's
/// own `=SUM()`, which counts the refunds' negative amounts; another figure
/// is still a `totals_mismatch`.
#[test]
fn a_totals_row_may_count_the_refund_rows_as_the_sheets_sum_does() {
    let rows = "D1,2026-03-05,13800000001,10000,刘洋,,,\n\
D2,2026-03-06,13800000002,5000,刘洋,,,\n\
,2026-03-09,,-3000,,,,D1\n";
    for (stated, warned) in [("12000", false), ("15000", false), ("13000", true)] {
        let customers = format!("{HEAD}{rows}合计,,,{stated},,,,\n");
        let dir = folder(&[("rules.toml", RULES), ("customers.csv", &customers)]);
        let out = super::leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "--as-of", "2026-03-31", "customers.csv"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.contains("customers.csv:5:4: warning[totals_mismatch]"), warned, "{stated}: {text}");
        if warned {
            assert!(text.contains("add up to 15000.00, 12000.00 less the refunds;"), "{text}");
        }
        assert_eq!(out.status.code(), Some(0), "{text}");
    }
}

/// In Chinese, refund refusals name columns as the sheet does (原单号, 金额,
/// 退单日期, 状态); a positive amount is told its own figure negated, at the
/// amount's cell; a refund of a refund says so.
#[test]
fn chinese_refund_refusals_speak_the_sheets_words_and_give_the_figure() {
    let head = "单号,日期,电话,金额,成交人,状态,退单日期,原单号\n";
    let rows = "F1,2026-03-03,13800000001,50000,刘洋,,,\n\
        F2,2026-03-03,13800000002,8000,刘洋,退单,2026-03-01,\n\
        R2,2026-03-05,,-1000,,,,F1\n\
        ,2026-03-06,,-500,,,,R2\n\
        ,2026-03-06,,2500,,,,F1\n\
        ,2026-03-06,,-300,,,,\n";
    let customers = format!("{head}{rows}");
    let dir = folder(&[("rules.toml", RULES), ("claims.csv", CLAIMS), ("customers.csv", &customers)]);
    let err = stderr_of(&attribute(dir.path(), &["--lang", "zh"]).code(2));
    let want = "customers.csv:3:7: error[bad_refund]: 退单日期 2026-03-01 早于这单自己的日期 2026-03-03：退单日期不能早于成交日期\n\
        customers.csv:6:4: error[bad_refund]: 金额 `2500` 不是负数，但这一行写了原单号 `F1`：退单行的金额就是退款额，要写成负数；请改成 -2500\n\
        customers.csv:7:4: error[bad_refund]: 金额 `-300` 是负数，但原单号是空的：退单行必须写明退的是哪个单号\n\
        customers.csv:5:8: error[bad_refund]: 原单号 `R2` 是退单行（customers.csv:4）自己的单号，不是一笔成交：退单不能退另一笔退单，原单号要写原来那笔成交的单号\n";
    assert!(err.starts_with(want), "{err}");
    let err = stderr_of(&attribute(dir.path(), &["--lang", "en"]).code(2));
    assert!(err.contains("customers.csv:6:4: error[bad_refund]: `amount` `2500` is not negative on a row whose `refund_of` is `F1`: a refund row's amount is the refund, written negative; write -2500\n"), "{err}");
    assert!(err.contains("customers.csv:5:8: error[bad_refund]: `refund_of` `R2` is the own deal_id of a refund row (customers.csv:4), not a deal: a refund names the original deal's deal_id\n"), "{err}");
}
