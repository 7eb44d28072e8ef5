import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App";
import type { Language, Preferences } from "../bindings";
import { authStatus, mockCommands, refusal, sessionInfo, stats, summary } from "../test/fixtures";

const prefs = (language: Language = "zh-CN"): Preferences => ({
  language,
  languageChosen: true,
  databasePath: "/data/caredesk/caredesk.sqlite",
});

const SIGNED_OUT = authStatus({ session: null });

const archive = {
  archive_stats: () => stats(),
  search_customers: () => [summary()],
};

/** The error shown under a form field (`.field-<name>`). */
const errorUnder = (field: string) =>
  document.querySelector(`.field-${field} .ant-form-item-explain`)?.textContent ?? null;

describe("the sign-in state", () => {
  it("says why it could not be read, and asks again on Retry", async () => {
    let failing = true;
    mockCommands({
      get_preferences: () => prefs("zh-CN"),
      auth_status: () => {
        if (failing) throw refusal([{ kind: "internal", message: "database is locked" }]);
        return SIGNED_OUT;
      },
      ...archive,
    });
    render(<App />);
    expect(await screen.findByText("无法读取登录状态")).toBeTruthy();
    failing = false;
    await userEvent.click(screen.getByRole("button", { name: /重\s*试/ }));
    expect(await screen.findByTestId("signin-login")).toBeTruthy();
  });
});

describe("the first start", () => {
  it("creates the administrator, showing the backend's refusals on their fields, then signs in", async () => {
    let attempts = 0;
    const calls = mockCommands({
      get_preferences: () => prefs("zh-CN"),
      auth_status: () => authStatus({ needsSetup: true, session: null }),
      create_administrator: () => {
        attempts += 1;
        if (attempts === 1) {
          throw refusal([
            { kind: "invalid_login", field: "login", message: "login must be 3 to 32 letters" },
            { kind: "weak_password", field: "password", message: "password must have 8 to 128 characters" },
          ]);
        }
        return authStatus();
      },
      ...archive,
    });
    render(<App />);

    const name = await screen.findByTestId("setup-name");
    expect(name.tagName).toBe("INPUT");
    expect(screen.getByText("创建系统管理员")).toBeTruthy();
    await userEvent.type(name, "刘洋");
    await userEvent.type(screen.getByTestId("setup-login"), "刘");
    await userEvent.type(screen.getByTestId("setup-password"), "short");
    await userEvent.type(screen.getByTestId("setup-password-confirm"), "shrot");
    await userEvent.click(screen.getByTestId("setup-submit"));

    // The repeated password is compared here; nothing is sent until it matches.
    await waitFor(() => expect(errorUnder("passwordConfirm")).toBe("两次输入的密码不一致"));
    expect(calls.some((c) => c.cmd === "create_administrator")).toBe(false);

    await userEvent.clear(screen.getByTestId("setup-password-confirm"));
    await userEvent.type(screen.getByTestId("setup-password-confirm"), "short");
    await userEvent.click(screen.getByTestId("setup-submit"));

    await waitFor(() => expect(errorUnder("login")).toBe("登录名须为 3–32 位小写字母、数字、点、短横线或下划线"));
    expect(errorUnder("password")).toBe("密码至少需要 8 个字符，且不能与登录名相同");
    expect(calls.find((c) => c.cmd === "create_administrator")?.args).toEqual({
      setup: { name: "刘洋", login: "刘", password: "short" },
    });
    // Nothing typed is lost.
    expect(screen.getByTestId("setup-name")).toHaveProperty("value", "刘洋");

    await userEvent.clear(screen.getByTestId("setup-login"));
    await userEvent.type(screen.getByTestId("setup-login"), "admin");
    for (const id of ["setup-password", "setup-password-confirm"]) {
      await userEvent.clear(screen.getByTestId(id));
      await userEvent.type(screen.getByTestId(id), "correct horse");
    }
    await userEvent.click(screen.getByTestId("setup-submit"));

    expect((await screen.findByTestId("page-title")).textContent).toBe("客户档案");
    expect(screen.getByTestId("user-menu").textContent).toContain("刘洋");
    expect(screen.getByTestId("user-menu").textContent).toContain("系统管理员");
  });
});

