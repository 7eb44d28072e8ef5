import { Descriptions, Modal, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Language, Preferences } from "../bindings";
import { LANGUAGES } from "../i18n";

/** Where the data lives and which language the app speaks. */
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
  return (
    <Modal
      open={open}
      title={t("settings.title")}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <div data-testid="settings">
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            {
              key: "database",
              label: t("settings.databasePath"),
              children: (
                <>
                  <Typography.Text
                    code
                    copyable={preferences ? { text: preferences.databasePath } : false}
                    data-testid="settings-database-path"
                    className="break-all"
                  >
                    {preferences?.databasePath ?? "—"}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" className="small">
                      {t("settings.databaseHint")}
                    </Typography.Text>
                  </div>
                </>
              ),
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
      </div>
    </Modal>
  );
}
