import i18n from "i18next";
import { beforeEach, describe, expect, it } from "vitest";
import { applyLanguage } from "../i18n";
import { changeLabel, formatValue } from "../history/changes";
import {
  answerKeys,
  bandLabel,
  fillScript,
  followUpFieldLabel,
  followUpIssueText,
  formatCsi,
  formatWeight,
  outcomeKey,
  outcomeOf,
  parseLocalDateTime,
  share,
} from "./model";
import { call, questionnaire } from "./testing";

describe("the follow-up figures", () => {
  it("reads the index in hundredths with one decimal", () => {
    expect(formatCsi(8800)).toBe("88.0");
    expect(formatCsi(8767)).toBe("87.7");
    expect(formatCsi(10000)).toBe("100.0");
    expect(formatCsi(0)).toBe("0.0");
    expect(formatCsi(undefined)).toBe("—");
  });

  it("names the bands, the weights and the shares", () => {
    expect(bandLabel(0, 6000)).toBe("<60");
    expect(bandLabel(6000, 7000)).toBe("60–70");
    expect(bandLabel(9000, 10001)).toBe("90–100");
    expect(formatWeight(1600)).toBe("16%");
    expect(formatWeight(1250)).toBe("12.5%");
    expect(share({ part: 12, whole: 16, percent: 75 }, "zh-CN")).toBe("75.0%");
    expect(share(undefined, "en")).toBe("—");
  });

  it("keys the outcomes 1–6 in the order of the sheet", () => {
    expect(outcomeKey("reached")).toBe("1");
    expect(outcomeKey("call_back")).toBe("6");
    expect(outcomeOf("4")).toBe("wrong_number");
    expect(outcomeOf("7")).toBeUndefined();
    expect(outcomeOf("")).toBeUndefined();
    expect(answerKeys("score")).toEqual(["1", "2", "3", "4", "5"]);
    expect(answerKeys("yes_no")).toEqual(["1", "0"]);
  });

  it("reads a typed call-back time as the backend's local date-time", () => {
    expect(parseLocalDateTime("2026-11-24 10:00")).toBe("2026-11-24T10:00:00");
    expect(parseLocalDateTime(" 2026-11-24T9:05 ")).toBe("2026-11-24T09:05:00");
    expect(parseLocalDateTime("2026-02-30 10:00")).toBeNull();
    expect(parseLocalDateTime("tomorrow")).toBeNull();
  });

  it("fills the script's placeholders", () => {
    const text = "您好{customer}，{dealership}感谢您{date}保养{vehicle}";
    expect(fillScript(text, call(), "本店", "zh-CN")).toBe("您好张伟，本店感谢您2026-11-21保养一汽-大众 迈腾（京A12345）");
    expect(fillScript("{vehicle} on {date}", call(), "us", "en")).toBe("一汽-大众 迈腾 (京A12345) on 21 Nov 2026");
  });
});

describe("the follow-up refusals and history, in Chinese", () => {
  beforeEach(async () => {
    await applyLanguage("zh-CN");
  });

  it("names the fields by the question and the part of the questionnaire", () => {
    const t = i18n.t;
    expect(followUpFieldLabel("answers.friendliness", t, "zh-CN", questionnaire())).toBe("客户友好度");
    expect(followUpFieldLabel("questions.1.weightBp", t, "zh-CN")).toBe("问题 2 · 权重");
    expect(followUpFieldLabel("script.greeting.en", t, "zh-CN")).toBe("开场白 · English");
    expect(followUpFieldLabel("maxAttempts", t, "zh-CN")).toBe("拨打次数上限");
    expect(
      followUpIssueText({ kind: "in_the_past", field: "callBackAt", message: "later than now" }, t, "zh-CN"),
    ).toBe("回电时间必须晚于现在");
    expect(
      followUpIssueText({ kind: "invalid_state", field: "status", message: "the call is already completed" }, t, "zh-CN"),
    ).toBe("这个回访已经结束，不能再录入");
  });

  it("shows a call's recorded changes as the screens do", () => {
    const t = i18n.t;
    expect(formatValue("outcome", "no_answer", t, "zh-CN")).toBe("无人接听");
    expect(formatValue("callStatus", "unreachable", t, "zh-CN")).toBe("无法联系");
    expect(formatValue("csi", 7500, t, "zh-CN")).toBe("75.0");
    expect(formatValue("nextAttemptOn", "2026-11-24", t, "zh-CN")).toBe("2026-11-24");
    expect(changeLabel("callStatus", t)).toBe("回访状态");
    expect(t("history.actions.call_attempted")).toBe("回访拨打");
  });
});
