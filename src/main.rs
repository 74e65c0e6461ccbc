//! The leadctl binary: parse the command line, run, exit 0, 1 or 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    keep_freed_memory_returned();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = leadctl::load::lang::choose(&args);
    let cli = match leadctl::cli::parse(args.clone(), lang) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(leadctl::cli::report(e, lang, &args)),
    };
    // Standard error stays unlocked: the progress bar draws on it from its
    // own thread, and a lock held here for the whole run would deadlock it.
    let exit = leadctl::run(cli, lang, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(exit as u8)
}

/// glibc raises its mmap threshold each time a large block is freed (up to
/// 32 MiB) and its trim threshold with it, so after reading, the working
/// lists of deciding (sort keys, maps of tens of MB) come from the heap and
/// stay there when freed: 198 MB peak at 1M rows instead of 154 MB. Fixed
/// thresholds (glibc's own starting ones) keep large blocks mapped and give
/// freed ones back (issue 17).
fn keep_freed_memory_returned() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any
    // thread is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 20);
    }
}
