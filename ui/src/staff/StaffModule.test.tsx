import { screen, waitFor, within } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { StaffInput, StaffMember } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { auditEntry, mockCommands, refusal, staffMember } from "../test/fixtures";
import { renderIn, testSession } from "../test/render";
import { StaffModule } from "./StaffModule";

const ADMIN = staffMember({ id: 1 });
const ADVISOR = staffMember({ id: 2, role: "service_advisor" });
const TECHNICIAN = staffMember({ id: 3, role: "technician", active: false });

const errorUnder = (field: string) =>
  document.querySelector(`.ant-modal .field-${field} .ant-form-item-explain-error`)?.textContent ?? null;

describe("staff management", () => {
  it("lists the accounts with their role and status", async () => {
    mockCommands({ list_staff: () => [ADMIN, ADVISOR, TECHNICIAN] });
    await renderIn("zh-CN", <StaffModule lang="zh-CN" />);

    const rows = await screen.findAllByTestId("staff-row");
    expect(rows.map((r) => r.tagName)).toEqual(["TR", "TR", "TR"]);
    expect(rows.map((r) => r.getAttribute("data-staff-login"))).toEqual(["admin", "wangli", "zhaogang"]);
    expect(within(rows[0]).getByText("系统管理员")).toBeTruthy();
    expect(within(rows[0]).getByText("本人")).toBeTruthy();
    expect(within(rows[1]).getByText("服务顾问")).toBeTruthy();
    expect(within(rows[1]).getByText("启用")).toBeTruthy();
    expect(within(rows[2]).getByText("车间主管 / 维修技师")).toBeTruthy();
    expect(within(rows[2]).getByText("已停用")).toBeTruthy();
  });

  it("adds a member, showing the backend's refusals on their fields", async () => {
    let staff: StaffMember[] = [ADMIN];
    let attempts = 0;
    const calls = mockCommands({
      list_staff: () => staff,
      create_staff: ({ input }) => {
        attempts += 1;
        if (attempts === 1) {
          throw refusal([
            { kind: "duplicate", field: "login", message: "the login wangli is taken" },
            { kind: "weak_password", field: "password", message: "password must have 8 to 128 characters" },
          ]);
        }
        const created = { id: 7, ...(input as StaffInput) };
        staff = [...staff, created];
        return created;
      },
    });
    await renderIn("zh-CN", <StaffModule lang="zh-CN" />);
    await screen.findAllByTestId("staff-row");

    await userEvent.click(screen.getByTestId("staff-add"));
    await userEvent.type(await screen.findByTestId("staff-name"), "周燕");
    await userEvent.type(screen.getByTestId("staff-login"), "wangli");
    await userEvent.type(screen.getByTestId("staff-password"), "short");
    await userEvent.click(screen.getByTestId("staff-role-follow_up"));
    await userEvent.click(screen.getByTestId("staff-save"));

    await waitFor(() => expect(errorUnder("login")).toBe("登录名已登记在其他员工名下"));
    expect(errorUnder("password")).toBe("密码至少需要 8 个字符，且不能与登录名相同");
    expect(screen.getByTestId("form-errors").textContent).toContain("登录名");

    await userEvent.clear(screen.getByTestId("staff-login"));
    await userEvent.type(screen.getByTestId("staff-login"), "zhouyan");
    await userEvent.clear(screen.getByTestId("staff-password"));
    await userEvent.type(screen.getByTestId("staff-password"), "first day 2026");
    await userEvent.click(screen.getByTestId("staff-save"));

    await waitFor(() => expect(screen.getAllByTestId("staff-row")).toHaveLength(2));
    const creates = calls.filter((c) => c.cmd === "create_staff");
    expect(creates.at(-1)?.args).toEqual({
      input: { name: "周燕", login: "zhouyan", role: "follow_up", active: true },
      password: "first day 2026",
    });
    const added = screen.getAllByTestId("staff-row").find((r) => r.getAttribute("data-staff-login") === "zhouyan");
    expect(added && within(added).getByText("回访专员")).toBeTruthy();
  });

  it("edits a member's name, role and status, in English", async () => {
    let staff: StaffMember[] = [ADMIN, ADVISOR];
    const refresh = vi.fn();
    const calls = mockCommands({
      list_staff: () => staff,
      update_staff: ({ id, input }) => {
        const updated = { id: id as number, ...(input as StaffInput) };
        staff = staff.map((m) => (m.id === updated.id ? updated : m));
        return updated;
      },
    });
    await renderIn("en", <StaffModule lang="en" />, testSession("administrator", { refresh }));

    const row = (await screen.findAllByTestId("staff-row"))[1];
    await userEvent.click(within(row).getByTestId("staff-edit"));
    const name = await screen.findByTestId("staff-name");
    expect(name).toHaveProperty("value", "王丽");
    expect(screen.queryByTestId("staff-password")).toBeNull();
    await userEvent.clear(name);
    await userEvent.type(name, "王丽华");
    await userEvent.click(screen.getByTestId("staff-role-service_manager"));
    await userEvent.click(screen.getByTestId("staff-active"));
    await userEvent.click(screen.getByTestId("staff-save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "update_staff")).toBe(true));
    expect(calls.find((c) => c.cmd === "update_staff")?.args).toEqual({
      id: 2,
      input: { name: "王丽华", login: "wangli", role: "service_manager", active: false },
    });
    const edited = (await screen.findAllByTestId("staff-row"))[1];
    await waitFor(() => expect(within(edited).getByText("Disabled")).toBeTruthy());
    expect(within(edited).getByText("Service manager")).toBeTruthy();
    // Another member's account: the signed-in session is unchanged.
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refuses to disable the last administrator, on the field concerned", async () => {
    mockCommands({
      list_staff: () => [ADMIN],
      update_staff: () => {
        throw refusal([{ kind: "invalid_state", field: "role", message: "CareDesk needs at least one active administrator" }]);
      },
    });
    await renderIn("en", <StaffModule lang="en" />);
    const edit = await screen.findByTestId("staff-edit");
    // The list may still be under its loading veil (no pointer events) on a busy machine.
    await waitFor(() => expect(edit.closest(".ant-spin-spinning")).toBeNull());
    await userEvent.click(edit);
    await userEvent.click(await screen.findByTestId("staff-role-technician"));
    await userEvent.click(screen.getByTestId("staff-save"));
    await waitFor(() => expect(errorUnder("role")).toContain("This cannot be done"));
  });

  it("resets a password and shows an account's history", async () => {
    const calls = mockCommands({
      list_staff: () => [ADMIN, ADVISOR],
      reset_password: () => null,
      staff_history: () => [
        auditEntry({ id: 2, entity: "staff", entityId: 2, action: "password_reset", staffName: "刘洋" }),
        auditEntry({
          id: 1,
          entity: "staff",
          entityId: 2,
          action: "updated",
          staffName: "刘洋",
          at: "2025-12-01T01:00:00Z",
          changes: [
            { field: "name", before: "王莉", after: "王丽" },
            { field: "role", before: "technician", after: "service_advisor" },
          ],
        }),
      ],
    });
    await renderIn("zh-CN", <StaffModule lang="zh-CN" />);
    const row = (await screen.findAllByTestId("staff-row"))[1];

    await userEvent.click(within(row).getByTestId("staff-reset-password"));
    await userEvent.type(await screen.findByTestId("reset-password"), "new start 2026");
    await userEvent.click(screen.getByTestId("reset-password-save"));
    expect(await screen.findByText("已为「王丽」设置新密码")).toBeTruthy();
    expect(calls.find((c) => c.cmd === "reset_password")?.args).toEqual({ id: 2, password: "new start 2026" });

    await userEvent.click(within(row).getByTestId("staff-history"));
    const entries = await within(await screen.findByTestId("staff-history-modal")).findAllByTestId("history-entry");
    expect(entries[0].textContent).toContain("重置密码");
    expect(entries[1].textContent).toContain("姓名：王莉 → 王丽");
    expect(entries[1].textContent).toContain("角色：车间主管 / 维修技师 → 服务顾问");
  });

  it("shows an account added on another desk without a click", async () => {
    let staff: StaffMember[] = [ADMIN];
    mockCommands({ list_staff: () => staff });
    await renderIn("zh-CN", <StaffModule lang="zh-CN" />);
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(1);

    staff = [ADMIN, ADVISOR];
    await emit(CHANGES_EVENT, { changes: [{ kind: "staff", id: 2 }], everything: false });
    await waitFor(() => expect(screen.getAllByTestId("staff-row")).toHaveLength(2));
  });

  it("says why the list could not be read, and reads it again on Retry", async () => {
    let failing = true;
    mockCommands({
      list_staff: () => {
        if (failing) throw refusal([{ kind: "internal", message: "database is locked" }]);
        return [ADMIN];
      },
    });
    await renderIn("zh-CN", <StaffModule lang="zh-CN" />);
    const retry = await screen.findByTestId("read-retry");
    failing = false;
    await userEvent.click(retry);
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId("read-retry")).toBeNull());
  });
});
