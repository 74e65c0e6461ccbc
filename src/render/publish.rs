//! Putting results on disk so that a reader sees one whole run or the one
//! before it, never a mix (SPEC §16).
//!
//! `--out DIR` writes the set into a fresh folder beside DIR named after it
//! and the run (`DIR.leadctl-run-PID-N`), then points DIR at it with one
//! `rename` of a symbolic link; the previous run's folder is removed after.
//! A run holds the lock `DIR.lock` from before it reads any input to the
//! end. A single `--out FILE` is written beside the file and renamed over it.
//!
//! Temporary files and folders are listed in one registry: a SIGINT, SIGTERM
//! or SIGHUP removes them before the process dies of the signal; a run that
//! was killed outright (SIGKILL, power loss) leaves them for the next run to
//! remove (`.leadctl-PID-N.tmp` whose process is gone, and run folders that
//! DIR does not point to).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::messages::SetWarning;
use crate::messages::errors::{Fatal, IoWhy};

/// The files a set holds, besides `manifest.json`.
pub const SET_FILES: [&str; 3] = ["deals.csv", "claims.csv", "commissions.csv"];
pub const MANIFEST: &str = "manifest.json";

// ---------------------------------------------------------------------------
// Temporary paths and signals

/// Temporary paths of this process not yet renamed into place.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static NEXT: AtomicU32 = AtomicU32::new(1);

fn temps() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Catches SIGINT, SIGTERM and SIGHUP once per process: the temporary paths
/// are removed, then the process dies of the signal as it would have.
fn catch_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: a rename that publishes a path cannot
                // happen while its temporary is being removed.
                let mut held = temps();
                for path in held.drain(..) {
                    remove_any(&path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// A name for a temporary path of this process: `.leadctl-PID-N.tmp`.
fn temp_name() -> String {
    format!(".leadctl-{}-{}.tmp", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Registers a temporary path, so that a signal removes it.
fn register(path: &Path) {
    catch_signals();
    temps().push(path.to_path_buf());
}

/// Forgets a temporary path that was removed or published.
fn forget(path: &Path) {
    temps().retain(|p| p != path);
}

/// Renames `from` to `to` and forgets `from` as one step for the signal
/// handler.
fn rename_temp(from: &Path, to: &Path) -> io::Result<()> {
    let mut held = temps();
    fs::rename(from, to)?;
    held.retain(|p| p != from);
    Ok(())
}

fn remove_any(path: &Path) {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _ = fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// True when a process with this id exists.
fn alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes `.leadctl-PID-N.tmp` entries in `dir` whose process is gone.
fn remove_stale_temps(dir: &Path, inputs: &Inputs) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else { continue };
        if pid != std::process::id() as i32 && !alive(pid) && !inputs.holds_any_under(&entry.path()) {
            remove_any(&entry.path());
        }
    }
}

/// The process id in `.leadctl-PID-N.tmp`.
fn temp_pid(name: &str) -> Option<i32> {
    let rest = name.strip_prefix(".leadctl-")?.strip_suffix(".tmp")?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u32>().ok()?;
    pid.parse().ok().filter(|&p| p > 0)
}

// ---------------------------------------------------------------------------
// Inputs are sacred

/// Device and inode of every input, standard input's file included.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    ids: Vec<(u64, u64)>,
}

impl Inputs {
    /// The inputs of a run: these paths, and standard input when `stdin`.
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a Path>, stdin: bool) -> Inputs {
        let mut ids: Vec<(u64, u64)> = paths.into_iter().filter_map(|p| fs::metadata(p).ok()).map(|m| (m.dev(), m.ino())).collect();
        if stdin && let Some(m) = fd_metadata(io::stdin()) {
            ids.push((m.dev(), m.ino()));
        }
        Inputs { ids }
    }

    fn is(&self, m: &fs::Metadata) -> bool {
        m.is_file() && self.ids.contains(&(m.dev(), m.ino()))
    }

    /// True when `path`, or the file a link at it names, is an input: a
    /// single output file is written through a link.
    pub fn holds(&self, path: &Path) -> bool {
        fs::metadata(path).is_ok_and(|m| self.is(&m))
    }

    /// True when `path`, or any file under it, is an input.
    fn holds_any_under(&self, path: &Path) -> bool {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => fs::read_dir(path)
                .map(|entries| entries.flatten().any(|e| self.holds_any_under(&e.path())))
                .unwrap_or(false),
            Ok(m) => self.is(&m),
            Err(_) => false,
        }
    }

    /// Refuses to go on when standard output is one of the inputs
    /// (`leadctl attribute >> claims.csv`).
    pub fn refuse_stdout(&self) -> anyhow::Result<()> {
        if fd_metadata(io::stdout()).is_some_and(|m| self.is(&m)) {
            return Err(Fatal::StdoutIsInput.into());
        }
        Ok(())
    }
}

