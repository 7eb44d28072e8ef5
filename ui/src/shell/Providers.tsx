import { App as AntApp, ConfigProvider, theme as antTheme } from "antd";
import type { ThemeConfig } from "antd";
import type { ReactNode } from "react";
import type { Language } from "../bindings";
import { ANTD_LOCALE } from "../i18n";

/** The system fonts, Chinese ones included: the app loads no font of its own (CSP). */
export const FONT_FAMILY = [
  "-apple-system",
  "BlinkMacSystemFont",
  '"Segoe UI"',
  '"PingFang SC"',
  '"Microsoft YaHei"',
  '"WenQuanYi Micro Hei"',
  '"Noto Sans CJK SC"',
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

export const BRAND = "#0f6e8c";
const SIDER = "#0c2a36";

export const THEME: ThemeConfig = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    colorPrimary: BRAND,
    colorInfo: BRAND,
    colorLink: BRAND,
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    colorBgLayout: "#f2f4f6",
  },
  components: {
    Layout: {
      siderBg: SIDER,
      headerBg: "#ffffff",
      headerHeight: 56,
      headerPadding: "0 24px",
    },
    Menu: {
      darkItemBg: SIDER,
      darkSubMenuItemBg: SIDER,
      darkItemSelectedBg: BRAND,
      darkItemColor: "rgba(255, 255, 255, 0.72)",
      itemHeight: 42,
    },
    Table: {
      headerBg: "#f7f9fa",
      rowHoverBg: "#eef6f9",
    },
  },
};

/** antd's theme, locale and message/modal context for one language. */
export function Providers({ lang, children }: { lang: Language; children: ReactNode }) {
  return (
    <ConfigProvider locale={ANTD_LOCALE[lang]} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
