import { EditOutlined, FieldTimeOutlined, KeyOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Flex, Space, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { ROLE_COLOUR } from "../auth/roles";
import { useSession } from "../auth/session";
import type { Language, StaffMember } from "../bindings";
import { useChanged } from "../live";
import { ReadFailure } from "../live/ReadFailure";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { StaffFormModal, type StaffFormMode } from "./StaffFormModal";
import { StaffHistoryModal } from "./StaffHistoryModal";
import { staffListQuery } from "./queries";

/**
 * The staff accounts (员工管理): who may sign in, in which role. For
 * administrators. The list follows the changes made on any desk.
 */
export function StaffModule({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const session = useSession();
  const markChanged = useChanged();
  const query = useQuery(staffListQuery);
  const staff = query.data ?? null;
  const [form, setForm] = useState<StaffFormMode | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const [historyOf, setHistoryOf] = useState<StaffMember | null>(null);
  const me = session.info.staff.id;

  const columns: TableColumnsType<StaffMember> = [
    {
      key: "name",
      title: t("staff.columns.name"),
      render: (_, member) => (
        <Space size={6}>
          <Typography.Text strong>{member.name}</Typography.Text>
          {member.id === me && <Tag>{t("staff.you")}</Tag>}
        </Space>
      ),
    },
    {
      key: "login",
      title: t("staff.columns.login"),
      render: (_, member) => <Typography.Text className="mono">{member.login}</Typography.Text>,
    },
    {
      key: "role",
      title: t("staff.columns.role"),
      render: (_, member) => <Tag color={ROLE_COLOUR[member.role]}>{t(`roles.${member.role}`)}</Tag>,
    },
    {
      key: "status",
      title: t("staff.columns.status"),
      width: 110,
      render: (_, member) =>
        member.active ? (
          <Badge status="success" text={t("staff.active")} />
        ) : (
          <Badge status="default" text={t("staff.disabled")} />
        ),
    },
    {
      key: "actions",
      title: t("staff.columns.actions"),
      width: 300,
      render: (_, member) => (
        <Space size={0} wrap={false}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setForm({ kind: "edit", member })}
            data-testid="staff-edit"
          >
            {t("common.edit")}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setResetting(member)}
            data-testid="staff-reset-password"
          >
            {t("staff.resetPassword")}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<FieldTimeOutlined />}
            onClick={() => setHistoryOf(member)}
            data-testid="staff-history"
          >
            {t("staff.history")}
          </Button>
        </Space>
      ),
    },
  ];

  const onRow = (member: StaffMember): HTMLAttributes<HTMLElement> => {
    const attributes: HTMLAttributes<HTMLElement> & Record<`data-${string}`, string> = {
      "data-testid": "staff-row",
      "data-staff-login": member.login,
      className: member.active ? "staff-row" : "staff-row row-archived",
    };
    return attributes;
  };

  const saved = (member: StaffMember) => {
    setForm(null);
    markChanged("staff");
    // The member's own name or role shows in the header and decides the menus.
    if (member.id === me) session.refresh();
  };

  return (
    <Flex vertical gap={16} className="staff-module">
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Text type="secondary">{staff && t("staff.count", { n: staff.length })}</Typography.Text>
        <Button
          type="primary"
          size="large"
          icon={<PlusOutlined />}
          onClick={() => setForm({ kind: "new" })}
          data-testid="staff-add"
        >
          {t("staff.add")}
        </Button>
      </Flex>
      {query.error && <ReadFailure query={query} />}
      <div className="panel panel-table">
        <Table<StaffMember>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={staff ?? []}
          loading={staff === null && !query.error}
          onRow={onRow}
          pagination={false}
        />
      </div>
      <StaffFormModal mode={form} onClose={() => setForm(null)} onSaved={saved} />
      <ResetPasswordModal member={resetting} onClose={() => setResetting(null)} />
      <StaffHistoryModal member={historyOf} lang={lang} onClose={() => setHistoryOf(null)} />
    </Flex>
  );
}
