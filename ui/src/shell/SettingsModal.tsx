import { useQuery } from "@tanstack/react-query";
import { Descriptions, Modal, Radio, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import type { Language, Preferences } from "../bindings";
import { LANGUAGES } from "../i18n";
import { DatabaseLocation } from "../database/DatabaseLocation";
import { BackupsSection } from "./BackupsSection";
import { backupsQuery } from "./queries";
import { SecurityForm } from "./SecurityForm";

/**
 * Language and where the data lives, for everyone; the lock time and backup
 * rules for those who manage settings; the backups for those who may back up
 * (and restore, for administrators). Each section is read when the window
 * opens, and again when another desk changes the settings.
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
  const backups = useQuery(backupsQuery);

  return (
    <>
      {can("manage_settings") && (
        <Section title={t("settings.sections.security")}>
          <SecurityForm folder={backups.data?.folder} />
        </Section>
      )}
      <Section title={t("settings.sections.backups")}>
        <BackupsSection backups={backups} lang={lang} />
      </Section>
    </>
  );
}
