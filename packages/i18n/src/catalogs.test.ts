import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGS, DEFAULT_LOCALE, LOCALES, getTranslator } from "./index.ts";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** The arguments and rich-text tags a message uses, with their ICU type: "name:argument", "at:date", "<b>". */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`${element.value}:argument`);
          break;
        case TYPE.number:
          found.add(`${element.value}:number`);
          break;
        case TYPE.date:
          found.add(`${element.value}:date`);
          break;
        case TYPE.time:
          found.add(`${element.value}:time`);
          break;
        case TYPE.tag:
          found.add(`<${element.value}>`);
          walk(element.children);
          break;
        case TYPE.plural:
        case TYPE.select:
          found.add(`${element.value}:${element.type === TYPE.plural ? "plural" : "select"}`);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const source = flatten(CATALOGS[DEFAULT_LOCALE] as Tree);

describe.each(LOCALES.filter((locale) => locale !== DEFAULT_LOCALE))("the %s catalog", (locale) => {
  const catalog = flatten(CATALOGS[locale] as Tree);

  it("has every key of the English catalog and no other", () => {
    expect([...catalog.keys()].sort()).toEqual([...source.keys()].sort());
  });

  it("uses the same placeholders and tags as English in every message", () => {
    const differing = [...source].flatMap(([key, english]) => {
      const translated = catalog.get(key);
      if (translated === undefined) return [];
      const want = placeholders(english).join(", ");
      const have = placeholders(translated).join(", ");
      return want === have ? [] : [`${key}: English has [${want}], ${locale} has [${have}]`];
    });
    expect(differing).toEqual([]);
  });

  it("has no empty message", () => {
    const empty = [...catalog].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

describe("every catalog", () => {
  it.each(LOCALES)("%s parses as ICU messages", (locale) => {
    const broken = [...flatten(CATALOGS[locale] as Tree)].flatMap(([key, text]) => {
      try {
        parse(text);
        return [];
      } catch (error) {
        return [`${key}: ${(error as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it("translates with placeholders filled in each language", () => {
    expect(getTranslator("en", "mail")("hello", { name: "Ada" })).toBe("Hello Ada,");
    expect(getTranslator("fr", "mail")("hello", { name: "Ada" })).toBe("Bonjour Ada,");
  });
});
