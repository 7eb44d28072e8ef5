import { Descriptions, Modal, Radio, Typography } from "antd";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan, useSession } from "../auth/session";
import type { BackupOverview, Language, Preferences } from "../bindings";
import { errorText } from "../errors";
import { LANGUAGES } from "../i18n";
import { DatabaseLocation } from "../database/DatabaseLocation";
import { BackupsSection } from "./BackupsSection";
import { SecurityForm } from "./SecurityForm";

/**
 * Language and where the data lives, for everyone; the lock time and backup
 * rules for those who manage settings; the backups for those who may back up
 * (and restore, for administrators). Each section is read when the window opens.
 */
export function SettingsModal({
  open,
  preferences,
  language,
  onLanguage,
  onClose,
}: {
  open: boolean;
  preferences: Preferences | null;
  language: Language;
  onLanguage: (language: Language) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Modal
      open={open}
      title={t("settings.title")}
      onCancel={onClose}
      footer={null}
      width={can("back_up") ? 860 : 640}
      destroyOnHidden
    >
      {open && (
        <div data-testid="settings" className="settings">
          <Section title={t("settings.sections.general")}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                {
                  key: "database",
                  label: t("settings.databasePath"),
                  children: <DatabaseLocation fallback={preferences?.databasePath} />,
                },
                {
                  key: "language",
                  label: t("settings.language"),
                  children: (
                    <Radio.Group
                      value={language}
                      onChange={(e) => onLanguage(e.target.value as Language)}
                      options={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                    />
                  ),
                },
              ]}
            />
          </Section>
          {can("back_up") ? <ManagedSections lang={language} /> : null}
        </div>
      )}
    </Modal>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="settings-section">
      <Typography.Title level={5} className="settings-section-title">
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** The sections that share the backup folder: the rules (administrators) and the backups. */
function ManagedSections({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const can = useCan();
  const { resumed } = useSession();
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reads, setReads] = useState(0);
  const reload = useCallback(() => setReads((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    api
      .listBackups()
      .then((found) => {
        if (!current) return;
        setOverview(found);
        setFailure(null);
      })
      .catch((e: unknown) => current && setFailure(errorText(e, t)));
    return () => {
      current = false;
    };
  }, [reads, resumed]);

  return (
    <>
      {can("manage_settings") && (
        <Section title={t("settings.sections.security")}>
          <SecurityForm folder={overview?.folder} onSaved={reload} />
        </Section>
      )}
      <Section title={t("settings.sections.backups")}>
        <BackupsSection overview={overview} failure={failure} lang={lang} onChanged={reload} />
      </Section>
    </>
  );
}
