import { describe, expect, it } from "vitest";
import { stripSubjectPrefixes } from "./strip-subject-prefixes.ts";

describe("stripSubjectPrefixes", () => {
  it.each([
    ["Re: Printer", "Printer"],
    ["RE: RE: re: Printer", "Printer"],
    ["AW: Re[2]: WG: SV: Printer", "Printer"],
    ["Antw: Antwort: VS: Printer", "Printer"],
    ["TR : RÉF : Printer", "Printer"],
    ["Fwd: Fw: RV: Printer", "Printer"],
    ["Re (3): Re^2: Printer", "Printer"],
    ["Re：全角コロン", "全角コロン"],
    ["Ynt: Odp: Vá: Printer", "Printer"],
    ["回复: 打印机", "打印机"],
    ["رد: الطابعة", "الطابعة"],
    ["  Re:   spaced    out  ", "spaced out"],
  ])("%j becomes %j", (subject, title) => {
    expect(stripSubjectPrefixes(subject).title).toBe(title);
  });

  it("keeps words that only look like prefixes and prefixes that are not at the start", () => {
    expect(stripSubjectPrefixes("Return of the laptop").title).toBe("Return of the laptop");
    expect(stripSubjectPrefixes("Fwdx: not a prefix").title).toBe("Fwdx: not a prefix");
    expect(stripSubjectPrefixes("[list] Re: stays after a list tag").title).toBe("[list] Re: stays after a list tag");
    expect(stripSubjectPrefixes("R: one letter is a subject").title).toBe("R: one letter is a subject");
    expect(stripSubjectPrefixes("Laufwerk S: nicht erreichbar").title).toBe("Laufwerk S: nicht erreichbar");
  });

  it("removes the [#N] tag wherever it stands and reports the first one's number", () => {
    expect(stripSubjectPrefixes("Re: [#1234] Printer")).toEqual({
      title: "Printer",
      tagNumber: 1234,
      forwarded: false,
    });
    expect(stripSubjectPrefixes("AW: Printer [#77]").tagNumber).toBe(77);
    expect(stripSubjectPrefixes("Re: [#12] Re: [#13] Printer")).toEqual({
      title: "Printer",
      tagNumber: 12,
      forwarded: false,
    });
    expect(stripSubjectPrefixes("[#abc] [# 12] #12 Printer")).toEqual({
      title: "[#abc] [# 12] #12 Printer",
      tagNumber: null,
      forwarded: false,
    });
  });

  it("tells a forward by its outermost prefix", () => {
    expect(stripSubjectPrefixes("Fwd: Re: Invoice").forwarded).toBe(true);
    expect(stripSubjectPrefixes("WG: Invoice").forwarded).toBe(true);
    expect(stripSubjectPrefixes("Re: Fwd: Invoice").forwarded).toBe(false);
    expect(stripSubjectPrefixes("Invoice").forwarded).toBe(false);
  });

  it("never gives an empty title", () => {
    expect(stripSubjectPrefixes("").title).toBe("(no subject)");
    expect(stripSubjectPrefixes("Re: [#5]").title).toBe("(no subject)");
    expect(stripSubjectPrefixes("Re: [#5]").tagNumber).toBe(5);
  });
});
