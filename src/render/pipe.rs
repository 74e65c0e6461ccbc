//! Bytes rendered on one thread and written on another.
//!
//! Writing a report file is two jobs: putting the cells together, and
//! hashing and writing the bytes. When the two run on two threads the
//! larger file no longer holds one core while the smaller ones leave the
//! other idle.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

/// Bytes handed over at a time.
const CHUNK: usize = 1 << 20;

/// Chunks rendered ahead of the writer at most (memory stays bounded).
const AHEAD: usize = 4;

/// Runs `render` here, writing what it writes into `sink` on a second
/// thread, in order; gives `sink` back when all is written. The first error
/// of either side is returned (the writer's, when it stopped the renderer).
pub fn through_thread<W: Write + Send>(mut sink: W, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<W> {
    let (send, chunks) = sync_channel::<Vec<u8>>(AHEAD);
    let (spent, recycled) = channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> io::Result<W> {
            for mut chunk in chunks {
                sink.write_all(&chunk)?;
                chunk.clear();
                // The renderer may have stopped listening: the chunk is dropped.
                let _ = spent.send(chunk);
            }
            sink.flush()?;
            Ok(sink)
        });
        let mut pipe = Pipe { chunk: Vec::with_capacity(CHUNK), send, recycled };
        let rendered = render(&mut pipe).and_then(|()| pipe.hand_over());
        // Closing the pipe ends the writer's loop.
        drop(pipe);
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (rendered, written) {
            (Ok(()), Ok(sink)) => Ok(sink),
            (_, Err(e)) | (Err(e), Ok(_)) => Err(e),
        }
    })
}

struct Pipe {
    chunk: Vec<u8>,
    send: SyncSender<Vec<u8>>,
    /// Chunks the writer is done with, to fill again.
    recycled: Receiver<Vec<u8>>,
}

impl Pipe {
    fn hand_over(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let next = self.recycled.try_recv().unwrap_or_else(|_| Vec::with_capacity(CHUNK));
        let full = std::mem::replace(&mut self.chunk, next);
        // The writer stopped on an error, which it returns.
        self.send.send(full).map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunk.extend_from_slice(buf);
        if self.chunk.len() >= CHUNK {
            self.hand_over()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_arrives_in_order() {
        let text: Vec<u8> = (0..3 * CHUNK + 12_345).map(|i| (i * 7 % 251) as u8).collect();
        let out = through_thread(Vec::new(), |w| {
            for piece in text.chunks(1000) {
                w.write_all(piece)?;
            }
            Ok(())
        })
        .unwrap();
        assert!(out == text);
    }

    /// Fails every write after `room` bytes.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_writers_error_is_the_one_returned_and_the_renderer_stops() {
        let mut written = 0;
        let e = through_thread(Full { room: 2 * CHUNK }, |w| {
            for _ in 0..100 * CHUNK / 4096 {
                w.write_all(&[b'x'; 4096])?;
                written += 4096;
            }
            Ok(())
        })
        .map(|_| ())
        .unwrap_err();
        assert_eq!(e.to_string(), "disk full");
        assert!(written < 100 * CHUNK, "the renderer went on after the writer stopped");
    }

    #[test]
    fn the_renderers_error_is_returned() {
        let e = through_thread(Vec::new(), |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("bad cell"))
        })
        .map(|_| ())
        .unwrap_err();
        assert_eq!(e.to_string(), "bad cell");
    }
}
