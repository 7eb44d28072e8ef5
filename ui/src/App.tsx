import { SettingOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Layout, Menu, Spin, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ArchiveModule } from "./archive/ArchiveModule";
import type { Language, Preferences } from "./bindings";
import { commands } from "./bindings";
import { errorText } from "./errors";
import { applyLanguage } from "./i18n";
import { LanguageSwitch } from "./shell/LanguageSwitch";
import { MODULE_ICONS, MODULES, type ModuleKey } from "./shell/modules";
import { NotBuilt } from "./shell/NotBuilt";
import { Providers } from "./shell/Providers";
import { SettingsModal } from "./shell/SettingsModal";

/**
 * Starts in the language the backend remembers (or the OS suggests), then
 * switches everything at once — texts, antd, dates — without a reload.
 */
export default function App() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [startError, setStartError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    commands
      .getPreferences()
      .then(async (prefs) => {
        await applyLanguage(prefs.language);
        if (!current) return;
        setPreferences(prefs);
        setLanguage(prefs.language);
      })
      .catch(async (error: unknown) => {
        // Without preferences the app still works, in Chinese; the notice says why.
        await applyLanguage("zh-CN");
        if (!current) return;
        setStartError(error);
        setLanguage("zh-CN");
      });
    return () => {
      current = false;
    };
  }, []);

  if (language === null) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    );
  }

  return (
    <Providers lang={language}>
      <Shell
        language={language}
        preferences={preferences}
        startError={startError}
        onLanguageChanged={(l) => {
          setLanguage(l);
          setPreferences((p) => (p ? { ...p, language: l, languageChosen: true } : p));
        }}
      />
    </Providers>
  );
}

export function Shell({
  language,
  preferences,
  startError,
  onLanguageChanged,
}: {
  language: Language;
  preferences: Preferences | null;
  startError?: unknown;
  onLanguageChanged: (language: Language) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [module, setModule] = useState<ModuleKey>("archive");
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    if (startError) message.warning(`${t("app.startFailed")}: ${errorText(startError, t)}`);
    // Once, at start.
  }, [startError]);

  const switchLanguage = useCallback(
    async (next: Language) => {
      if (next === language) return;
      await applyLanguage(next);
      onLanguageChanged(next);
      try {
        await commands.setLanguage(next);
      } catch (error) {
        message.error(errorText(error, t));
      }
    },
    [language, message, onLanguageChanged, t],
  );

  return (
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
          onClick={({ key }) => setModule(key as ModuleKey)}
          items={MODULES.map((key) => ({
            key,
            icon: MODULE_ICONS[key],
            label: (
              <span data-testid={`nav-${key}`} className="nav-label">
                {t(`nav.${key}`)}
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
            <LanguageSwitch value={language} onChange={switchLanguage} />
            <Button
              type="text"
              icon={<SettingOutlined />}
              onClick={() => setSettingsOpen(true)}
              data-testid="open-settings"
            >
              {t("header.settings")}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          {module === "archive" ? <ArchiveModule lang={language} /> : <NotBuilt module={module} />}
        </Layout.Content>
      </Layout>
      <SettingsModal
        open={settingsOpen}
        preferences={preferences}
        language={language}
        onLanguage={switchLanguage}
        onClose={() => setSettingsOpen(false)}
      />
    </Layout>
  );
}