describe("signing in", () => {
  it("shows each refusal under its field, in the active language, and signs in with Enter", async () => {
    const answers = [
      refusal([{ kind: "wrong_password", field: "password", message: "the login or the password is wrong" }]),
      refusal([{ kind: "account_disabled", field: "login", message: "this account is disabled" }]),
      refusal([{ kind: "too_many_attempts", field: "password", message: "try again in 30 seconds" }]),
    ];
    const calls = mockCommands({
      get_preferences: () => prefs("en"),
      set_language: () => null,
      auth_status: () => SIGNED_OUT,
      sign_in: () => {
        const answer = answers.shift();
        if (answer) throw answer;
        return authStatus({ session: sessionInfo("service_advisor") });
      },
      ...archive,
    });
    render(<App />);

    const login = await screen.findByTestId("signin-login");
    expect(login.tagName).toBe("INPUT");
    expect(screen.getByTestId("signin-password").tagName).toBe("INPUT");
    await userEvent.type(login, "wangli");
    await userEvent.type(screen.getByTestId("signin-password"), "wrong one");
    await userEvent.click(screen.getByTestId("signin-submit"));

    const wrong = await screen.findByTestId("signin-error");
    expect(wrong.textContent).toBe("The login or the password is wrong");
    expect(wrong.closest(".field-password")).not.toBeNull();
    expect(calls.find((c) => c.cmd === "sign_in")?.args).toEqual({ login: "wangli", password: "wrong one" });

    // The same refusal in Chinese once the language is switched.
    await userEvent.click(screen.getByTestId("lang-zh-CN"));
    await waitFor(() => expect(screen.getByTestId("signin-error").textContent).toBe("登录名或密码不正确"));

    await userEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() =>
      expect(screen.getByTestId("signin-error").textContent).toBe("该账号已停用，请联系系统管理员"),
    );
    expect(screen.getByTestId("signin-error").closest(".field-login")).not.toBeNull();

    await userEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(screen.getByTestId("signin-error").textContent).toBe("密码错误次数过多，请稍候再试"));

    await userEvent.clear(screen.getByTestId("signin-password"));
    await userEvent.type(screen.getByTestId("signin-password"), "correct horse{Enter}");

    expect((await screen.findByTestId("page-title")).textContent).toBe("客户档案");
    expect(screen.getByTestId("user-menu").textContent).toContain("王丽");
    expect(screen.getByTestId("user-menu").textContent).toContain("服务顾问");
    expect(calls.filter((c) => c.cmd === "sign_in").at(-1)?.args).toEqual({ login: "wangli", password: "correct horse" });
  });

  it("returns to sign-in when a command finds the session gone", async () => {
    mockCommands({
      get_preferences: () => prefs("en"),
      archive_stats: () => stats(),
      search_customers: () => {
        throw refusal([{ kind: "unauthenticated", message: "sign in first" }]);
      },
    });
    render(<App />);

    expect(await screen.findByTestId("signin-login")).toBeTruthy();
    expect(screen.getByTestId("signin-notice").textContent).toContain("Your session has ended");
    expect(screen.queryByTestId("page-title")).toBeNull();
  });
});

