import { describe, expect, it } from "vitest";
import { hardwareIdFrom, hardwareIdFromServiceOutput } from "./hardware-id.ts";

describe("hardwareIdFrom", () => {
  it("hashes the SMBIOS UUID, the same however the firmware writes it", () => {
    const id = hardwareIdFrom("4C4C4544-0042-3510-8052-B4C04F4D3732", "ignored");
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hardwareIdFrom("{4c4c4544-0042-3510-8052-b4c04f4d3732}\n", null)).toBe(id);
    expect(id).not.toContain("4c4c4544");
  });

  it("falls back to the serial when the UUID is a placeholder many boards share, and gives null when both are", () => {
    const bySerial = hardwareIdFrom("03000200-0400-0500-0006-000700080009", "CN0H2K7V");
    expect(bySerial).toBe(hardwareIdFrom(null, "CN0H2K7V"));
    expect(bySerial).not.toBe(hardwareIdFrom(null, "CN0H2K7W"));
    expect(hardwareIdFrom("00000000-0000-0000-0000-000000000000", "To be filled by O.E.M.")).toBeNull();
    expect(hardwareIdFrom("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "Default string")).toBeNull();
    expect(hardwareIdFrom(undefined, "  ")).toBeNull();
  });
});

describe("hardwareIdFromServiceOutput", () => {
  it("reads helpline-service.exe --hardware-id: the UUID line, else the serial line", () => {
    const uuid = "4C4C4544-0042-3510-8052-B4C04F4D3732";
    expect(hardwareIdFromServiceOutput(`${uuid}\r\nCN0H2K7V\r\n`)).toBe(hardwareIdFrom(uuid, null));
    expect(hardwareIdFromServiceOutput("\r\nCN0H2K7V\r\n")).toBe(hardwareIdFrom(null, "CN0H2K7V"));
    expect(hardwareIdFromServiceOutput(null)).toBeNull();
  });
});
