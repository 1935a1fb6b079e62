import { expect, it } from "vitest";
import { describeServiceState, readServiceState } from "./service-state.ts";

it("describes the service host's answer, and says so when there was none", () => {
  expect(describeServiceState("running\r\n")).toBe("Service: HelplineAgent running");
  expect(describeServiceState("stop-pending\r\n")).toBe("Service: HelplineAgent stop pending");
  expect(describeServiceState("not-installed\r\n")).toBe(
    "Service: HelplineAgent is not installed (the agent runs only when started by hand)",
  );
  expect(describeServiceState(null)).toBe(
    "Service: unknown (helpline-service.exe could not ask the Service Control Manager)",
  );
  expect(describeServiceState("garbage")).toBe(
    "Service: unknown (helpline-service.exe could not ask the Service Control Manager)",
  );
});

it("is only asked on Windows", () => {
  expect(readServiceState("linux")).toBeNull();
  expect(readServiceState("darwin")).toBeNull();
});