describe("the signed-in member's menu", () => {
  it("signs out to the sign-in screen", async () => {
    const calls = mockCommands({ get_preferences: () => prefs("zh-CN"), sign_out: () => null, ...archive });
    render(<App />);

    await userEvent.click(await screen.findByTestId("user-menu"));
    await userEvent.click(await screen.findByTestId("menu-sign-out"));

    expect(await screen.findByTestId("signin-login")).toBeTruthy();
    expect(calls.some((c) => c.cmd === "sign_out")).toBe(true);
    expect(screen.getByTestId("signin-notice").textContent).toContain("已退出登录");
  });

  it("changes the member's own password, showing a wrong current password on its field", async () => {
    let attempts = 0;
    const calls = mockCommands({
      get_preferences: () => prefs("zh-CN"),
      change_password: () => {
        attempts += 1;
        if (attempts === 1) {
          throw refusal([{ kind: "wrong_password", field: "currentPassword", message: "the current password is wrong" }]);
        }
        return null;
      },
      ...archive,
    });
    render(<App />);

    await userEvent.click(await screen.findByTestId("user-menu"));
    await userEvent.click(await screen.findByTestId("menu-change-password"));
    await userEvent.type(await screen.findByTestId("password-current"), "old secret");
    await userEvent.type(screen.getByTestId("password-new"), "new secret 1");
    await userEvent.type(screen.getByTestId("password-confirm"), "new secret 1");
    await userEvent.click(screen.getByTestId("password-save"));

    await waitFor(() => expect(errorUnder("currentPassword")).toBe("当前密码不正确"));
    await userEvent.clear(screen.getByTestId("password-current"));
    await userEvent.type(screen.getByTestId("password-current"), "old secret!");
    await userEvent.click(screen.getByTestId("password-save"));

    expect(await screen.findByText("密码已修改")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "change_password").map((c) => c.args)).toEqual([
      { currentPassword: "old secret", newPassword: "new secret 1" },
      { currentPassword: "old secret!", newPassword: "new secret 1" },
    ]);
  });
});

describe("the lock screen", () => {
  it("covers the work when a command is refused as locked, and unlocks with the member's password", async () => {
    let locked = true;
    const calls = mockCommands({
      get_preferences: () => prefs("zh-CN"),
      archive_stats: () => stats(),
      search_customers: () => {
        if (locked) throw refusal([{ kind: "locked", message: "the screen is locked; enter your password" }]);
        return [summary()];
      },
      unlock: ({ password }) => {
        if (password !== "correct horse") {
          throw refusal([{ kind: "wrong_password", field: "password", message: "the login or the password is wrong" }]);
        }
        locked = false;
        return authStatus();
      },
    });
    render(<App />);

    const lock = await screen.findByTestId("lock-screen");
    expect(lock.textContent).toContain("刘洋");
    expect(lock.textContent).toContain("屏幕已锁定");
    // The work underneath stays mounted, out of reach.
    expect(screen.getByTestId("page-title")).toBeTruthy();
    expect(screen.getByTestId("page-title").closest("[inert]")).not.toBeNull();

    const password = within(lock).getByTestId("unlock-password");
    expect(password.tagName).toBe("INPUT");
    await userEvent.type(password, "wrong");
    await userEvent.click(within(lock).getByTestId("unlock-submit"));
    await waitFor(() => expect(lock.textContent).toContain("密码不正确"));

    await userEvent.clear(password);
    await userEvent.type(password, "correct horse{Enter}");

    await waitFor(() => expect(screen.queryByTestId("lock-screen")).toBeNull());
    expect(calls.filter((c) => c.cmd === "unlock").map((c) => c.args.password)).toEqual(["wrong", "correct horse"]);
    // What was refused while locked is read again.
    expect(await screen.findByTestId("customer-row")).toBeTruthy();
    expect(screen.getByTestId("page-title").closest("[inert]")).toBeNull();
  });

  it("locks from the menu, telling the backend", async () => {
    const calls = mockCommands({
      get_preferences: () => prefs("en"),
      lock: () => authStatus({ session: sessionInfo("administrator", { locked: true }) }),
      ...archive,
    });
    render(<App />);

    await userEvent.click(await screen.findByTestId("user-menu"));
    await userEvent.click(await screen.findByTestId("menu-lock"));

    const lock = await screen.findByTestId("lock-screen");
    expect(lock.textContent).toContain("Screen locked");
    expect(lock.textContent).toContain("刘洋 (Administrator)");
    await waitFor(() => expect(calls.some((c) => c.cmd === "lock")).toBe(true));
  });
});
