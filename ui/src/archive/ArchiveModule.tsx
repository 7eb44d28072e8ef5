import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Customer, CustomerId, Language } from "../bindings";
import { ArchiveList, type ArchiveSearch } from "./ArchiveList";
import { CustomerForm, type CustomerFormMode } from "./CustomerForm";
import { CustomerPage } from "./CustomerPage";
import { wrote } from "../live";
import { customerQueryOf } from "./queries";
import type { Request } from "../shell/navigation";

type View = { kind: "list" } | { kind: "customer"; id: CustomerId };

/** The customer page another screen asked for, if it asked for one. */
function requestedView(request: Request | null | undefined): View | null {
  return request?.module === "archive" && request.customerId !== undefined
    ? { kind: "customer", id: request.customerId }
    : null;
}

/**
 * The customer archive (客户档案): the list, a customer's page, and the
 * customer drawer over both. The search is kept here so "back" returns to it.
 */
export function ArchiveModule({ lang, request }: { lang: Language; request?: Request | null }) {
  const client = useQueryClient();
  const [view, setView] = useState<View>(() => requestedView(request) ?? { kind: "list" });
  // Another screen sent the user to a customer's page: followed while rendering,
  // as the request changes (each carries a new serial).
  const [followed, setFollowed] = useState(request);
  if (request !== followed) {
    setFollowed(request);
    const asked = requestedView(request);
    if (asked) setView(asked);
  }
  const [search, setSearch] = useState<ArchiveSearch>({ text: "", leadsOnly: false, includeArchived: false });
  const [form, setForm] = useState<CustomerFormMode | null>(null);

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
          lang={lang}
        />
      ) : (
        <CustomerPage
          customerId={view.id}
          lang={lang}
          onBack={() => setView({ kind: "list" })}
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
          // The list, the counts and the history show the new or changed customer.
          wrote(client, customerQueryOf(detail.customer.id).queryKey, detail, "customer", "vehicle");
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
