//! `caredesk-crash-writer DB START`: commits one new customer after another to
//! the database at `DB`, numbering their mobiles from `START`, and prints each
//! customer's mobile on its own line once its commit has returned. It runs
//! until it is killed: `tests/crash.rs` kills it in the middle of the burst and
//! checks that every printed customer survived.
//!
//! Built as a binary of this crate (not a test) so the kill hits a separate
//! process, as a power cut or a crash of the app would; it uses only the
//! crate's own dependencies, so its records are built here.

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use caredesk_domain::Actor;
use caredesk_domain::archive::{CustomerInput, NewCustomer, VehicleInput};
use caredesk_domain::validate::vin_check_digit;
use caredesk_store::{Db, Now, customers};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("caredesk-crash-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let usage = "usage: caredesk-crash-writer DB START";
    let path = PathBuf::from(args.next().ok_or(usage)?);
    let start: u64 = args.next().ok_or(usage)?.to_str().ok_or(usage)?.parse()?;
    let mut db = Db::open(&path)?;
    let actor = Actor::system();
    let mut out = std::io::stdout().lock();
    for number in start.. {
        let record = customer(number)?;
        db.write(|tx| customers::create(tx, &actor, &record, Now::system()))?;
        // Only now is the customer committed: the test holds us to every line.
        writeln!(out, "{}", record.customer.mobile)?;
        out.flush()?;
    }
    Ok(())
}

/// Customer `number`: mobile 139 followed by the number in eight digits; every
/// other one brings a vehicle (not registered yet) whose VIN ends in the number.
fn customer(number: u64) -> Result<NewCustomer, Box<dyn Error>> {
    if number >= 100_000_000 {
        return Err("numbers above 99999999 do not fit a mobile".into());
    }
    let mut vehicles = Vec::new();
    if number.is_multiple_of(2) {
        // Position 9 is the check digit; its weight is 0, so a placeholder will do.
        let draft = format!("LFV2A21K0P{:07}", number % 10_000_000);
        let check = vin_check_digit(&draft).ok_or("the VIN has a character a VIN cannot have")?;
        let vin = format!("{}{check}{}", &draft[..8], &draft[9..]);
        vehicles.push(VehicleInput {
            vin,
            brand: "一汽-大众 FAW-VW".into(),
            model: "迈腾 Magotan".into(),
            model_year: Some(2024),
            mileage_km: u32::try_from(number % 200_000).ok(),
            ..VehicleInput::default()
        });
    }
    Ok(NewCustomer {
        customer: CustomerInput {
            name: format!("测试客户{number}"),
            mobile: format!("139{number:08}"),
            ..CustomerInput::default()
        },
        vehicles,
    })
}
