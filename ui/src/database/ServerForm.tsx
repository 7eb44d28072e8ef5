import { ApiOutlined, CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Input, InputNumber, Radio } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ServerAddress, ServerCheck, ServerInput, TlsMode } from "../bindings";
import { FormErrors, useFormIssues } from "../forms";

type ServerValues = {
  host?: string;
  port?: number | null;
  database?: string;
  user?: string;
  password?: string;
  tls?: TlsMode;
};

const TLS_MODES: TlsMode[] = ["prefer", "require", "disable"];

function toInput(values: ServerValues): ServerInput {
  return {
    host: values.host ?? "",
    port: values.port ?? null,
    database: values.database ?? "",
    user: values.user ?? "",
    password: values.password ?? "",
    tls: values.tls ?? "prefer",
  };
}

/** What was tested, to tell whether the form still shows it. */
const key = (input: ServerInput) => JSON.stringify(input);

/**
 * The dealership server's address, user, password and encryption, with "test
 * connection" before the button that uses it: that button stays disabled
 * until a test of exactly what the form shows has succeeded (a change to any
 * field asks for a new test). The backend checks every field and says what is
 * wrong; the form shows it on the field it names, in the user's language.
 */
export function ServerForm({
  initial,
  test,
  submitLabel,
  submitIcon,
  busyText,
  onSubmit,
  testId,
}: {
  /** A server chosen before, to start from (never its password). */
  initial?: ServerAddress | null;
  test: (server: ServerInput) => Promise<ServerCheck>;
  submitLabel: string;
  submitIcon?: ReactNode;
  /** Shown while the submit runs (moving up takes a while). */
  busyText?: string;
  onSubmit: (server: ServerInput) => Promise<void>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServerValues>();
  const issues = useFormIssues(form, "server");
  const [testing, setTesting] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [tested, setTested] = useState<{ key: string; check: ServerCheck } | null>(null);
  const values = Form.useWatch([], form) as ServerValues | undefined;
  const current = values ? key(toInput(values)) : null;
  const ready = tested !== null && tested.key === current;

  const runTest = async () => {
    const input = toInput(form.getFieldsValue(true) as ServerValues);
    setTesting(true);
    setTested(null);
    try {
      const check = await test(input);
      issues.clear();
      setTested({ key: key(input), check });
    } catch (error) {
      issues.show(error);
    } finally {
      setTesting(false);
    }
  };

  const submit = async () => {
    const input = toInput(form.getFieldsValue(true) as ServerValues);
    if (!tested || tested.key !== key(input)) return;
    setSubmitting(true);
    try {
      await onSubmit(input);
    } catch (error) {
      issues.show(error);
      setTested(null);
    } finally {
      setSubmitting(false);
    }
  };

  const label = (field: keyof ServerValues) => t(`scopedFields.server.${field}`);

  return (
    <Form<ServerValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      data-testid={testId}
      className="server-form"
      initialValues={{
        host: initial?.host ?? "",
        port: initial?.port ?? 5432,
        database: initial?.database ?? "caredesk",
        user: initial?.user ?? "",
        password: "",
        tls: initial?.tls ?? "prefer",
      }}
      onValuesChange={() => {
        if (issues.issues.length > 0) issues.clear();
      }}
      onFinish={submit}
    >
      <Flex gap={12}>
        <Form.Item name="host" label={label("host")} className="field-host field-grow">
          <Input
            placeholder="192.168.1.20"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            maxLength={253}
            data-testid="server-host"
          />
        </Form.Item>
        <Form.Item name="port" label={label("port")} className="field-port">
          <InputNumber min={1} max={65535} precision={0} controls={false} data-testid="server-port" />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item name="database" label={label("database")} className="field-database field-grow">
          <Input autoCapitalize="off" spellCheck={false} maxLength={63} data-testid="server-database" />
        </Form.Item>
        <Form.Item name="user" label={label("user")} className="field-user field-grow">
          <Input autoCapitalize="off" spellCheck={false} maxLength={63} autoComplete="off" data-testid="server-user" />
        </Form.Item>
      </Flex>
      <Form.Item name="password" label={label("password")} className="field-password" extra={t("database.passwordHint")}>
        <Input.Password autoComplete="off" data-testid="server-password" />
      </Form.Item>
      <Form.Item name="tls" label={label("tls")} className="field-tls" extra={t("database.tlsHint")}>
        <Radio.Group
          data-testid="server-tls"
          options={TLS_MODES.map((mode) => ({
            value: mode,
            label: <span data-testid={`server-tls-${mode}`}>{t(`database.tls.${mode}`)}</span>,
          }))}
        />
      </Form.Item>
      <FormErrors issues={issues.issues.filter((issue) => !issue.field)} scope="server" />
      {ready && tested && (
        <Alert
          className="auth-notice"
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          data-testid="server-tested"
          title={t("database.tested", {
            version: tested.check.serverVersion,
            state:
              tested.check.schemaVersion === 0
                ? t("database.stateEmpty")
                : t("database.stateCareDesk", { version: tested.check.schemaVersion }),
          })}
        />
      )}
      {submitting && busyText && <Alert className="auth-notice" type="info" showIcon title={busyText} />}
      <Flex gap={12} justify="flex-end" wrap>
        <Button icon={<ApiOutlined />} loading={testing} disabled={submitting} onClick={runTest} data-testid="server-test">
          {t("database.test")}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          icon={submitIcon}
          disabled={!ready || testing}
          loading={submitting}
          title={ready ? undefined : t("database.testFirst")}
          data-testid="server-submit"
        >
          {submitLabel}
        </Button>
      </Flex>
      {!ready && (
        <div className="server-test-first" data-testid="server-test-first">
          {t("database.testFirst")}
        </div>
      )}
    </Form>
  );
}
