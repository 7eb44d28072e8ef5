import { LockOutlined } from "@ant-design/icons";
import { Avatar, Button, Form, Input, Typography } from "antd";
import type { InputRef } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { AuthStatus, Issue, StaffMember } from "../bindings";
import { issueText, toIssues } from "../errors";

/**
 * Covers the whole window while the session is locked. The work underneath
 * stays mounted (a half-filled form is still there after unlocking) but is
 * hidden and inert: neither the pointer nor the Tab key reaches it.
 */
export function LockScreen({
  member,
  onUnlocked,
  onSignOut,
}: {
  member: StaffMember;
  onUnlocked: (status: AuthStatus) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);
  const host = useMemo(() => {
    const element = document.createElement("div");
    element.className = "lock-host";
    return element;
  }, []);

  useEffect(() => {
    document.body.appendChild(host);
    const others = [...document.body.children].filter((el) => el !== host && !el.hasAttribute("inert"));
    for (const el of others) el.setAttribute("inert", "");
    input.current?.focus();
    return () => {
      for (const el of others) el.removeAttribute("inert");
      host.remove();
    };
  }, [host]);

  const submit = async () => {
    setBusy(true);
    try {
      const status = await api.unlock(password);
      onUnlocked(status);
    } catch (error) {
      setIssues(toIssues(error));
      setBusy(false);
      input.current?.focus({ cursor: "all" });
    }
  };

  const shown = issues.map((issue) => issueText(issue, t)).join(" ");

  return createPortal(
    <div className="lock-screen" data-testid="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <div className="lock-card">
        <Avatar size={56} icon={<LockOutlined />} className="lock-avatar" />
        <Typography.Title level={4} id="lock-title" className="lock-title">
          {t("auth.lockedTitle")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="lock-text">
          {t("auth.lockedText", { name: member.name, role: t(`roles.${member.role}`) })}
        </Typography.Paragraph>
        <Form layout="vertical" requiredMark={false} onFinish={submit} className="lock-form">
          <Form.Item
            label={t("fields.password")}
            className="field-password"
            validateStatus={shown ? "error" : undefined}
            help={shown ? <span role="alert">{shown}</span> : undefined}
          >
            <Input.Password
              ref={input}
              size="large"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                if (issues.length > 0) setIssues([]);
              }}
              autoComplete="current-password"
              data-testid="unlock-password"
            />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" block loading={busy} data-testid="unlock-submit">
            {t("auth.unlock")}
          </Button>
        </Form>
      </div>
      <div className="lock-switch">
        <Button type="link" onClick={onSignOut} data-testid="lock-sign-out">
          {t("auth.lockSignOut")}
        </Button>
        <div className="small">{t("auth.lockSignOutHint")}</div>
      </div>
    </div>,
    host,
  );
}
