//! The same bytes whichever way the work is split: reading and writing on
//! one thread or two, on a generated ledger with every kind of row.

use super::{RULES, leadctl};

/// A few thousand claim-ledger rows and deals, from a fixed xorshift seed.
fn generated() -> (String, String) {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let reps = ["张伟", "刘洋", "赵六"];
    let events = ["claim", "follow_up", "visit", "跟进"];
    let mut claims = String::from("date,rep,event,customer,phone,address,region\n");
    for _ in 0..4000 {
        let (day, hour) = (1 + next(28), next(24));
        let time = if next(3) == 0 { format!(" {hour:02}:{:02}", next(60)) } else { String::new() };
        let rep = reps[next(3) as usize];
        let event = events[next(4) as usize];
        let customer = next(600);
        let region = ["east", "west", ""][next(3) as usize];
        claims.push_str(&format!("2026-03-{day:02}{time},{rep},{event},客户{customer},13{customer:09},地址{customer},{region}\n"));
    }
    let mut deals = String::from("deal_id,date,phone,amount,closed_by\n");
    for i in 0..500 {
        let customer = next(600);
        deals.push_str(&format!("D{i},2026-03-{:02},13{customer:09},{}.{:02},{}\n", 1 + next(28), 100 + next(90000), next(100), reps[next(3) as usize]));
    }
    (claims, deals)
}

#[test]
fn one_thread_or_two_give_the_same_bytes() {
    let (claims, deals) = generated();
    let dir = super::folder(&[("rules.toml", RULES), ("claims.csv", &claims), ("customers.csv", &deals)]);
    let run = |threads: &str, out: &str| {
        leadctl()
            .current_dir(dir.path())
            .args(["attribute", "--rules", "rules.toml", "--claims", "claims.csv", "--customers", "customers.csv"])
            .args(["--threads", threads, "--out", out])
            .assert()
            .success();
    };
    run("1", "one");
    run("2", "two");
    for name in ["deals.csv", "claims.csv", "commissions.csv"] {
        let one = std::fs::read(dir.path().join("one").join(name)).unwrap();
        let two = std::fs::read(dir.path().join("two").join(name)).unwrap();
        assert!(one == two, "{name} differs between --threads 1 and 2");
        assert!(one.iter().filter(|b| **b == b'\n').count() > 2, "{name} has rows");
    }
    let check = |threads: &str| {
        let a = leadctl().current_dir(dir.path()).args(["check", "--rules", "rules.toml", "--as-of", "2026-03-31", "--threads", threads, "claims.csv", "customers.csv"]).assert();
        a.get_output().stdout.clone()
    };
    assert_eq!(check("1"), check("2"));
}