fn fd_metadata(fd: impl std::os::fd::AsFd) -> Option<fs::Metadata> {
    let owned = fd.as_fd().try_clone_to_owned().ok()?;
    File::from(owned).metadata().ok()
}

// ---------------------------------------------------------------------------
// One run at a time

/// The lock `DIR.lock`, held until dropped. The file stays.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

/// `out/2026-03` → (`out`, `2026-03`): DIR as its parent and its name.
pub fn split_dir(dir: &Path) -> anyhow::Result<(PathBuf, OsString)> {
    let name = dir.file_name().ok_or_else(|| Fatal::OutNeedsName { dir: dir.to_path_buf() })?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Ok((parent.to_path_buf(), name.to_os_string()))
}

/// Takes `DIR.lock`, waiting at most `wait`; the holder's process id is
/// written into the file.
pub fn lock(dir: &Path, wait: Duration) -> anyhow::Result<DirLock> {
    let (parent, name) = split_dir(dir)?;
    fs::create_dir_all(&parent).map_err(|source| Fatal::CreateFolder { dir: parent.clone(), source })?;
    let mut lock_name = name;
    lock_name.push(".lock");
    let path = parent.join(lock_name);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| Fatal::OpenLock { lock: path.clone(), source })?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                // The holder writes its id just after taking the lock.
                let mut holder = String::new();
                for _ in 0..20 {
                    holder = fs::read_to_string(&path).unwrap_or_default();
                    if !holder.trim().is_empty() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                return Err(Fatal::Locked { dir: dir.to_path_buf(), lock: path, holder: holder.trim().to_string(), waited: wait.as_secs() }.into());
            }
            Err(fs::TryLockError::Error(source)) => return Err(Fatal::OpenLock { lock: path, source }.into()),
        }
    }
    file.set_len(0)?;
    writeln!(file, "{}", std::process::id())?;
    Ok(DirLock { _file: file })
}

// ---------------------------------------------------------------------------
// A set of files in a folder

/// What DIR is before a run replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    Nothing,
    /// A link to a run folder of an earlier run (its name).
    Run(OsString),
    /// A plain folder holding only files leadctl writes: taken over.
    Plain,
}

/// A run folder of DIR: `NAME.leadctl-run-…`.
fn is_run_folder(dir_name: &OsString, entry: &OsString) -> bool {
    let mut prefix = dir_name.clone();
    prefix.push(".leadctl-run-");
    entry.as_encoded_bytes().starts_with(prefix.as_encoded_bytes())
}

/// Looks at DIR and refuses what leadctl must not replace: a file, a link
/// it did not make, a folder holding anything it does not write, or a
/// folder holding an input.
pub fn inspect(dir: &Path, inputs: &Inputs) -> anyhow::Result<Existing> {
    let (parent, name) = split_dir(dir)?;
    let path = parent.join(&name);
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(source) => return Err(Fatal::OutUnreadable { dir: dir.to_path_buf(), source }.into()),
    };
    let existing = if meta.file_type().is_symlink() {
        let target = fs::read_link(&path)?;
        let target_name = target.as_os_str().to_os_string();
        // Ours even when its folder is gone (removed by hand): it is replaced.
        let ours = target.components().count() == 1 && is_run_folder(&name, &target_name);
        if !ours {
            return Err(Fatal::OutForeignLink { dir: dir.to_path_buf(), target }.into());
        }
        Existing::Run(target_name)
    } else if meta.is_dir() {
        for entry in fs::read_dir(&path)? {
            let entry = entry?;
            let entry_name = entry.file_name();
            let known = entry_name.to_str().is_some_and(|n| {
                SET_FILES.contains(&n) || n == MANIFEST || (n.starts_with(".leadctl-") && n.ends_with(".tmp"))
            });
            if !known || !entry.file_type()?.is_file() {
                return Err(Fatal::OutNotOurs { dir: dir.to_path_buf(), entry: entry_name.to_string_lossy().into_owned() }.into());
            }
        }
        Existing::Plain
    } else {
        return Err(Fatal::OutIsFile { path: dir.to_path_buf() }.into());
    };
    if inputs.holds_any_under(&path) {
        return Err(Fatal::OutHoldsInput { dir: dir.to_path_buf() }.into());
    }
    Ok(existing)
}

