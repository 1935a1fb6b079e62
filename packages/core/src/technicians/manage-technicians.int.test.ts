import { getPrisma } from "@helpline/db";
import { createTechnicianRow, unique } from "@helpline/db/testing";
import { describe, expect, it } from "vitest";
import { signInTechnician } from "../auth/sign-in-technician.ts";
import { getSessionTechnician } from "../auth/get-session-technician.ts";
import { DomainError } from "../errors.ts";
import { createTechnician } from "./create-technician.ts";
import { listTechnicians } from "./list-technicians.ts";
import { setTechnicianDisabled } from "./set-technician-disabled.ts";
import { ZCreateTechnicianInput } from "./technician-input.ts";

const adminActor = async () => {
  const admin = await createTechnicianRow({ role: "admin" });
  return { id: admin.id, role: "admin" as const };
};

const newTechnician = () =>
  ZCreateTechnicianInput.parse({
    name: "Sam Tech",
    email: `${unique()}@Example.test`,
    password: "a long enough password",
    role: "technician",
  });

describe("managing technicians", () => {
  it("an admin adds a technician who can then sign in, and the audit log says who did it", async () => {
    const actor = await adminActor();
    const input = newTechnician();
    expect(input.email).toBe(input.email.toLowerCase());
    const created = await createTechnician({ actor, input });
    expect(created).not.toHaveProperty("passwordHash");
    expect((await signInTechnician({ email: input.email, password: input.password, ip: unique() })).ok).toBe(true);
    const audit = await getPrisma().auditEvent.findFirst({
      where: { action: "technician.created", subject: `technician:${created.id}` },
    });
    expect(audit).toMatchObject({ actorType: "technician", actorId: actor.id });
    expect((await listTechnicians({ actor })).map((row) => row.id)).toContain(created.id);
  });

  it("refuses a second technician with the same email, and writes nothing", async () => {
    const actor = await adminActor();
    const input = newTechnician();
    await createTechnician({ actor, input });
    const before = await getPrisma().auditEvent.count({ where: { actorId: actor.id } });
    await expect(createTechnician({ actor, input })).rejects.toMatchObject({ code: "email_taken", status: 409 });
    expect(await getPrisma().auditEvent.count({ where: { actorId: actor.id } })).toBe(before);
  });

  it("is for admins only", async () => {
    const technician = await createTechnicianRow();
    const actor = { id: technician.id, role: "technician" as const };
    await expect(createTechnician({ actor, input: newTechnician() })).rejects.toBeInstanceOf(DomainError);
    await expect(listTechnicians({ actor })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(
      setTechnicianDisabled({ actor, input: { technicianId: technician.id, disabled: true } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("disabling signs the technician out at once; an admin cannot disable themself", async () => {
    const actor = await adminActor();
    const technician = await createTechnicianRow();
    const session = await getPrisma().session.create({
      data: { technicianId: technician.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    await setTechnicianDisabled({ actor, input: { technicianId: technician.id, disabled: true } });
    expect(await getSessionTechnician({ sessionId: session.id })).toBeNull();
    expect(await getPrisma().session.count({ where: { technicianId: technician.id } })).toBe(0);
    await setTechnicianDisabled({ actor, input: { technicianId: technician.id, disabled: false } });
    expect((await getPrisma().technician.findUniqueOrThrow({ where: { id: technician.id } })).disabled).toBe(false);

    await expect(
      setTechnicianDisabled({ actor, input: { technicianId: actor.id, disabled: true } }),
    ).rejects.toMatchObject({ code: "cannot_disable_self" });
    await expect(
      setTechnicianDisabled({ actor, input: { technicianId: crypto.randomUUID(), disabled: true } }),
    ).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("two admins disabling each other at once: one wins, the other is refused, so an admin always stays enabled", async () => {
    for (let round = 0; round < 3; round++) {
      const [alice, bob] = [await createTechnicianRow({ role: "admin" }), await createTechnicianRow({ role: "admin" })];
      const results = await Promise.allSettled([
        setTechnicianDisabled({
          actor: { id: alice.id, role: "admin" },
          input: { technicianId: bob.id, disabled: true },
        }),
        setTechnicianDisabled({
          actor: { id: bob.id, role: "admin" },
          input: { technicianId: alice.id, disabled: true },
        }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(
        results
          .filter((result) => result.status === "rejected")
          .map((result) => (result as PromiseRejectedResult).reason.code),
      ).toEqual(["forbidden"]);
      expect(await getPrisma().technician.count({ where: { id: { in: [alice.id, bob.id] }, disabled: false } })).toBe(
        1,
      );
    }
  });

  it("validates input with clear messages", () => {
    const result = ZCreateTechnicianInput.safeParse({
      name: "",
      email: "not-an-email",
      password: "short",
      role: "owner",
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toMatchObject({
      name: "Enter a name.",
      email: "Enter a valid email address.",
      password: "Use at least 12 characters.",
    });
    expect(messages.role).toBeDefined();
  });
});
