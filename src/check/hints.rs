//! "Did you mean …?": the closest roster name to a name that is not in it.
//!
//! Pure: compares strings.

/// The roster name closest to `name`, when it is close enough to be a typo:
/// at most one edit in three characters (one for short Chinese names).
pub fn did_you_mean<'a>(name: &str, roster: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > 64 {
        return None;
    }
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    roster
        .map(|r| (strsim::levenshtein(&lower, &r.to_lowercase()), r))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, r)| (*d, *r))
        .map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn typos_of_roster_names() {
        let roster = ["张伟", "李娜", "Li Lei"];
        assert_eq!(did_you_mean("张玮", roster.into_iter()), Some("张伟"));
        assert_eq!(did_you_mean("li lei", roster.into_iter()), Some("Li Lei"));
        assert_eq!(did_you_mean("Li Le", roster.into_iter()), Some("Li Lei"));
        assert_eq!(did_you_mean("赵六", roster.into_iter()), None);
    }
}
