import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import type { Request } from "../shell/navigation";
import { CampaignList } from "./CampaignList";
import { CampaignPage, type CampaignTab, type SegmentPrefill } from "./CampaignPage";
import { CareTab } from "./CareTab";
import "../visits/visits.css";
import "../followup/followup.css";
import "./campaigns.css";

type View =
  | { kind: "list" }
  | { kind: "new"; prefill?: SegmentPrefill }
  | { kind: "campaign"; id: number; prefill?: SegmentPrefill; tab?: CampaignTab };

function viewOf(request: Request | null): View {
  return request?.module === "campaigns" && request.campaignId !== undefined
    ? { kind: "campaign", id: request.campaignId }
    : { kind: "list" };
}

/**
 * Customer-care campaigns (关怀活动, DOMAIN.md §6): the campaigns with their
 * plan, segment, guests, check-in, lottery and results, and the proactive care
 * lists (主动关怀) — which may become a campaign's segment.
 */
export function CampaignsModule({ lang, request }: { lang: Language; request: Request | null }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>(() => viewOf(request));
  const [tab, setTab] = useState("list");
  // Another screen sent the user here (a new request): the view follows it.
  const [requested, setRequested] = useState(request);
  if (request !== requested) {
    setRequested(request);
    setView(viewOf(request));
  }

  if (view.kind === "list") {
    return (
      <div className="campaigns-module" data-lang={lang}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "list",
              label: <span data-testid="campaigns-tab-list">{t("campaigns.tabs.list")}</span>,
              children: (
                <CampaignList
                  lang={lang}
                  onOpen={(id) => setView({ kind: "campaign", id })}
                  onNew={() => setView({ kind: "new" })}
                />
              ),
            },
            {
              key: "care",
              label: <span data-testid="campaigns-tab-care">{t("campaigns.tabs.care")}</span>,
              children:
                tab === "care" ? (
                  <CareTab lang={lang} onMakeCampaign={(segment, from) => setView({ kind: "new", prefill: { segment, from } })} />
                ) : null,
            },
          ]}
        />
      </div>
    );
  }

  return (
    <div className="campaigns-module" data-lang={lang}>
      <Button icon={<ArrowLeftOutlined />} type="text" onClick={() => setView({ kind: "list" })} data-testid="campaigns-back" className="visits-back">
        {t("campaigns.page.back")}
      </Button>
      {view.kind === "new" ? (
        <CampaignPage
          key="new"
          campaignId={null}
          prefill={view.prefill}
          lang={lang}
          onCreated={(campaign, segment) =>
            setView({ kind: "campaign", id: campaign.id, prefill: segment, tab: segment ? "segment" : "plan" })
          }
        />
      ) : (
        <CampaignPage
          key={view.id}
          campaignId={view.id}
          prefill={view.prefill}
          startTab={view.tab}
          lang={lang}
        />
      )}
    </div>
  );
}