/// Removes run folders of DIR that DIR does not point to (runs that were
/// killed) and temporary paths whose process is gone. Run only while
/// holding the lock.
pub fn remove_leftovers(dir: &Path, existing: &Existing, inputs: &Inputs) {
    let Ok((parent, name)) = split_dir(dir) else { return };
    remove_stale_temps(&parent, inputs);
    let Ok(entries) = fs::read_dir(&parent) else { return };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let current = matches!(existing, Existing::Run(target) if *target == entry_name);
        if !current && is_run_folder(&name, &entry_name) && !inputs.holds_any_under(&entry.path()) {
            remove_any(&entry.path());
        }
    }
}

/// One file of a set, as the manifest lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A set being written into its run folder; removed if dropped unpublished.
#[derive(Debug)]
pub struct Set {
    dir: PathBuf,
    parent: PathBuf,
    name: OsString,
    run: OsString,
    existing: Existing,
    entries: Mutex<Vec<Entry>>,
    published: bool,
}

impl Set {
    /// Creates the run folder beside DIR.
    pub fn begin(dir: &Path, existing: Existing) -> io::Result<Set> {
        let (parent, name) = split_dir(dir).map_err(io::Error::other)?;
        loop {
            let mut run = name.clone();
            run.push(format!(".leadctl-run-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
            let path = parent.join(&run);
            register(&path);
            match fs::create_dir(&path) {
                Ok(()) => {
                    return Ok(Set { dir: dir.to_path_buf(), parent, name, run, existing, entries: Mutex::new(Vec::new()), published: false });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => forget(&path),
                Err(e) => {
                    forget(&path);
                    return Err(e);
                }
            }
        }
    }

    fn run_path(&self) -> PathBuf {
        self.parent.join(&self.run)
    }

    /// Writes one file of the set (mode 0666 less the umask), noting its size
    /// and SHA-256.
    pub fn file(&self, name: &str, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        self.file_on(name, false, write)
    }

    /// [`Set::file`], hashed and written on a second thread while `write`
    /// renders (see [`super::pipe`]) when `piped`.
    pub fn file_on(&self, name: &str, piped: bool, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let path = self.run_path().join(name);
        let file = OpenOptions::new().write(true).create_new(true).open(&path)?;
        let entry = write_hashed(file, name, piped, write)?;
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).push(entry);
        Ok(())
    }

    /// Writes `manifest.json`, points DIR at the run folder with one rename,
    /// and removes the previous run's folder. A problem removing it is
    /// returned as a warning: the new set is in place.
    pub fn publish(mut self, about: &Manifest) -> io::Result<Option<SetWarning>> {
        let mut entries = std::mem::take(&mut *self.entries.lock().unwrap_or_else(|p| p.into_inner()));
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        let manifest = ManifestJson { leadctl: env!("CARGO_PKG_VERSION"), as_of: about.as_of.as_deref(), files: &entries, inputs: &about.inputs };
        self.file(MANIFEST, |w| {
            serde_json::to_writer_pretty(&mut *w, &manifest).map_err(io::Error::from)?;
            writeln!(w)
        })?;
        sync_dir(&self.run_path())?;
        let dir = self.parent.join(&self.name);
        let link = self.parent.join(temp_name());
        register(&link);
        if let Err(e) = std::os::unix::fs::symlink(&self.run, &link) {
            forget(&link);
            return Err(e);
        }
        let run = self.run_path();
        let switched = {
            // One step for the signal handler: the link replaces DIR and the
            // run folder stops being temporary together.
            let mut held = temps();
            let result = match self.existing {
                Existing::Plain => exchange(&link, &dir),
                _ => fs::rename(&link, &dir),
            };
            if result.is_ok() {
                held.retain(|p| *p != run && *p != link);
            }
            result
        };
        if let Err(e) = switched {
            forget(&link);
            let _ = fs::remove_file(&link);
            return Err(e);
        }
        self.published = true;
        // From here on the new set is in place: trouble is a warning.
        let synced = sync_dir(&self.parent).err().map(|e| SetWarning::NotSynced { folder: self.parent.clone(), why: IoWhy::of(&e) });
        // After the switch: what was DIR is now at `link` (a plain folder
        // taken over) or is the previous run folder.
        let old = match &self.existing {
            Existing::Plain => Some(link),
            Existing::Run(previous) => Some(self.parent.join(previous)),
            Existing::Nothing => None,
        };
        let removed = old.filter(|old| fs::symlink_metadata(old).is_ok()).and_then(|old| {
            let removed = if fs::symlink_metadata(&old).is_ok_and(|m| m.is_dir()) { fs::remove_dir_all(&old) } else { fs::remove_file(&old) };
            removed.err().map(|e| SetWarning::OldLeft { dir: self.dir.clone(), old, why: IoWhy::of(&e) })
        });
        Ok(removed.or(synced))
    }
}

impl Drop for Set {
    fn drop(&mut self) {
        if !self.published {
            let run = self.run_path();
            let _ = fs::remove_dir_all(&run);
            forget(&run);
        }
    }
}

/// What `manifest.json` says besides the files: the as-of day and the inputs.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub as_of: Option<String>,
    pub inputs: Vec<InputHash>,
}

/// An input of the run and its SHA-256.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputHash {
    pub role: &'static str,
    pub path: String,
    pub sha256: String,
}

