import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App";
import type { Preferences, ServerCheck, ServerInput } from "../bindings";
import { authStatus, mockCommands, refusal, startStatus } from "../test/fixtures";

const prefs = (overrides: Partial<Preferences> = {}): Preferences => ({
  language: "zh-CN",
  languageChosen: false,
  databasePath: "postgres://desk@192.168.1.20:5432/caredesk",
  ...overrides,
});

const EMPTY_SERVER: ServerCheck = {
  server: "desk@192.168.1.20:5432/caredesk",
  serverVersion: "15.8",
  schemaVersion: 0,
  holdsData: false,
};

/** The error shown under a form field (`.field-<name>`). */
const errorUnder = (field: string) =>
  document.querySelector(`.field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

const submitButton = () => screen.getByTestId("server-submit") as HTMLButtonElement;

describe("the first start's database chooser", () => {
  it("asks before anything else and keeps this computer's file when told", async () => {
    const calls = mockCommands({
      start_status: () => startStatus({ stage: "choose", language: "en" }),
      choose_this_computer: () => startStatus(),
      get_preferences: () => prefs({ language: "en", languageChosen: true }),
      auth_status: () => authStatus({ needsSetup: true, session: null }),
    });
    render(<App />);

    expect(await screen.findByText("Where should CareDesk keep its data?")).toBeTruthy();
    const radio = screen.getByTestId("choice-this-computer").closest("label")?.querySelector("input");
    expect(radio?.checked).toBe(true);
    // Nothing of the desk is asked for while no database is open.
    expect(calls.map((c) => c.cmd)).toEqual(["start_status"]);

    await userEvent.click(screen.getByTestId("choose-this-computer"));
    expect(await screen.findByTestId("setup-form")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "choose_this_computer")).toHaveLength(1);
    expect(calls.some((c) => c.cmd === "choose_server")).toBe(false);
  });

  it("names each field the backend refuses and saves the server only after a test of what the form shows", async () => {
    let tests = 0;
    const calls = mockCommands({
      start_status: () => startStatus({ stage: "choose", language: "en" }),
      test_server: () => {
        tests += 1;
        if (tests === 1) {
          throw refusal([
            { kind: "required", field: "host", message: "host is required" },
            { kind: "out_of_range", field: "port", message: "port must be between 1 and 65535" },
          ]);
        }
        if (tests === 2) {
          throw refusal([{ kind: "server_login", field: "password", message: "the server refused user desk" }]);
        }
        return EMPTY_SERVER;
      },
      choose_server: () => startStatus(),
      get_preferences: () => prefs({ language: "en", languageChosen: true }),
      auth_status: () => authStatus({ session: null }),
    });
    render(<App />);
    await userEvent.click(await screen.findByTestId("choice-server"));
    await screen.findByTestId("chooser-server-form");
    expect(submitButton().disabled).toBe(true);
    expect(screen.getByTestId("server-test-first").textContent).toBe(
      "Test the connection first: only a tested connection can be saved.",
    );

    await userEvent.click(screen.getByTestId("server-test"));
    await waitFor(() => expect(errorUnder("host")).toBe("Server address is required"));
    expect(errorUnder("port")).toBe("Port is out of the possible range");
    expect(submitButton().disabled).toBe(true);

    await userEvent.type(screen.getByTestId("server-host"), "192.168.1.20");
    await userEvent.type(screen.getByTestId("server-user"), "desk");
    await userEvent.type(screen.getByTestId("server-password"), "wrong");
    await userEvent.click(screen.getByTestId("server-test"));
    await waitFor(() =>
      expect(errorUnder("password")).toBe(
        "The server refused this user name and password (or does not let this computer connect)",
      ),
    );
    expect(submitButton().disabled).toBe(true);

    await userEvent.clear(screen.getByTestId("server-password"));
    await userEvent.type(screen.getByTestId("server-password"), "s3cret");
    await userEvent.click(screen.getByTestId("server-tls-disable"));
    await userEvent.click(screen.getByTestId("server-test"));
    expect((await screen.findByTestId("server-tested")).textContent).toBe(
      "Connected: PostgreSQL 15.8, an empty database, which CareDesk will set up",
    );
    await waitFor(() => expect(submitButton().disabled).toBe(false));

    // Changed after the test: it must be tested again.
    await userEvent.clear(screen.getByTestId("server-database"));
    await userEvent.type(screen.getByTestId("server-database"), "caredesk2");
    await waitFor(() => expect(submitButton().disabled).toBe(true));
    expect(screen.queryByTestId("server-tested")).toBeNull();
    await userEvent.click(screen.getByTestId("server-test"));
    await waitFor(() => expect(submitButton().disabled).toBe(false));

    await userEvent.click(submitButton());
    expect(await screen.findByTestId("signin-form")).toBeTruthy();
    const tested = calls.filter((c) => c.cmd === "test_server").at(-1)?.args.server as ServerInput;
    const chosen = calls.find((c) => c.cmd === "choose_server")?.args.server as ServerInput;
    expect(chosen).toEqual(tested);
    expect(chosen).toEqual({
      host: "192.168.1.20",
      port: 5432,
      database: "caredesk2",
      user: "desk",
      password: "s3cret",
      tls: "disable",
    });
  });

  it("keeps the language switched to on the chooser once the database is open", async () => {
    const calls = mockCommands({
      start_status: () => startStatus({ stage: "choose", language: "zh-CN" }),
      choose_this_computer: () => startStatus(),
      get_preferences: () => prefs({ language: "zh-CN", languageChosen: false }),
      set_language: () => null,
      auth_status: () => authStatus({ needsSetup: true, session: null }),
    });
    render(<App />);
    expect(await screen.findByText("选择数据保存位置")).toBeTruthy();
    await userEvent.click(screen.getByTestId("lang-en"));
    expect(await screen.findByText("Where should CareDesk keep its data?")).toBeTruthy();
    await userEvent.click(screen.getByTestId("choose-this-computer"));
    expect(await screen.findByText("Create the administrator")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "set_language")?.args).toEqual({ language: "en" });
  });
});

describe("a start whose database cannot be opened", () => {
  it("says why in the user's language, tries again, and lets another database be chosen", async () => {
    let retries = 0;
    const calls = mockCommands({
      start_status: () =>
        startStatus({
          stage: "failed",
          language: "zh-CN",
          error: refusal([{ kind: "server_unreachable", field: "host", message: "connection refused" }]),
          database: "desk@192.168.1.20:5432/caredesk",
          server: { host: "192.168.1.20", port: 5432, database: "caredesk", user: "desk", tls: "require" },
        }),
      retry_start: () => {
        retries += 1;
        return startStatus({
          stage: "failed",
          language: "zh-CN",
          error: refusal([{ kind: "credential_missing", field: "password", message: "no password" }]),
          database: "desk@192.168.1.20:5432/caredesk",
          server: { host: "192.168.1.20", port: 5432, database: "caredesk", user: "desk", tls: "require" },
        });
      },
    });
    render(<App />);

    expect((await screen.findByTestId("start-failed-database")).textContent).toBe(
      "数据库：desk@192.168.1.20:5432/caredesk",
    );
    expect(screen.getByTestId("start-failed-reason").textContent).toBe(
      "无法连接到服务器：请检查服务器地址和端口是否正确、服务器是否开机、网络是否通畅",
    );
    expect(screen.queryByTestId("boot")).toBeNull();

    await userEvent.click(screen.getByTestId("start-retry"));
    await waitFor(() =>
      expect(screen.getByTestId("start-failed-reason").textContent).toBe(
        "这台电脑的凭据管理中没有服务器的密码：请选择数据库并重新输入密码",
      ),
    );
    expect(retries).toBe(1);

    // "Choose another database": the form starts from the server chosen before, without its password.
    await userEvent.click(screen.getByTestId("start-choose"));
    expect(await screen.findByTestId("chooser-server-form")).toBeTruthy();
    expect((screen.getByTestId("server-host") as HTMLInputElement).value).toBe("192.168.1.20");
    expect((screen.getByTestId("server-user") as HTMLInputElement).value).toBe("desk");
    expect((screen.getByTestId("server-password") as HTMLInputElement).value).toBe("");
    await userEvent.click(screen.getByTestId("chooser-back"));
    expect(await screen.findByTestId("start-failed")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "auth_status")).toBe(false);
  });

  it("only tries again when the command line named the database", async () => {
    mockCommands({
      start_status: () =>
        startStatus({
          stage: "failed",
          language: "en",
          canChoose: false,
          error: refusal([{ kind: "newer_schema", message: "the database was written by a newer CareDesk" }]),
          database: "/data/caredesk.sqlite",
        }),
    });
    render(<App />);
    expect((await screen.findByTestId("start-failed-reason")).textContent).toBe(
      "This database was written by a newer CareDesk: update CareDesk on this computer",
    );
    expect(screen.queryByTestId("start-choose")).toBeNull();
    expect(screen.getByText(/named when CareDesk was started/)).toBeTruthy();
  });
});
