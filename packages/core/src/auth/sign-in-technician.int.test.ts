import { getPrisma } from "@helpline/db";
import { createTechnicianRow, TEST_PASSWORD, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { endSession } from "./end-session.ts";
import { getSessionTechnician } from "./get-session-technician.ts";
import { SIGN_IN_THROTTLE, signInTechnician } from "./sign-in-technician.ts";

const ip = () => unique("ip");

describe("signInTechnician", () => {
  it("opens a session for the right email and password", async () => {
    const technician = await createTechnicianRow();
    const result = await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: ip() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.technician).toMatchObject({ id: technician.id, role: "technician" });
    expect(await getSessionTechnician({ sessionId: result.sessionId })).toMatchObject({ id: technician.id });
    const audit = await getPrisma().auditEvent.findFirst({
      where: { actorId: technician.id, action: "technician.signed_in" },
    });
    expect(audit).not.toBeNull();
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled account", async () => {
    const technician = await createTechnicianRow();
    const disabled = await createTechnicianRow({ disabled: true });
    const answers = await Promise.all([
      signInTechnician({ email: technician.email, password: "wrong password", ip: ip() }),
      signInTechnician({ email: `${unique()}@example.test`, password: TEST_PASSWORD, ip: ip() }),
      signInTechnician({ email: disabled.email, password: TEST_PASSWORD, ip: ip() }),
    ]);
    expect(answers).toEqual(Array(3).fill({ ok: false, reason: "invalid_credentials" }));
  });

  it("throttles an address after 10 failures in 15 minutes, even with the right password, and only that address", async () => {
    const technician = await createTechnicianRow();
    const attacker = ip();
    for (let attempt = 0; attempt < SIGN_IN_THROTTLE.maxFailures; attempt++) {
      expect(await signInTechnician({ email: technician.email, password: `guess-${attempt}`, ip: attacker })).toEqual({
        ok: false,
        reason: "invalid_credentials",
      });
    }
    expect(await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: attacker })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: ip() })).ok).toBe(true);
  });

  it("25 wrong passwords at once from one address: 10 are checked, the rest and then the right one are throttled", async () => {
    const technician = await createTechnicianRow();
    const attacker = ip();
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, attempt) =>
        signInTechnician({ email: technician.email, password: `guess-${attempt}`, ip: attacker }),
      ),
    );
    expect(answers.filter((answer) => !answer.ok && answer.reason === "invalid_credentials")).toHaveLength(
      SIGN_IN_THROTTLE.maxFailures,
    );
    expect(answers.filter((answer) => !answer.ok && answer.reason === "throttled")).toHaveLength(
      25 - SIGN_IN_THROTTLE.maxFailures,
    );
    expect(await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: attacker })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("a right password gives its try back: 9 failures, then any number of good sign-ins, still leave one try", async () => {
    const technician = await createTechnicianRow();
    const address = ip();
    await getPrisma().signInFailure.createMany({
      data: Array.from({ length: SIGN_IN_THROTTLE.maxFailures - 1 }, () => ({ ip: address })),
    });
    const good = await Promise.all(
      Array.from({ length: 3 }, () =>
        signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: address }),
      ),
    );
    expect(good.filter((answer) => answer.ok).length).toBeGreaterThanOrEqual(1);
    expect((await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: address })).ok).toBe(true);
    expect(await getPrisma().signInFailure.count({ where: { ip: address } })).toBe(SIGN_IN_THROTTLE.maxFailures - 1);
  });

  it("forgets failures older than the window", async () => {
    const technician = await createTechnicianRow();
    const address = ip();
    const old = new Date(Date.now() - SIGN_IN_THROTTLE.windowMs - 1000);
    await getPrisma().signInFailure.createMany({ data: Array.from({ length: 12 }, () => ({ ip: address, at: old })) });
    expect((await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: address })).ok).toBe(true);
  });
});

describe("console sessions", () => {
  it("end at sign-out, at expiry and when the technician is disabled", async () => {
    const technician = await createTechnicianRow();
    const open = async () => {
      const result = await signInTechnician({ email: technician.email, password: TEST_PASSWORD, ip: ip() });
      if (!result.ok) throw new Error("sign-in failed");
      return result.sessionId;
    };

    const signedOut = await open();
    await endSession({ sessionId: signedOut });
    expect(await getSessionTechnician({ sessionId: signedOut })).toBeNull();

    const expired = await open();
    await getPrisma().session.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionTechnician({ sessionId: expired })).toBeNull();

    const live = await open();
    await getPrisma().technician.update({ where: { id: technician.id }, data: { disabled: true } });
    expect(await getSessionTechnician({ sessionId: live })).toBeNull();
  });

  it("ignores session ids that are not ids", async () => {
    expect(await getSessionTechnician({ sessionId: "' OR 1=1 --" })).toBeNull();
    expect(await getSessionTechnician({ sessionId: undefined })).toBeNull();
  });
});
