import { CloudUploadOutlined } from "@ant-design/icons";
import { Button, Flex, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { useCan } from "../auth/session";
import type { DatabaseInfo } from "../bindings";
import { MoveToServerModal } from "./MoveToServerModal";

/**
 * Settings' database: where the data is (asked when Settings opens, so it is
 * right after a move) — this computer's file or the dealership's server — and,
 * for an administrator on the file, "move this database to the server…".
 */
export function DatabaseLocation({ fallback }: { fallback?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [info, setInfo] = useState<DatabaseInfo | null>(null);
  const [moving, setMoving] = useState(false);

  useEffect(() => {
    let current = true;
    api
      .databaseInfo()
      .then((found) => current && setInfo(found))
      .catch(() => {
        // The preferences' path stands in for it.
      });
    return () => {
      current = false;
    };
  }, []);

  const location = info?.location ?? fallback ?? "—";
  return (
    <>
      <Flex gap={8} align="center" wrap>
        {info && (
          <Tag color={info.onServer ? "blue" : "default"} data-testid="settings-database-kind">
            {info.onServer ? t("database.onServer") : t("database.onThisComputer")}
          </Tag>
        )}
        <Typography.Text
          code
          copyable={location === "—" ? false : { text: location }}
          data-testid="settings-database-path"
          className="break-all"
        >
          {location}
        </Typography.Text>
      </Flex>
      <div>
        <Typography.Text type="secondary" className="small">
          {info?.onServer ? t("database.serverLocationHint") : t("settings.databaseHint")}
        </Typography.Text>
      </div>
      {info && !info.onServer && can("move_database") && (
        <>
          <Button
            className="settings-move-database"
            icon={<CloudUploadOutlined />}
            onClick={() => setMoving(true)}
            data-testid="settings-move-database"
          >
            {t("database.move")}
          </Button>
          <MoveToServerModal open={moving} onClose={() => setMoving(false)} />
        </>
      )}
    </>
  );
}
