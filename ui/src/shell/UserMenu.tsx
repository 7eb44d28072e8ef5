import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Avatar, Button, Dropdown } from "antd";
import type { MenuProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordModal } from "../auth/ChangePasswordModal";
import { useSession } from "../auth/session";

/** The signed-in member's name and role; their own password, lock, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const [changingPassword, setChangingPassword] = useState(false);
  const { staff } = session.info;

  const items: MenuProps["items"] = [
    {
      key: "password",
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{t("userMenu.changePassword")}</span>,
    },
    {
      key: "lock",
      icon: <LockOutlined />,
      label: <span data-testid="menu-lock">{t("userMenu.lock")}</span>,
    },
    { type: "divider" },
    {
      key: "signOut",
      icon: <LogoutOutlined />,
      label: <span data-testid="menu-sign-out">{t("userMenu.signOut")}</span>,
    },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "password") setChangingPassword(true);
    else if (key === "lock") session.lock();
    else if (key === "signOut") session.signOut();
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
        <Button type="text" className="user-menu" data-testid="user-menu" aria-label={t("header.userMenu")}>
          <Avatar size="small" icon={<UserOutlined />} className="user-avatar" />
          <span className="user-text">
            <span className="user-name" data-testid="user-name">
              {staff.name}
            </span>
            <span className="user-role">{t(`roles.${staff.role}`)}</span>
          </span>
          <DownOutlined className="user-caret" />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
