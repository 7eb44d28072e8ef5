import { SettingOutlined } from "@ant-design/icons";
import { Badge, Button, Layout, Menu, Typography } from "antd";
import { Suspense, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Language, Preferences } from "../bindings";
import { useComplaintAlerts } from "../complaints/alerts";
import { LiveData } from "../live";
import { Loading } from "./Loading";
import { LanguageSwitch } from "./LanguageSwitch";
import { MODULE_ICONS, MODULES, type ModuleKey } from "./modules";
import {
  AppointmentsModule,
  ArchiveModule,
  CampaignsModule,
  ComplaintsModule,
  FollowUpModule,
  ReportsModule,
  StaffModule,
  VisitsModule,
} from "./lazyModules";
import { SettingsModal } from "./SettingsModal";
import { UserMenu } from "./UserMenu";
import { type Destination, NavigationContext, type Request } from "./navigation";

/** The signed-in shell, its data kept live by the backend's changes (see `live`). */
export function Shell(props: { language: Language; preferences: Preferences | null; onLanguage: (language: Language) => void }) {
  return (
    <LiveData>
      <Desk {...props} />
    </LiveData>
  );
}

/** Navigation by role, the header with the member's menu, the modules. */
function Desk({
  language,
  preferences,
  onLanguage,
}: {
  language: Language;
  preferences: Preferences | null;
  onLanguage: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [chosen, setChosen] = useState<ModuleKey>("archive");
  const [request, setRequest] = useState<Request | null>(null);
  // Counts navigation clicks: each one starts the module afresh.
  const [navClicks, setNavClicks] = useState(0);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const navigate = useCallback((destination: Destination) => {
    setChosen(destination.module);
    setRequest((previous) => ({ ...destination, serial: (previous?.serial ?? 0) + 1 }));
  }, []);
  // Escalated complaints: read every minute and on every move in the app.
  const alerts = useComplaintAlerts(`${chosen}|${request?.serial ?? 0}`, can("manage_complaints"), (complaintId) =>
    navigate({ module: "complaints", complaintId }),
  );
  // A screen only sees the request addressed to it.
  const requestFor = (key: ModuleKey) => (request?.module === key ? request : null);

  const modules = MODULES.filter(
    (key) =>
      (key !== "staff" || can("manage_staff")) &&
      (key !== "followup" || can("read_satisfaction")) &&
      (key !== "campaigns" || can("read_campaigns")) &&
      (key !== "reports" || can("read_reports")),
  );
  // A module the role no longer offers (the member's own role was changed) falls back to the archive.
  const module = modules.includes(chosen) ? chosen : "archive";

  return (
    <NavigationContext.Provider value={navigate}>
    <Layout className="app-layout">
      <Layout.Sider width={224} className="app-sider">
        <div className="brand">
          <img src="/caredesk.png" alt="" width={36} height={36} className="brand-mark" />
          <div>
            <div className="brand-name">{t("app.name")}</div>
            <div className="brand-tagline">{t("app.tagline")}</div>
          </div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[module]}
          onClick={({ key }) => {
            setRequest(null);
            setChosen(key as ModuleKey);
            // The navigation always opens a module at its start (the list, the board).
            setNavClicks((n) => n + 1);
          }}
          items={modules.map((key) => ({
            key,
            icon: MODULE_ICONS[key],
            label: (
              <span className="nav-label-row">
                <span data-testid={`nav-${key}`} className="nav-label">
                  {t(`nav.${key}`)}
                </span>
                {key === "complaints" && alerts.escalated > 0 && (
                  <Badge
                    count={alerts.escalated}
                    size="small"
                    className="nav-badge"
                    style={{ marginInlineStart: 8 }}
                    data-testid="complaints-escalated-count"
                  />
                )}
                {key === "complaints" && can("manage_complaints") && alerts.fromCalls > 0 && (
                  <Badge
                    count={alerts.fromCalls}
                    size="small"
                    color="orange"
                    className="nav-badge"
                    style={{ marginInlineStart: 4 }}
                    title={t("complaints.alerts.fromCallsBadge")}
                    data-testid="complaints-from-calls-count"
                  />
                )}
              </span>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Title level={1} className="page-title" data-testid="page-title">
            {t(`nav.${module}`)}
          </Typography.Title>
          <div className="header-tools">
            <LanguageSwitch value={language} onChange={onLanguage} />
            <Button
              type="text"
              icon={<SettingOutlined />}
              onClick={() => setSettingsOpen(true)}
              data-testid="open-settings"
            >
              {t("header.settings")}
            </Button>
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content" key={navClicks}>
          {/* Each module is its own chunk, fetched the first time it is opened. */}
          <Suspense fallback={<Loading testId="module-loading" />}>
          {module === "archive" ? (
            <ArchiveModule lang={language} request={requestFor("archive")} />
          ) : module === "appointments" ? (
            <AppointmentsModule lang={language} request={requestFor("appointments")} />
          ) : module === "visits" ? (
            <VisitsModule lang={language} request={requestFor("visits")} />
          ) : module === "followup" ? (
            <FollowUpModule lang={language} request={requestFor("followup")} />
          ) : module === "campaigns" ? (
            <CampaignsModule lang={language} request={requestFor("campaigns")} />
          ) : module === "complaints" ? (
            <ComplaintsModule lang={language} request={requestFor("complaints")} onChanged={alerts.refresh} />
          ) : module === "reports" ? (
            <ReportsModule lang={language} />
          ) : module === "staff" ? (
            <StaffModule lang={language} />
          ) : null}
          </Suspense>
        </Layout.Content>
      </Layout>
      <SettingsModal
        open={settingsOpen}
        preferences={preferences}
        language={language}
        onLanguage={onLanguage}
        onClose={() => setSettingsOpen(false)}
      />
    </Layout>
    </NavigationContext.Provider>
  );
}
