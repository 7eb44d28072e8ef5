import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import type { CallDetail } from "../bindings";
import { CHANGES_EVENT } from "../live";
import { mockCommands, refusal } from "../test/fixtures";
import { renderIn } from "../test/render";
import { type Destination, NavigationContext } from "../shell/navigation";
import { CallPanel } from "./CallPanel";
import { detail, followUpSession, questionnaire } from "./testing";

type Handler = (args: Record<string, unknown>) => unknown;

async function renderPanel(shown: CallDetail, extra: Record<string, Handler> = {}, role: "follow_up" | "service_advisor" = "follow_up") {
  const moves: Destination[] = [];
  // The call as the backend now has it: what the last recorded attempt returned.
  let current = shown;
  const record = extra.record_call_attempt;
  const calls = mockCommands({
    get_follow_up_call: () => current,
    get_service_settings: () => ({ dealership: "长城一汽大众4S店" }),
    ...extra,
    ...(record
      ? {
          record_call_attempt: (args: Record<string, unknown>) => {
            current = record(args) as CallDetail;
            return current;
          },
        }
      : {}),
  });
  await renderIn(
    "zh-CN",
    <NavigationContext.Provider value={(d) => moves.push(d)}>
      <CallPanel callId={shown.call.id} row={shown.call.row} lang="zh-CN" onClose={() => {}} onChanged={() => {}} />
    </NavigationContext.Provider>,
    followUpSession(role, 1),
  );
  return { calls, moves };
}

/** The panel of an open call, with the focus on the outcome box. */
async function openCall(extra: Record<string, Handler> = {}) {
  const result = await renderPanel(detail(), extra);
  const outcome = await screen.findByTestId("call-outcome");
  await waitFor(() => expect(document.activeElement).toBe(outcome));
  return result;
}

const completed = (over: Partial<CallDetail> = {}): CallDetail =>
  detail(
    {
      survey: {
        version: 3,
        answers: [
          { key: "preparation", value: 4 },
          { key: "friendliness", value: 2 },
          { key: "quality", value: 5 },
          { key: "recommend", value: 1 },
        ],
        comment: "等太久了",
        flagged: true,
        csi: 5500,
      },
      attempts: [{ outcome: "reached", at: "2026-11-22T02:00:00Z", by: "周燕", note: "" }],
      complaintNumber: "TS20261122-004",
      ...over,
    },
    { status: "completed", due: "closed", attempts: 1, lastOutcome: "reached", csi: 5500, complaintId: 9, callerId: 1, callerName: "周燕" },
  );

