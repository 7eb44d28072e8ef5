import {
  BarChartOutlined,
  CalendarOutlined,
  GiftOutlined,
  IdcardOutlined,
  MessageOutlined,
  PhoneOutlined,
  TeamOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

/**
 * The app's modules, in the order of the navigation. Every module is built;
 * follow-up calls are shown only to those who may read the satisfaction
 * results, campaigns to those who may read them, the reports to those who may
 * read them (the manager, and an advisor for their own figures), staff
 * management only to those who may manage staff.
 */
export const MODULES = [
  "archive",
  "appointments",
  "visits",
  "followup",
  "complaints",
  "campaigns",
  "reports",
  "staff",
] as const;
export type ModuleKey = (typeof MODULES)[number];

export const MODULE_ICONS: Record<ModuleKey, ReactNode> = {
  archive: <TeamOutlined />,
  appointments: <CalendarOutlined />,
  visits: <ToolOutlined />,
  followup: <PhoneOutlined />,
  complaints: <MessageOutlined />,
  campaigns: <GiftOutlined />,
  reports: <BarChartOutlined />,
  staff: <IdcardOutlined />,
};
