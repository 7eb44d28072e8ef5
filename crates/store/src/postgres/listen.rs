//! A desk's ear on the server: one connection of its own that LISTENs on
//! `caredesk_changes` (filled by the triggers of migration 8 as every desk
//! commits) and hands each batch to the desk's [`Announce`]. It reconnects by
//! itself after the server has gone — restarted, or the network lost — and
//! then announces `everything`, since what was sent meanwhile is lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ::postgres::fallible_iterator::FallibleIterator;
use caredesk_domain::changes::{Change, ChangeBatch};

use super::{Client, Config, connect};
use crate::db::Announce;

/// The channel the triggers notify on.
pub const CHANNEL: &str = "caredesk_changes";

/// How long the listener waits for a notification before it looks at its
/// connection and at whether it is to stop.
const WAKE_EVERY: Duration = Duration::from_millis(250);

/// How often a quiet connection is asked whether the server still answers
/// (a server that vanished without closing the connection says nothing).
const PROBE_EVERY: Duration = Duration::from_secs(10);

/// The first wait before connecting again, doubled up to [`RETRY_AT_MOST`].
const RETRY_FIRST: Duration = Duration::from_millis(250);
const RETRY_AT_MOST: Duration = Duration::from_secs(5);

/// The listening thread; stopped, and waited for, when dropped.
pub struct Listener {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts listening to the server `config` names, for good: a server that
/// cannot be reached now is tried again until it can.
pub fn listen(config: Config, announce: Announce) -> std::io::Result<Listener> {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("caredesk-listen".into())
        .spawn(move || run(&config, &announce, &stopped))?;
    Ok(Listener { stop, thread: Some(thread) })
}

fn run(config: &Config, announce: &Announce, stop: &AtomicBool) {
    let mut retry = RETRY_FIRST;
    // Nothing can have been missed before the first connection: the desk reads
    // what it shows after it has opened.
    let mut missed = false;
    while !stop.load(Ordering::Relaxed) {
        let client = connect(config).and_then(|mut client| {
            client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
            Ok(client)
        });
        match client {
            Ok(mut client) => {
                if missed {
                    log::info!("listening to the server's changes again");
                    announce.send(ChangeBatch { changes: Vec::new(), everything: true });
                }
                retry = RETRY_FIRST;
                hear(&mut client, announce, stop);
                missed = true;
            }
            Err(error) => {
                if !missed {
                    log::warn!("cannot listen to the server's changes yet: {error}");
                }
                missed = true;
                let until = Instant::now() + retry;
                while Instant::now() < until && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(WAKE_EVERY.min(until.saturating_duration_since(Instant::now())));
                }
                retry = (retry * 2).min(RETRY_AT_MOST);
            }
        }
    }
}

/// Hands over what the connection hears until it is lost or the desk stops.
fn hear(client: &mut Client, announce: &Announce, stop: &AtomicBool) {
    let mut probed = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let mut batch = ChangeBatch::default();
        let mut add = |notification: ::postgres::Notification| {
            if let Some(change) = Change::of_row(notification.payload(), 0) {
                batch.merge(ChangeBatch { changes: vec![change], everything: false });
            }
        };
        // Waits a moment for the first, then takes whatever else has arrived.
        let first = client.notifications().timeout_iter(WAKE_EVERY).next();
        let heard = match first {
            Ok(Some(first)) => {
                add(first);
                let mut notifications = client.notifications();
                let mut more = notifications.iter();
                loop {
                    match more.next() {
                        Ok(Some(next)) => add(next),
                        Ok(None) => break Ok(()),
                        Err(error) => break Err(error),
                    }
                }
            }
            Ok(None) => Ok(()),
            Err(error) => Err(error),
        };
        send(announce, batch);
        if let Err(error) = heard {
            log::warn!("lost the server's changes: {error}");
            return;
        }
        if client.is_closed() {
            log::warn!("lost the server's changes: the connection closed");
            return;
        }
        if probed.elapsed() >= PROBE_EVERY {
            probed = Instant::now();
            if let Err(error) = client.is_valid(super::LOST_AFTER) {
                log::warn!("lost the server's changes: {error}");
                return;
            }
        }
    }
}

fn send(announce: &Announce, batch: ChangeBatch) {
    if !batch.is_empty() {
        announce.send(batch);
    }
}
