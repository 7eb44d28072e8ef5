//! Generates `ui/src/bindings.ts`: every type the commands take or return, and
//! a typed function per command. Never edit that file by hand: run
//! `cargo xtask bindings`; the test run fails when it is stale.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TS, TypeVisitor};

/// Where the generated file lives, relative to the workspace root.
pub const PATH: &str = "ui/src/bindings.ts";

pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Collects the declaration of every named type reachable from the commands.
struct Declarations<'a> {
    cfg: &'a Config,
    decls: BTreeMap<String, String>,
    /// Every type seen, declared or not: recursive types (JSON values) end here.
    seen: HashSet<TypeId>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let docs = T::docs().unwrap_or_default();
            self.decls.insert(T::ident(self.cfg), format!("{docs}export {}", T::decl(self.cfg)));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The string literals of a declaration `export type X = "a" | "b";`, if it is one.
fn enum_values(decl: &str) -> Option<Vec<&str>> {
    let start = decl.find("export type ")?;
    let (_, body) = decl[start..].split_once(" = ")?;
    let values: Vec<&str> = body.trim().strip_suffix(';')?.split(" | ").map(str::trim).collect();
    let quoted =
        |v: &&str| v.len() >= 2 && v.starts_with('"') && v.ends_with('"') && !v[1..v.len() - 1].contains('"');
    values.iter().all(quoted).then_some(values)
}

/// `ComplaintState` → `ALL_COMPLAINT_STATE`.
fn all_name(type_name: &str) -> String {
    let mut out = String::from("ALL");
    for (i, c) in type_name.chars().enumerate() {
        if c.is_uppercase() || i == 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// The whole of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    let cfg = config();
    let mut declarations = Declarations { cfg: &cfg, decls: BTreeMap::new(), seen: HashSet::new() };
    crate::commands::visit_types(&mut declarations);
    declarations.visit::<crate::error::CommandError>();
    // The payload of the `changes` event (crate::changes).
    declarations.visit::<caredesk_domain::changes::ChangeBatch>();
    // The payload of the `import-progress` event (commands::import).
    declarations.visit::<crate::commands::import::ImportProgress>();

    let mut out = String::from(
        "// Generated from the Rust commands by `cargo xtask bindings`. Do not edit.\n\
         /* eslint-disable */\n\n\
         import { invoke } from \"@tauri-apps/api/core\";\n\n",
    );
    for decl in declarations.decls.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    // Every value of each enum of names, for the screens' choices and filters:
    // the lists come from Rust, never typed again in the UI.
    for (name, decl) in &declarations.decls {
        if let Some(values) = enum_values(decl) {
            out.push_str(&format!(
                "/** Every `{name}`, in Rust's order. */\nexport const {}: readonly {name}[] = [{}];\n\n",
                all_name(name),
                values.join(", ")
            ));
        }
    }
    out.push_str(
        "/** True when a rejected command promise carries a CareDesk error. */\n\
         export function isCommandError(e: unknown): e is CommandError {\n\
         \x20 return typeof e === \"object\" && e !== null && \"kind\" in e && \"message\" in e && \"issues\" in e;\n\
         }\n\n\
         /** Every command; each rejects with a `CommandError`. */\n\
         export const commands = {\n",
    );
    for signature in crate::commands::signatures(&cfg) {
        let params: Vec<String> =
            signature.args.iter().map(|(name, ty)| format!("{}: {ty}", camel_case(name))).collect();
        let payload: Vec<String> = signature.args.iter().map(|(name, _)| camel_case(name)).collect();
        let returns = if signature.returns == "null" { "void".to_owned() } else { signature.returns };
        let call = if payload.is_empty() {
            format!("invoke(\"{}\")", signature.name)
        } else {
            format!("invoke(\"{}\", {{ {} }})", signature.name, payload.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}): Promise<{returns}> => {call},\n",
            camel_case(signature.name),
            params.join(", ")
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Fails when the committed bindings differ from what the commands give;
    /// `CAREDESK_UPDATE_BINDINGS=1` (what `cargo xtask bindings` sets) rewrites them.
    #[test]
    fn bindings_are_up_to_date() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(super::PATH);
        let fresh = super::typescript();
        if std::env::var_os("CAREDESK_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `cargo xtask bindings` and commit the result",
            super::PATH
        );
    }

    #[test]
    fn enums_of_names_give_their_values() {
        assert_eq!(
            super::enum_values("/** Docs. */\nexport type CampaignStatus = \"draft\" | \"planned\";"),
            Some(vec!["\"draft\"", "\"planned\""])
        );
        assert_eq!(super::enum_values("export type Fen = number;"), None);
        assert_eq!(super::enum_values("export type Due = { kind: \"a\" } | \"b\";"), None);
        assert_eq!(super::all_name("ComplaintState"), "ALL_COMPLAINT_STATE");
        assert_eq!(super::all_name("Rsvp"), "ALL_RSVP");
    }

    #[test]
    fn command_names_become_camel_case() {
        assert_eq!(super::camel_case("search_customers"), "searchCustomers");
        assert_eq!(super::camel_case("customer_id"), "customerId");
    }
}
