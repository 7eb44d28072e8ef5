import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Printed } from "../bindings";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { PrintedNotice } from "./Print";

const PRINTED: Printed = { path: "/data/prints/20261122-003-repair_order.pdf", bytes: 48_213 };

describe("a printed paper's notice", () => {
  it("saves a copy where the person chooses and names it", async () => {
    const calls = mockCommands({
      save_printed_copy: () => ({ path: "/home/advisor/Desktop/repair order.pdf", bytes: 48_213 }),
    });
    await renderIn("en", <PrintedNotice printed={PRINTED} lang="en" onClose={() => {}} />);

    expect(screen.getByTestId("printed-save-copy").textContent).toBe("Save a copy as…");
    await userEvent.click(screen.getByTestId("printed-save-copy"));

    expect((await screen.findByTestId("printed-copy-path")).textContent).toBe("/home/advisor/Desktop/repair order.pdf");
    expect(await screen.findByText("A copy was saved to /home/advisor/Desktop/repair order.pdf")).toBeTruthy();
    expect(calls.filter((c) => c.cmd === "save_printed_copy").map((c) => c.args)).toEqual([{ path: PRINTED.path }]);
    // The paper itself stays where it was printed.
    expect(screen.getByTestId("printed-path").textContent).toBe(PRINTED.path);
  });

  it("does nothing when the save dialog is cancelled", async () => {
    const calls = mockCommands({ save_printed_copy: () => null });
    await renderIn("zh-CN", <PrintedNotice printed={PRINTED} lang="zh-CN" onClose={() => {}} />);

    expect(screen.getByTestId("printed-save-copy").textContent).toBe("另存副本…");
    await userEvent.click(screen.getByTestId("printed-save-copy"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "save_printed_copy")).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("printed-save-copy").className).not.toContain("ant-btn-loading"));
    expect(screen.queryByTestId("printed-copy-path")).toBeNull();
    expect(screen.queryByText(/副本已保存到/)).toBeNull();
  });

  it("says why a copy could not be saved", async () => {
    mockCommands({
      save_printed_copy: () => {
        throw refusal([{ kind: "internal", message: "disk full" }]);
      },
    });
    await renderIn("en", <PrintedNotice printed={PRINTED} lang="en" onClose={() => {}} />);
    await userEvent.click(screen.getByTestId("printed-save-copy"));
    await waitFor(() => expect(document.querySelector(".ant-message-error")).not.toBeNull());
    expect(screen.queryByTestId("printed-copy-path")).toBeNull();
  });
});