impl InputHash {
    /// Hashes an input: its bytes in memory, else the file.
    pub fn of(role: &'static str, path: &str, bytes: Option<&[u8]>, file: &Path) -> io::Result<InputHash> {
        let sha256 = match bytes {
            Some(b) => hex(&Sha256::digest(b)),
            None => {
                let mut hasher = Sha256::new();
                let mut f = File::open(file)?;
                let mut buf = vec![0u8; 1 << 16];
                loop {
                    let n = io::Read::read(&mut f, &mut buf)?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buf[..n]);
                }
                hex(&hasher.finalize())
            }
        };
        Ok(InputHash { role, path: path.to_string(), sha256 })
    }
}

#[derive(serde::Serialize)]
struct ManifestJson<'a> {
    leadctl: &'static str,
    as_of: Option<&'a str>,
    files: &'a [Entry],
    inputs: &'a [InputHash],
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes into `file` through a hasher (on a second thread when `piped`),
/// then syncs it.
fn write_hashed(file: File, name: &str, piped: bool, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Entry> {
    let mut w = Hashing { inner: file, hasher: Sha256::new(), bytes: 0, flushed: 0 };
    if piped {
        w = super::pipe::through_thread(w, write)?;
    } else {
        write(&mut w)?;
    }
    w.inner.sync_all()?;
    Ok(Entry { name: name.to_string(), bytes: w.bytes, sha256: hex(&w.hasher.finalize()) })
}

struct Hashing {
    inner: File,
    hasher: Sha256,
    bytes: u64,
    /// Bytes whose writing back to disk was started (see [`Hashing::start_writeback`]).
    flushed: u64,
}

/// Every this many bytes written, the disk starts writing them back.
const WRITEBACK_EVERY: u64 = 8 << 20;

impl Hashing {
    /// Starts writing back what was written since the last call, without
    /// waiting: the `sync_all` that ends the file then has little left to
    /// wait for. Durability is the same; only when the disk works changes.
    fn start_writeback(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let (from, len) = (self.flushed, self.bytes - self.flushed);
            // SAFETY: a plain syscall on an open descriptor; its failure only
            // leaves the work to sync_all.
            unsafe {
                libc::sync_file_range(self.inner.as_raw_fd(), from as libc::off64_t, len as libc::off64_t, libc::SYNC_FILE_RANGE_WRITE);
            }
        }
        self.flushed = self.bytes;
    }
}

impl Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        if self.bytes - self.flushed >= WRITEBACK_EVERY {
            self.start_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); where
/// the file system cannot, moves `b` aside first (DIR is missing for a
/// moment, once, when a plain folder is taken over).
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let ca = std::ffi::CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
        let cb = std::ffi::CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
        // SAFETY: two valid NUL-terminated paths relative to the working directory.
        let r = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP)) {
            return Err(e);
        }
    }
    let aside = b.with_file_name(temp_name());
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

// ---------------------------------------------------------------------------
// One file

/// Writes a file by writing a temporary file beside it (mode 0666 less the
/// umask), then renaming it over: a reader never sees half a file, and a
/// failed run leaves the old one. Leftovers of killed runs beside it go.
/// A symbolic link is followed (the file it names is replaced, the link
/// kept); a path that is not a regular file — a pipe, `/dev/stdout`, a
/// device — is written into, as a shell's `>` does, never replaced.
pub fn write_file(path: &Path, inputs: &Inputs, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut w = io::BufWriter::new(OpenOptions::new().write(true).open(path)?);
        write(&mut w)?;
        return w.flush();
    }
    let path = &followed(path)?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    remove_stale_temps(dir, inputs);
    let tmp = dir.join(temp_name());
    register(&tmp);
    let written = OpenOptions::new().write(true).create_new(true).open(&tmp).and_then(|f| write_hashed(f, "", false, write));
    let result = written.and_then(|_| rename_temp(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        forget(&tmp);
    }
    result
}

