import { Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { MODULE_ICONS, type PlannedModule } from "./modules";

/** An honest placeholder: which module this is and what it will hold; no sample data. */
export function NotBuilt({ module }: { module: PlannedModule }) {
  const { t } = useTranslation();
  return (
    <div className="panel not-built" data-testid="module-not-built">
      <Result
        icon={<span className="not-built-icon">{MODULE_ICONS[module]}</span>}
        title={t("notBuilt.title", { module: t(`nav.${module}`) })}
        subTitle={
          <div className="not-built-text">
            <Typography.Text type="secondary">{t("notBuilt.holds")}</Typography.Text>
            <Typography.Paragraph>{t(`notBuilt.${module}`)}</Typography.Paragraph>
          </div>
        }
      />
    </div>
  );
}
