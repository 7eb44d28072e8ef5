//! What one desk commits, every screen sees: the store announces each commit's
//! changes (the file's own connection in-process, the server's through its
//! listener), and this forwards them to the window as the `changes` event,
//! gathered for a moment so that a flood of writes — an import, a campaign's
//! 5,000 invitations — makes each screen reread once, not thousands of times.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use caredesk_domain::changes::ChangeBatch;
use caredesk_store::Announce;
use tauri::Emitter;

/// The event the screens listen to (`ui/src/live.ts`).
pub const EVENT: &str = "changes";

/// How long changes are gathered before the screens hear of them: at most this
/// many rereads a second per screen, and well within the second they may take.
pub const GATHER: Duration = Duration::from_millis(200);

/// Starts the forwarding thread; every source of changes sends to the returned `Announce`.
pub fn forward(app: tauri::AppHandle) -> Announce {
    let (to, from) = mpsc::channel::<ChangeBatch>();
    let spawned = std::thread::Builder::new().name("caredesk-changes".into()).spawn(move || {
        for batch in gathered(&from) {
            if let Err(error) = app.emit(EVENT, &batch) {
                log::warn!("the screens could not be told of a change: {error}");
            }
        }
    });
    if let Err(error) = spawned {
        log::error!("changes will not reach the screens: {error}");
    }
    Announce::new(move |batch| {
        let _ = to.send(batch);
    })
}

/// The batches `from` delivers, each merged with what follows it within [`GATHER`];
/// ends when every sender is gone.
pub fn gathered(from: &mpsc::Receiver<ChangeBatch>) -> impl Iterator<Item = ChangeBatch> + '_ {
    std::iter::from_fn(move || {
        let mut batch = from.recv().ok()?;
        let until = Instant::now() + GATHER;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match from.recv_timeout(left) {
                Ok(more) => batch.merge(more),
                Err(_) => return Some(batch),
            }
            if left.is_zero() {
                return Some(batch);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use caredesk_domain::changes::{Change, ChangeKind};

    #[test]
    fn a_flood_reaches_the_screens_as_one_batch() {
        let (to, from) = mpsc::channel();
        for id in 0..5_000 {
            let change = Change { kind: ChangeKind::Campaign, id: Some(id % 3) };
            to.send(ChangeBatch { changes: vec![change], everything: false }).unwrap();
        }
        drop(to);
        let batches: Vec<ChangeBatch> = gathered(&from).collect();
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].changes.len(), 3);
    }
}