/// The path a chain of symbolic links ends at (the path itself when it is
/// none); the last may not exist yet. As the kernel, at most 40 links.
fn followed(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(path);
        }
        let target = fs::read_link(&path)?;
        path = match path.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    Err(io::Error::from_raw_os_error(libc::ELOOP))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    fn write_set(dir: &Path, text: &str, fail_at: Option<usize>) -> io::Result<Option<SetWarning>> {
        let existing = inspect(dir, &Inputs::default()).map_err(io::Error::other)?;
        let set = Set::begin(dir, existing)?;
        for (i, name) in SET_FILES.iter().enumerate() {
            set.file(name, |w| {
                if fail_at == Some(i) {
                    return Err(io::Error::other("disk full"));
                }
                w.write_all(text.as_bytes())
            })?;
        }
        set.publish(&Manifest::default())
    }

    #[test]
    fn a_set_replaces_the_previous_one_whole_and_a_failed_one_replaces_nothing() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        assert_eq!(write_set(&dir, "one", None).unwrap(), None);
        assert_eq!(fs::read_to_string(dir.join("claims.csv")).unwrap(), "one");
        assert_eq!(write_set(&dir, "two", None).unwrap(), None);
        assert!(write_set(&dir, "three", Some(2)).is_err());
        for name in SET_FILES {
            assert_eq!(fs::read_to_string(dir.join(name)).unwrap(), "two");
        }
        let listed = names(root.path());
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert!(listed[0] == "out" && listed[1].starts_with("out.leadctl-run-"), "{listed:?}");
        assert_eq!(names(&dir), ["claims.csv", "commissions.csv", "deals.csv", "manifest.json"]);
        let manifest = fs::read_to_string(dir.join(MANIFEST)).unwrap();
        // sha256("two")
        assert!(manifest.contains("3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3"), "{manifest}");
    }

    #[test]
    fn a_link_to_a_run_folder_removed_by_hand_is_replaced_quietly() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        write_set(&dir, "one", None).unwrap();
        fs::remove_dir_all(fs::canonicalize(&dir).unwrap()).unwrap();
        assert_eq!(write_set(&dir, "two", None).unwrap(), None);
        assert_eq!(fs::read_to_string(dir.join("deals.csv")).unwrap(), "two");
    }

    #[test]
    fn a_plain_folder_of_ours_is_taken_over_and_anything_else_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("deals.csv"), "old").unwrap();
        fs::write(dir.join(".leadctl-x1y2z3.tmp"), "stale").unwrap();
        write_set(&dir, "new", None).unwrap();
        assert!(fs::symlink_metadata(&dir).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(dir.join("deals.csv")).unwrap(), "new");
        assert_eq!(names(root.path()).len(), 2);

        let other = root.path().join("mine");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("notes.txt"), "keep").unwrap();
        let e = inspect(&other, &Inputs::default()).unwrap_err().to_string();
        assert!(e.contains("notes.txt"), "{e}");
        let file = root.path().join("report.csv");
        fs::write(&file, "x").unwrap();
        assert!(inspect(&file, &Inputs::default()).unwrap_err().to_string().contains("is a file"));
    }

    #[test]
    fn a_folder_holding_an_input_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("claims.csv"), "ledger").unwrap();
        let inputs = Inputs::new([dir.join("claims.csv").as_path()], false);
        assert!(inspect(&dir, &inputs).unwrap_err().to_string().contains("input"));
    }

    #[test]
    fn leftovers_of_killed_runs_go_and_live_ones_stay() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        write_set(&dir, "one", None).unwrap();
        fs::create_dir(root.path().join("out.leadctl-run-999999-1")).unwrap();
        // No process has id 2^22+1 (above Linux's pid_max).
        fs::write(root.path().join(".leadctl-4194305-1.tmp"), "").unwrap();
        let live = format!(".leadctl-{}-999.tmp", std::process::id());
        fs::write(root.path().join(&live), "").unwrap();
        let existing = inspect(&dir, &Inputs::default()).unwrap();
        remove_leftovers(&dir, &existing, &Inputs::default());
        let listed = names(root.path());
        assert_eq!(listed.len(), 3, "{listed:?}");
        assert!(listed.contains(&live));
        assert_eq!(fs::read_to_string(dir.join("claims.csv")).unwrap(), "one");
    }

    #[test]
    fn files_get_the_umask_mode_and_replace_the_old_one() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("r.json");
        fs::write(&path, "old").unwrap();
        write_file(&path, &Inputs::default(), |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        // SAFETY: umask only reads and sets this process's mask.
        let mask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        };
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o666 & !mask);
        assert_eq!(names(root.path()), ["r.json"]);
    }
}
