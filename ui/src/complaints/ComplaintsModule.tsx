import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Tabs } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChanged } from "../live";
import type { Complaint, Language } from "../bindings";
import type { Request } from "../shell/navigation";
import { ComplaintList } from "./ComplaintList";
import { ComplaintPage } from "./ComplaintPage";
import { KpiTab } from "./KpiTab";
import { LimitsDrawer } from "./LimitsDrawer";
import { RegisterDrawer, type RegisterPrefill } from "./RegisterDrawer";
import "../appointments/appointments.css";
import "../visits/visits.css";
import "./complaints.css";

type View = { kind: "list" } | { kind: "complaint"; id: number; initial?: Complaint };

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
  /** Something was written: the navigation's count reads again. */
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(() => viewOf(request));
  const [tab, setTab] = useState("list");
  const [register, setRegister] = useState<RegisterPrefill | null>(() => registerOf(request));
  const [limitsOpen, setLimitsOpen] = useState(false);
  const [writes, setWrites] = useState(0);

  useEffect(() => {
    setView(viewOf(request));
    setRegister(registerOf(request));
  }, [request]);

  const invalidate = useChanged();
  const changed = () => {
    setWrites((n) => n + 1);
    // The list at once, without waiting for the backend's own word of it.
    invalidate("complaint");
    onChanged?.();
  };

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
              children: tab === "kpis" ? <KpiTab key={writes} lang={lang} /> : null,
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
          <ComplaintPage key={view.id} complaintId={view.id} initial={view.initial} lang={lang} onChanged={changed} />
        </>
      )}
      <RegisterDrawer
        prefill={register}
        lang={lang}
        onClose={() => setRegister(null)}
        onRegistered={(complaint) => {
          setRegister(null);
          changed();
          setView({ kind: "complaint", id: complaint.id, initial: complaint });
        }}
      />
      <LimitsDrawer open={limitsOpen} onClose={() => setLimitsOpen(false)} />
    </div>
  );
}
