import { useEffect, useState } from "react";
import { useSession } from "../auth/session";
import type { Customer, CustomerId, Language } from "../bindings";
import { ArchiveList, type ArchiveSearch } from "./ArchiveList";
import { CustomerForm, type CustomerFormMode } from "./CustomerForm";
import { CustomerPage } from "./CustomerPage";
import type { Request } from "../shell/navigation";

type View = { kind: "list" } | { kind: "customer"; id: CustomerId };

/**
 * The customer archive (客户档案): the list, a customer's page, and the
 * customer drawer over both. The search is kept here so "back" returns to it.
 */
export function ArchiveModule({ lang, request }: { lang: Language; request?: Request | null }) {
  const [view, setView] = useState<View>({ kind: "list" });
  // Another screen sent the user to a customer's page.
  useEffect(() => {
    if (request?.module === "archive" && request.customerId !== undefined) {
      setView({ kind: "customer", id: request.customerId });
    }
  }, [request]);
  const [search, setSearch] = useState<ArchiveSearch>({ text: "", leadsOnly: false, includeArchived: false });
  const [form, setForm] = useState<CustomerFormMode | null>(null);
  const [saves, setSaves] = useState(0);
  // What was refused while the screen was locked is read again after unlocking.
  const reloadKey = saves + useSession().resumed;

  const openCustomer = (id: CustomerId) => setView({ kind: "customer", id });
  const edit = (customer: Customer) => setForm({ kind: "edit", customer });

  return (
    <>
      {view.kind === "list" ? (
        <ArchiveList
          search={search}
          onSearchChange={setSearch}
          onOpenCustomer={openCustomer}
          onNewCustomer={() => setForm({ kind: "new" })}
          reloadKey={reloadKey}
          lang={lang}
        />
      ) : (
        <CustomerPage
          customerId={view.id}
          reloadKey={reloadKey}
          lang={lang}
          onBack={() => {
            setSaves((n) => n + 1);
            setView({ kind: "list" });
          }}
          onEdit={edit}
          onOpenCustomer={openCustomer}
        />
      )}
      <CustomerForm
        mode={form}
        lang={lang}
        onClose={() => setForm(null)}
        onSaved={(detail) => {
          setForm(null);
          setSaves((n) => n + 1);
          openCustomer(detail.customer.id);
        }}
        onOpenCustomer={(id) => {
          setForm(null);
          openCustomer(id);
        }}
      />
    </>
  );
}
