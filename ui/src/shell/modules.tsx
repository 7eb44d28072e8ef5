import {
  BarChartOutlined,
  CalendarOutlined,
  GiftOutlined,
  MessageOutlined,
  PhoneOutlined,
  TeamOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

/** The app's modules, in the order of the navigation. Only the archive is built. */
export const MODULES = ["archive", "appointments", "visits", "followup", "complaints", "campaigns", "reports"] as const;
export type ModuleKey = (typeof MODULES)[number];
export type PlannedModule = Exclude<ModuleKey, "archive">;

export const MODULE_ICONS: Record<ModuleKey, ReactNode> = {
  archive: <TeamOutlined />,
  appointments: <CalendarOutlined />,
  visits: <ToolOutlined />,
  followup: <PhoneOutlined />,
  complaints: <MessageOutlined />,
  campaigns: <GiftOutlined />,
  reports: <BarChartOutlined />,
};
