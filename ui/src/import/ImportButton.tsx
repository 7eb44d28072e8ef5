import { ImportOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings";
import { useCan } from "../auth/session";

// The wizard is a chunk of its own: most days nobody imports.
const ImportWizard = lazy(() => import("./ImportWizard").then((m) => ({ default: m.ImportWizard })));

/** "Import" above the archive list, for those who may import (managers, administrators). */
export function ImportButton({ lang, size }: { lang: Language; size?: "large" | "middle" }) {
  const { t } = useTranslation();
  const can = useCan();
  // Each opening starts a fresh wizard.
  const [opening, setOpening] = useState(0);
  const [open, setOpen] = useState(false);
  if (!can("import_data")) return null;
  return (
    <>
      <Button
        size={size}
        icon={<ImportOutlined />}
        onClick={() => {
          setOpening((n) => n + 1);
          setOpen(true);
        }}
        data-testid="archive-import"
      >
        {t("importer.open")}
      </Button>
      {opening > 0 && (
        <Suspense fallback={null}>
          <ImportWizard key={opening} open={open} onClose={() => setOpen(false)} lang={lang} />
        </Suspense>
      )}
    </>
  );
}