describe("the call panel", () => {
  it("shows the call, the script with its placeholders filled, and the phrases never to say", async () => {
    await openCall();
    const panel = screen.getByTestId("call-panel");
    expect(panel.getAttribute("data-status")).toBe("open");
    expect(panel.textContent).toContain("张伟");
    expect(panel.textContent).toContain("139 1234 5678");
    expect(panel.textContent).toContain("更换机油机滤");
    expect(screen.getByTestId("call-script-greeting").textContent).toContain("您好，请问是张伟吗？我是长城一汽大众4S店的回访专员。");
    expect(screen.getByTestId("call-script-purpose").textContent).toContain("2026-11-21");
    expect(screen.getByTestId("call-script-purpose").textContent).toContain("京A12345");
    expect(screen.getByTestId("call-never").textContent).toContain("这是公司规定");
    expect(screen.getByTestId("call-legend").textContent).toContain("6 约定回电");
  });

  it("records a reached call typed with number keys, Tab and Enter", async () => {
    const { calls } = await openCall({ record_call_attempt: () => completed() });
    await userEvent.keyboard("1");
    expect(await screen.findByTestId("answer-preparation")).toBeTruthy();
    expect(screen.getByTestId("call-outcome-name").textContent).toBe("接通");
    for (const digit of ["4", "2", "5", "1"]) {
      await userEvent.tab();
      await userEvent.keyboard(digit);
    }
    expect((screen.getByTestId("answer-recommend") as HTMLInputElement).value).toBe("1");
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("call-comment"));
    await userEvent.keyboard("等太久了");
    await userEvent.tab();
    await userEvent.keyboard("1");
    expect((screen.getByTestId("call-flag") as HTMLInputElement).checked).toBe(true);
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("call-note"));
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("call-save"));
    await userEvent.keyboard("{Enter}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_call_attempt")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_call_attempt")?.args).toEqual({
      id: 41,
      attempt: {
        outcome: "reached",
        note: "",
        survey: {
          answers: [
            { key: "preparation", value: 4 },
            { key: "friendliness", value: 2 },
            { key: "quality", value: 5 },
            { key: "recommend", value: 1 },
          ],
          comment: "等太久了",
          flagged: true,
        },
      },
    });
    await waitFor(() => expect(screen.getByTestId("call-panel").getAttribute("data-status")).toBe("completed"));
    expect(screen.getByTestId("call-csi").textContent).toBe("55.0");
    expect(screen.getByTestId("call-csi").getAttribute("data-value")).toBe("5500");
  });

  it("takes only the legal keys in a box, and keeps a typed digit where it is", async () => {
    await openCall();
    await userEvent.keyboard("7");
    expect((screen.getByTestId("call-outcome") as HTMLInputElement).value).toBe("");
    await userEvent.keyboard("1");
    const box = (await screen.findByTestId("answer-friendliness")) as HTMLInputElement;
    await userEvent.click(box);
    await userEvent.keyboard("7");
    expect(box.value).toBe("");
    await userEvent.keyboard("a");
    expect(box.value).toBe("");
    await userEvent.keyboard("0");
    expect(box.value).toBe("");
    await userEvent.keyboard("3");
    expect(box.value).toBe("3");
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard("9");
    expect(box.value).toBe("3");
    await userEvent.keyboard("5");
    expect(box.value).toBe("5");
    await userEvent.keyboard("{Backspace}");
    expect(box.value).toBe("");
    const yesNo = screen.getByTestId("answer-recommend") as HTMLInputElement;
    await userEvent.click(yesNo);
    await userEvent.keyboard("3");
    expect(yesNo.value).toBe("");
    await userEvent.keyboard("0");
    expect(yesNo.value).toBe("0");
  });

  it("asks for the call-back time on outcome 6 and shows a past time refused on its field", async () => {
    const { calls } = await openCall({
      record_call_attempt: () => {
        throw refusal([{ kind: "in_the_past", field: "callBackAt", message: "the call-back time must be later than now" }]);
      },
    });
    expect(screen.queryByTestId("call-callback-at")).toBeNull();
    await userEvent.keyboard("6");
    const at = await screen.findByTestId("call-callback-at");
    expect(screen.queryByTestId("answer-preparation")).toBeNull();
    await userEvent.tab();
    expect(document.activeElement).toBe(at);
    await userEvent.keyboard("2020-01-02 10:30");
    await userEvent.tab();
    await userEvent.keyboard("客户在开会{Enter}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_call_attempt")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_call_attempt")?.args).toEqual({
      id: 41,
      attempt: { outcome: "call_back", note: "客户在开会", callBackAt: "2020-01-02T10:30:00" },
    });
    const item = at.closest(".ant-form-item") as HTMLElement;
    await waitFor(() => expect(item.textContent).toContain("回电时间必须晚于现在"));
    expect(item.className).toContain("ant-form-item-has-error");
  });

  it("marks the answer the backend refused", async () => {
    await openCall({
      record_call_attempt: () => {
        throw refusal([{ kind: "required", field: "answers.friendliness", message: "Customer friendliness needs an answer" }]);
      },
    });
    await userEvent.keyboard("1");
    await screen.findByTestId("answer-preparation");
    await userEvent.click(screen.getByTestId("call-save"));
    const box = screen.getByTestId("answer-friendliness");
    const item = box.closest(".call-question") as HTMLElement;
    await waitFor(() => expect(item.querySelector(".ant-form-item-explain-error")?.textContent).toContain("客户友好度"));
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("answer-preparation").getAttribute("aria-invalid")).not.toBe("true");
  });

  it("shows the complaint a hot alert opened, with its link", async () => {
    const { moves } = await openCall({ record_call_attempt: () => completed() });
    await userEvent.keyboard("1");
    await screen.findByTestId("answer-preparation");
    fireEvent.submit(screen.getByTestId("call-save").closest("form") as HTMLFormElement);
    const notice = await screen.findByTestId("call-complaint");
    expect(notice.textContent).toContain("TS20261122-004");
    await userEvent.click(within(notice).getByTestId("call-complaint-open"));
    expect(moves).toEqual([{ module: "complaints", complaintId: 9 }]);
  });

  it("shows a completed call's answers read-only, with the questionnaire version", async () => {
    await renderPanel(completed());
    const answers = await screen.findByTestId("call-answers");
    expect(screen.getByTestId("call-panel").getAttribute("data-status")).toBe("completed");
    expect(screen.queryByTestId("call-outcome")).toBeNull();
    expect(screen.getByTestId("call-version").textContent).toContain("v3");
    expect(screen.getByTestId("call-answer-friendliness").getAttribute("data-value")).toBe("2");
    expect(screen.getByTestId("call-answer-recommend").textContent).toContain("是");
    expect(answers.textContent).toContain("等太久了");
    expect(screen.getByTestId("call-attempts").textContent).toContain("接通");
  });

  it("offers an advisor no entry", async () => {
    await renderPanel(detail(), {}, "service_advisor");
    await screen.findByTestId("call-script");
    expect(screen.queryByTestId("call-outcome")).toBeNull();
    expect(screen.queryByTestId("call-save")).toBeNull();
  });

  it("uses the questionnaire's own questions in its order", async () => {
    const q = questionnaire({
      questions: [
        ...questionnaire().questions.slice(0, 3),
        { key: "overall", section: "overall", answer: "score", zh: "总体满意度", en: "Overall", required: true, category: "other" },
      ],
    });
    await renderPanel(detail({ questionnaire: q }));
    const outcome = await screen.findByTestId("call-outcome");
    await waitFor(() => expect(document.activeElement).toBe(outcome));
    await userEvent.keyboard("1");
    const boxes = (await screen.findByTestId("call-questions")).querySelectorAll("[data-testid^='answer-']");
    expect([...boxes].map((b) => b.getAttribute("data-testid"))).toEqual([
      "answer-preparation",
      "answer-friendliness",
      "answer-quality",
      "answer-overall",
    ]);
  });
});

