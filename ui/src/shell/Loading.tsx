import { Spin } from "antd";

/** What shows while a screen's code (or its first answer) is on its way. */
export function Loading({ testId }: { testId?: string }) {
  return (
    <div className="app-loading" data-testid={testId}>
      <Spin size="large" />
    </div>
  );
}
