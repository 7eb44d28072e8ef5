import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Tabs } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useChanged } from "../live";
import type { Language } from "../bindings";
import type { Request } from "../shell/navigation";
import { ComplaintList } from "./ComplaintList";
import { ComplaintPage } from "./ComplaintPage";
import { KpiTab } from "./KpiTab";
import { LimitsDrawer } from "./LimitsDrawer";
import { complaintQueryOf } from "./queries";
import { RegisterDrawer, type RegisterPrefill } from "./RegisterDrawer";
import "../appointments/appointments.css";
import "../visits/visits.css";
import "./complaints.css";

type View = { kind: "list" } | { kind: "complaint"; id: number };

function viewOf(request: Request | null): View {
  if (request?.module === "complaints" && request.complaintId !== undefined) {
    return { kind: "complaint", id: request.complaintId };
  }
  return { kind: "list" };
}

function registerOf(request: Request | null): RegisterPrefill | null {
  return request?.module === "complaints" && request.register ? { ...request.register } : null;
}

/**
 * Complaints and service recovery (投诉处理, DOMAIN.md §5): the list, a
 * complaint's page, the KPIs and the registration drawer. Other screens send
 * the user here with a `Request` (a complaint, or a registration for a customer).
 */
export function ComplaintsModule({
  lang,
  request,
  onChanged,
}: {
  lang: Language;
  request: Request | null;
  /** Something was written here (the counts read again by themselves on the change too). */
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const changed = useChanged();
  const [view, setView] = useState<View>(() => viewOf(request));
  const [tab, setTab] = useState("list");
  const [register, setRegister] = useState<RegisterPrefill | null>(() => registerOf(request));
  const [limitsOpen, setLimitsOpen] = useState(false);
  // Another screen's request opens what it asks for, once.
  const [requested, setRequested] = useState(request);
  if (request !== requested) {
    setRequested(request);
    setView(viewOf(request));
    setRegister(registerOf(request));
  }

  return (
    <div className="complaints-module" data-lang={lang}>
      {view.kind === "list" ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "list",
              label: <span data-testid="complaints-tab-list">{t("complaints.tabs.list")}</span>,
              children: (
                <ComplaintList
                  lang={lang}
                  onOpen={(id) => setView({ kind: "complaint", id })}
                  onRegister={() => setRegister({})}
                  onLimits={() => setLimitsOpen(true)}
                />
              ),
            },
            {
              key: "kpis",
              label: <span data-testid="complaints-tab-kpis">{t("complaints.tabs.kpis")}</span>,
              children: tab === "kpis" ? <KpiTab lang={lang} /> : null,
            },
          ]}
        />
      ) : (
        <>
          <Button
            icon={<ArrowLeftOutlined />}
            type="text"
            onClick={() => setView({ kind: "list" })}
            data-testid="complaints-back"
          >
            {t("complaints.page.back")}
          </Button>
          <ComplaintPage key={view.id} complaintId={view.id} lang={lang} onChanged={onChanged} />
        </>
      )}
      <RegisterDrawer
        prefill={register}
        lang={lang}
        onClose={() => setRegister(null)}
        onRegistered={(complaint) => {
          setRegister(null);
          // The new complaint's page shows it at once; the list and the badge read again.
          client.setQueryData(complaintQueryOf(complaint.id).queryKey, complaint);
          changed("complaint");
          onChanged?.();
          setView({ kind: "complaint", id: complaint.id });
        }}
      />
      <LimitsDrawer open={limitsOpen} lang={lang} onClose={() => setLimitsOpen(false)} />
    </div>
  );
}
