import { CloudUploadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Flex, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../auth/session";
import { MoveToServerModal } from "./MoveToServerModal";
import { databaseInfoQuery } from "./queries";

/**
 * Settings' database: where the data is (asked when Settings opens, so it is
 * right after a move) — this computer's file or the dealership's server — and,
 * for an administrator on the file, "move this database to the server…".
 */
export function DatabaseLocation({ fallback }: { fallback?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  // Unread or failed, the preferences' path stands in for it.
  const info = useQuery(databaseInfoQuery).data ?? null;
  const [moving, setMoving] = useState(false);

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
