import { Tabs } from "antd";
import type { InputRef } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChanged } from "../live";
import { useCan } from "../auth/session";
import type { FollowUpCall, FollowUpId, Language } from "../bindings";
import type { Request } from "../shell/navigation";
import { CallList } from "./CallList";
import { CallPanel } from "./CallPanel";
import { CsiTab } from "./CsiTab";
import { SettingsTab } from "./SettingsTab";
import "../visits/visits.css";
import "./followup.css";

type Open = { id: FollowUpId; row?: number } | null;

function openOf(request: Request | null): Open {
  return request?.module === "followup" && request.callId !== undefined ? { id: request.callId } : null;
}

/**
 * Follow-up calls (回访, DOMAIN.md §3.7, §4): the day's call list with its
 * printed sheet, a call's panel for typing the answers in from the keyboard,
 * the satisfaction index, and — for the service manager — the questionnaire
 * and the call rules. Other screens open a call with a `Request`.
 */
export function FollowUpModule({ lang, request }: { lang: Language; request: Request | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const [tab, setTab] = useState("calls");
  const [open, setOpen] = useState<Open>(() => openOf(request));
  const changed = useChanged();
  const jumpRef = useRef<InputRef>(null);
  // Another screen's request opens the call it asks for, once.
  const [requested, setRequested] = useState(request);
  if (request !== requested) {
    setRequested(request);
    const next = openOf(request);
    if (next) {
      setTab("calls");
      setOpen(next);
    }
  }

  // Back to "go to row", ready for the next number from the paper sheet (after
  // the drawer has given the focus back to where it was before it opened).
  const focusJump = () => window.setTimeout(() => jumpRef.current?.focus(), 30);

  const items = [
    {
      key: "calls",
      label: <span data-testid="followup-tab-calls">{t("followup.tabs.calls")}</span>,
      children: (
        <CallList
          lang={lang}
          jumpRef={jumpRef}
          onOpen={(call: FollowUpCall) => setOpen({ id: call.id, row: call.row })}
        />
      ),
    },
    {
      key: "csi",
      label: <span data-testid="followup-tab-csi">{t("followup.tabs.csi")}</span>,
      children: tab === "csi" ? <CsiTab lang={lang} /> : null,
    },
    ...(can("plan_follow_up")
      ? [
          {
            key: "settings",
            label: <span data-testid="followup-tab-settings">{t("followup.tabs.settings")}</span>,
            children: tab === "settings" ? <SettingsTab lang={lang} /> : null,
          },
        ]
      : []),
  ];

  return (
    <div className="followup-module" data-lang={lang}>
      <Tabs activeKey={tab} onChange={setTab} items={items} />
      <CallPanel
        callId={open?.id ?? null}
        row={open?.row}
        lang={lang}
        onClose={() => setOpen(null)}
        onClosed={focusJump}
        // The list and the index at once, without waiting for the backend's own word of it.
        onChanged={() => changed("follow_up")}
      />
    </div>
  );
}
