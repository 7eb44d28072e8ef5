import { Modal } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Language, StaffMember } from "../bindings";
import { AuditHistory } from "../history/AuditHistory";

/** What was done to one staff account: created, renamed, re-roled, disabled, passwords reset. */
export function StaffHistoryModal({
  member,
  lang,
  onClose,
}: {
  member: StaffMember | null;
  lang: Language;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={member !== null}
      title={member ? t("staff.historyTitle", { name: member.name }) : ""}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      {member && (
        <div data-testid="staff-history-modal" className="history-modal">
          <AuditHistory
            query={{ queryKey: ["staff", "history", member.id], queryFn: () => api.staffHistory(member.id) }}
            lang={lang}
          />
        </div>
      )}
    </Modal>
  );
}