describe("the call panel, live", () => {
  const changedElsewhere = () => emit(CHANGES_EVENT, { changes: [{ kind: "follow_up", id: 41 }], everything: false });

  it("shows the call given to another caller without a click, and keeps what the caller had typed", async () => {
    let shown = detail();
    mockCommands({
      get_follow_up_call: () => shown,
      get_service_settings: () => ({ dealership: "长城一汽大众4S店" }),
    });
    await renderIn(
      "zh-CN",
      <CallPanel callId={41} row={3} lang="zh-CN" onClose={() => {}} onChanged={() => {}} />,
      followUpSession("follow_up", 1),
    );
    const outcome = await screen.findByTestId("call-outcome");
    await waitFor(() => expect(document.activeElement).toBe(outcome));
    await userEvent.keyboard("1");
    await userEvent.click(await screen.findByTestId("answer-preparation"));
    await userEvent.keyboard("4");
    await userEvent.type(screen.getByTestId("call-note"), "客户很满意");

    // The manager gives the call to 孙丽, who has already tried once.
    shown = detail(
      { attempts: [{ outcome: "no_answer", at: "2026-11-22T02:00:00Z", by: "孙丽", note: "" }] },
      { callerId: 8, callerName: "孙丽", attempts: 1, lastOutcome: "no_answer" },
    );
    await changedElsewhere();

    expect(await screen.findByText("该回访已由孙丽领取，只能查看。")).toBeTruthy();
    expect(screen.getByTestId("call-changed").textContent).toContain("您输入的内容已保留");
    expect(screen.getByTestId("call-attempts").textContent).toContain("孙丽");
    expect((screen.getByTestId("call-outcome") as HTMLInputElement).value).toBe("1");
    expect((screen.getByTestId("answer-preparation") as HTMLInputElement).value).toBe("4");
    expect((screen.getByTestId("call-note") as HTMLInputElement).value).toBe("客户很满意");
  });

  it("shows an attempt made on another desk, and takes the entry away from a caller who typed nothing", async () => {
    let shown = detail();
    mockCommands({
      get_follow_up_call: () => shown,
      get_service_settings: () => ({}),
    });
    await renderIn(
      "zh-CN",
      <CallPanel callId={41} lang="zh-CN" onClose={() => {}} onChanged={() => {}} />,
      followUpSession("follow_up", 1),
    );
    await screen.findByTestId("call-outcome");
    // Opened from elsewhere: the title numbers the call as the day's list does.
    expect(await screen.findByText("回访 · 序号 3")).toBeTruthy();

    shown = detail(
      { attempts: [{ outcome: "no_answer", at: "2026-11-22T02:00:00Z", by: "孙丽", note: "" }] },
      { callerId: 8, callerName: "孙丽", attempts: 1, lastOutcome: "no_answer" },
    );
    await changedElsewhere();

    await waitFor(() => expect(screen.getByTestId("call-attempt-1").getAttribute("data-outcome")).toBe("no_answer"));
    expect(screen.queryByTestId("call-outcome")).toBeNull();
    expect(screen.queryByTestId("call-changed")).toBeNull();
  });
});
