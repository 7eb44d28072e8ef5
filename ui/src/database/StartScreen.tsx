import { CloudServerOutlined, DesktopOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Flex, Radio, Result, Typography } from "antd";
import { useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import { AuthPage } from "../auth/AuthPage";
import type { Language, ServerAddress, StartStatus } from "../bindings";
import { bootDone } from "../boot";
import { errorText } from "../errors";
import { applyLanguage } from "../i18n";
import { Providers } from "../shell/Providers";
import { ServerForm } from "./ServerForm";

/**
 * Before the sign-in screen, when the desk has no database open: on a new
 * install the chooser ("this computer only" or "the dealership's server"), or
 * — when the chosen database could not be opened — why, with "try again" and
 * "choose another database". `onReady` follows once a database is open, with
 * the language if the person switched it here (no database held it yet).
 * Its own chunk: most starts never show it.
 */
export function StartScreen({
  status: first,
  onReady,
}: {
  status: StartStatus;
  onReady: (language: Language | null) => void;
}) {
  const [status, setStatus] = useState(first);
  const [language, setLanguage] = useState<Language>(first.language);
  const [switched, setSwitched] = useState(false);
  const [choosing, setChoosing] = useState(first.stage === "choose");

  useLayoutEffect(() => bootDone(), []);

  const switchLanguage = async (next: Language) => {
    await applyLanguage(next);
    setLanguage(next);
    setSwitched(true);
  };

  const opened = (next: StartStatus) => {
    if (next.stage === "ready") {
      onReady(switched ? language : null);
      return;
    }
    setStatus(next);
    setChoosing(next.stage === "choose");
  };

  return (
    <Providers lang={language}>
      <AuthPage language={language} onLanguage={switchLanguage} wide>
        {choosing ? (
          <Chooser
            server={status.server}
            onOpened={opened}
            onBack={status.stage === "failed" ? () => setChoosing(false) : undefined}
          />
        ) : (
          <StartFailed status={status} onRetried={opened} onChoose={() => setChoosing(true)} />
        )}
      </AuthPage>
    </Providers>
  );
}

type Where = "this_computer" | "server";

/** "This computer only" (the default) or "the dealership's server", tested before it is saved. */
function Chooser({
  server,
  onOpened,
  onBack,
}: {
  server: ServerAddress | null;
  onOpened: (status: StartStatus) => void;
  onBack?: () => void;
}) {
  const { t } = useTranslation();
  const [where, setWhere] = useState<Where>(server ? "server" : "this_computer");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const chooseThisComputer = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onOpened(await api.chooseThisComputer());
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <div data-testid="database-chooser">
      <Typography.Title level={4} className="auth-title">
        {t("database.chooseTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("database.chooseIntro")}</Typography.Paragraph>
      <Radio.Group value={where} onChange={(e) => setWhere(e.target.value as Where)} className="database-choice">
        <Radio value="this_computer">
          <span data-testid="choice-this-computer">
            <DesktopOutlined /> {t("database.thisComputer")}
            <span className="database-choice-hint">{t("database.thisComputerHint")}</span>
          </span>
        </Radio>
        <Radio value="server">
          <span data-testid="choice-server">
            <CloudServerOutlined /> {t("database.server")}
            <span className="database-choice-hint">{t("database.serverHint")}</span>
          </span>
        </Radio>
      </Radio.Group>
      {where === "this_computer" ? (
        <>
          {failure !== null && (
            <Typography.Paragraph type="danger" data-testid="chooser-error">
              {errorText(failure, t)}
            </Typography.Paragraph>
          )}
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            onClick={chooseThisComputer}
            data-testid="choose-this-computer"
          >
            {t("database.useThisComputer")}
          </Button>
        </>
      ) : (
        <ServerForm
          initial={server}
          test={(input) => api.testServer(input)}
          submitLabel={t("database.saveServer")}
          onSubmit={async (input) => onOpened(await api.chooseServer(input))}
          testId="chooser-server-form"
        />
      )}
      {onBack && (
        <Button type="link" onClick={onBack} className="link-button" data-testid="chooser-back">
          {t("database.back")}
        </Button>
      )}
    </div>
  );
}

/** The chosen database could not be opened: where, why, "try again", "choose another database". */
function StartFailed({
  status,
  onRetried,
  onChoose,
}: {
  status: StartStatus;
  onRetried: (status: StartStatus) => void;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(status.error);

  const retry = async () => {
    setBusy(true);
    try {
      const next = await api.retryStart();
      setFailure(next.error);
      onRetried(next);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Result
      className="start-failed"
      status="warning"
      title={t("database.failedTitle")}
      subTitle={
        <div data-testid="start-failed">
          {status.database && (
            <Typography.Paragraph className="break-all" data-testid="start-failed-database">
              {t("database.failedDatabase", { database: status.database })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="danger" data-testid="start-failed-reason">
            {errorText(failure, t, "server")}
          </Typography.Paragraph>
          {!status.canChoose && (
            <Typography.Paragraph type="secondary">{t("database.givenOnCommandLine")}</Typography.Paragraph>
          )}
        </div>
      }
      extra={
        <Flex gap={12} justify="center" wrap>
          <Button type="primary" icon={<ReloadOutlined />} loading={busy} onClick={retry} data-testid="start-retry">
            {t("database.retry")}
          </Button>
          {status.canChoose && (
            <Button onClick={onChoose} disabled={busy} data-testid="start-choose">
              {t("database.chooseAnother")}
            </Button>
          )}
        </Flex>
      }
    />
  );
}
